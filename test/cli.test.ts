import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/model/decimal.js';
import { tollgate } from './cli-run.js';

const RECSYS = 'scenarios/recsys-feature-store.yaml';

describe('tollgate estimate --format json', () => {
  it('follows the DESIGN.md contract: decimal strings, lines that add up to the totals', async () => {
    const { code, stdout, stderr } = await tollgate(['estimate', RECSYS, '--format', 'json']);
    // The only thing on stderr: the GCP prices are older than the default 90 days at the pinned
    // clock (2026-11-25), since every figure carries its source's own date (2026-07-30).
    expect(stderr).toBe('warning: pricing/gcp.yaml prices are 118 days old (as_of 2026-07-30, older than 90 days); refresh with `tollgate pricing update gcp`\n');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.scenario).toBe('recsys-feature-store');
    expect(out.currency).toBe('USD');
    expect(out.pricing.map((p: { provider: string }) => p.provider).sort()).toEqual(['aws', 'gcp']);
    for (const p of out.pricing) {
      expect(p.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.source).toMatch(/^https:\/\//);
    }
    const trainers = out.lines.find((l: { name: string }) => l.name === 'trainers');
    expect(trainers).toMatchObject({ kind: 'node', category: 'compute', provider: 'aws', region: 'us-east-1', quantity: '800', unit: 'hour', rate: '21.957642', cost: '17566.1136' });
    for (const l of out.lines) for (const k of ['quantity', 'rate', 'cost']) expect(typeof l[k]).toBe('string');
    const categories = ['compute', 'storage', 'egress', 'ingress', 'network'];
    for (const c of categories) {
      const sum = out.lines.filter((l: { category: string }) => l.category === c).reduce((s: Decimal, l: { cost: string }) => s.plus(l.cost), new Decimal(0));
      expect(sum.eq(out.totals[c])).toBe(true);
    }
    expect(categories.reduce((s, c) => s.plus(out.totals[c]), new Decimal(0)).eq(out.totals.total)).toBe(true);
    expect(out.assumptions.length).toBeGreaterThan(0);
  });

  it('prices the cross-cloud feature pull on AWS internet egress tiers across both AWS flows', async () => {
    const out = JSON.parse((await tollgate(['estimate', RECSYS, '--format', 'json'])).stdout);
    const pull = out.lines.find((l: { name: string }) => l.name === 'nightly-feature-pull');
    const artifacts = out.lines.find((l: { name: string }) => l.name === 'model-artifacts');
    expect(pull.path).toBe('cross-cloud');
    expect(pull.tiers.aggregate).toBe('9150');
    // (9,000 + 150 - 100 free) GB × $0.09, shared 9000:150
    expect(new Decimal(pull.cost).plus(artifacts.cost).toFixed()).toBe('814.5');
  });
});

describe('tollgate estimate, human formats', () => {
  it('prints a table that fits 80 columns, with dates, categories and the total', async () => {
    const { code, stdout } = await tollgate(['estimate', RECSYS]);
    expect(code).toBe(0);
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(stdout).toMatch(/^pricing: aws \d{4}-\d{2}-\d{2} · gcp \d{4}-\d{2}-\d{2}$/m);
    expect(stdout).toMatch(/^COMPUTE\s+\$21,746\.49$/m);
    expect(stdout).toMatch(/^ {2}trainers\s+800 hour × \$21\.957642\s+\$17,566\.11$/m);
    expect(stdout).toMatch(/^TOTAL per month\s+\$[\d,]+\.\d\d$/m);
    expect(stdout).toMatch(/budget \$40,000\.00\/month: [\d.]+% used, within budget/);
  });

  it('prints CSV with one row per line item and exact decimals', async () => {
    const { stdout } = await tollgate(['estimate', RECSYS, '--format', 'csv']);
    const rows = stdout.trim().split('\n');
    expect(rows[0]).toBe('scenario,kind,name,category,provider,region,path,description,quantity,unit,rate,cost,purchase,gpu_hour_rate,covered_hours,uncovered_hours,waste,billed_hours_expected,billed_hours_p95,paid_hours,idle_hours');
    expect(rows.find((r) => r.includes(',trainers,'))).toMatch(/,800,hour,21\.957642,17566\.1136,on-demand,2\.744\d+,,,,,,,$/);
  });

  it('prints Markdown fit for a pull request', async () => {
    const { stdout } = await tollgate(['estimate', RECSYS, '--format', 'markdown']);
    expect(stdout).toMatch(/^### recsys-feature-store: \$[\d,]+\.\d\d\/month$/m);
    expect(stdout).toContain('| Category | Line | Quantity × rate | Cost |');
    expect(stdout).toMatch(/^\| \*\*total\*\* \| \| \| \*\*\$[\d,]+\.\d\d\*\* \|$/m);
  });

  it('applies a --pricing override and reports it among the tables used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-'));
    const file = join(dir, 'negotiated.yaml');
    writeFileSync(file, 'provider: aws\nas_of: "2026-10-01"\nsource: contract ACME-2026\ninstances:\n  p4d.24xlarge:\n    on_demand: {us-east-1: 15}\n');
    const out = JSON.parse((await tollgate(['estimate', RECSYS, '--format', 'json', '--pricing', file])).stdout);
    expect(out.lines.find((l: { name: string }) => l.name === 'trainers').cost).toBe('12000');
    expect(out.pricing.find((p: { role: string }) => p.role === 'override')).toMatchObject({ provider: 'aws', as_of: '2026-10-01' });
  });
});

describe('tollgate arguments and exit codes', () => {
  it('exits 2 with a hint for an unknown verb, format or option', async () => {
    const verb = await tollgate(['estmate', RECSYS]);
    expect(verb.code).toBe(2);
    expect(verb.stderr).toContain('unknown verb "estmate"; did you mean estimate?');
    const format = await tollgate(['estimate', RECSYS, '--format', 'jsn']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('did you mean json?');
    const option = await tollgate(['estimate', RECSYS, '--fromat', 'json']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Run 'tollgate estimate --help'");
  });

  it('exits 2 when a scenario file does not exist', async () => {
    const r = await tollgate(['estimate', 'nope.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('nope.yaml: error: scenario file not found or not readable\n  hint: bundled examples are in scenarios/\n');
  });

  it('has help for every verb', async () => {
    const general = await tollgate(['--help']);
    expect(general.code).toBe(0);
    expect(general.stdout).toContain('exit codes: 0 ok');
    const verbs = [...general.stdout.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]!);
    expect(verbs).toContain('estimate');
    for (const verb of verbs) {
      const r = await tollgate([verb, '--help']);
      expect(r.code, verb).toBe(0);
      expect(r.stdout, verb).toMatch(new RegExp(`^usage: tollgate (\\[)?${verb}`));
    }
  });

  it('open without a terminal prints the estimate table and exits 0', async () => {
    const r = await tollgate([RECSYS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^TOTAL per month/m);
  });
});

describe('stale pricing', () => {
  it('warns on stderr when a table is older than --max-age, leaving stdout JSON clean', async () => {
    const r = await tollgate(['estimate', RECSYS, '--format', 'json', '--max-age', '1']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scenario).toBe('recsys-feature-store');
    expect(r.stderr).toMatch(/^warning: pricing\/aws\.yaml prices are \d+ days old \(as_of \d{4}-\d{2}-\d{2}, older than 1 days\); refresh with `tollgate pricing update aws`$/m);
  });

  it('rejects a --max-age that is not a whole number of days', async () => {
    const r = await tollgate(['estimate', RECSYS, '--max-age', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-age takes a whole number of days');
  });
});
