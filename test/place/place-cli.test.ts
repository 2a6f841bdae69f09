import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import { loadScenario } from '../../src/model/load-scenario.js';
import { REPO } from '../helpers.js';
import { runMain } from '../pricing/run-main.js';
import { scenarioFiles } from '../commands/scenario-files.js';

const EXAMPLES = readdirSync(join(REPO, 'scenarios')).filter((f) => f.endsWith('.yaml'));
// Few samples: the test is that place and estimate agree, not the spread itself.
const SAMPLING = ['--samples', '400', '--seed', '7'];

function copyOf(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-place-'));
  const file = join(dir, name);
  copyFileSync(join(REPO, 'scenarios', name), file);
  return file;
}

async function json(argv: string[]) {
  const r = await runMain(argv);
  expect(r.code, r.stderr).toBe(0);
  return { ...r, json: JSON.parse(r.stdout) };
}

describe('tollgate place: every figure is what estimate prints for the file --apply writes', () => {
  for (const name of EXAMPLES) {
    it(name, async () => {
      const file = copyOf(name);
      const first = loadScenario(file).scenario.nodes![0]!;
      const group = first.name;
      if (first.purchase !== undefined && first.purchase !== 'on-demand' && first.purchase !== 'spot') {
        // Bought for one instance in one region: placed only at an option asked for, never silently.
        const refused = await runMain(['place', file, '--vary', `nodes.${group}`]);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain(`${group} is bought as ${first.purchase}, which placement does not price across regions`);
        return;
      }
      const place = await json(['place', file, '--vary', `nodes.${group}`, '--top', 'all', '--format', 'json', ...SAMPLING]);
      const ranked = place.json.candidates as { rank: number; totals: Record<string, string>; spread?: { p50: string; p95: string } }[];
      expect(ranked.length).toBeGreaterThan(0);
      // The cheapest and the dearest: both ends of the ranking.
      for (const pick of new Set([1, ranked.length])) {
        const applied = copyOf(name);
        const r = await runMain(['place', applied, '--vary', `nodes.${group}`, '--apply', String(pick), '--format', 'json', ...SAMPLING]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain(`applied placement ${pick}`);
        const est = await json(['estimate', applied, '--format', 'json', ...SAMPLING]);
        const e = est.json.scenarios?.[0] ?? est.json;
        expect(ranked[pick - 1]!.totals).toEqual(e.totals);
        if (ranked[pick - 1]!.spread) {
          const total = e.uncertainty.spread.total as { p50: string; p95: string };
          expect({ p50: ranked[pick - 1]!.spread!.p50, p95: ranked[pick - 1]!.spread!.p95 }).toEqual({ p50: total.p50, p95: total.p95 });
        }
      }
    }, 60_000);
  }
});

describe('tollgate place on the recommender example', () => {
  it('ranks where the serving nodes could sit and says what their transfers cost at each', async () => {
    const r = await runMain(['place', 'scenarios/recsys-feature-store.yaml', '--vary', 'nodes.serving', '--top', '3']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain('where should nodes.serving sit?');
    // Next to the S3 store the nightly pull is inter-region, not internet egress.
    expect(r.stdout).toMatch(/1 +\$23,040\.57 +-\$221\.51/);
    expect(r.stdout).toContain('nightly-feature-pull $801.15 → $90.00');
    expect(r.stdout).toContain('serving → aws:us-east-2 g6.2xlarge on-demand');
    expect(r.stdout).toContain('they move with it (as nodes:serving');
  });

  it('--apply writes only the changed values: comments and layout stay', async () => {
    const file = copyOf('recsys-feature-store.yaml');
    const before = readFileSync(file, 'utf8');
    const r = await runMain(['place', file, '--vary', 'nodes.serving', '--apply', '1', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after).toContain('# the cross-cloud line this file exists for');
    expect(after).toContain('to: nodes:serving');
    expect(after).toMatch(/name: serving\n    provider: aws\n    region: us-east-2\n    instance: g6\.2xlarge/);
    // The comment on the changed instance line is kept and named, since it may no longer hold.
    expect(r.stderr).toContain('# 1× L4, GPU included in the hourly price');
    const changed = before.split('\n').filter((l, i) => l !== after.split('\n')[i]);
    expect(changed.length).toBeLessThanOrEqual(6);
  });

  it('constraints narrow the candidates: --providers, --regions globs, --exclude, --max-p95', async () => {
    const only = await json(['place', 'scenarios/recsys-feature-store.yaml', '--vary', 'nodes.serving', '--providers', 'gcp', '--regions', 'us-*', '--exclude', 'us-east4', '--top', 'all', '--format', 'json']);
    const places = (only.json.candidates as { placement: { provider: string; region: string }[] }[]).map((c) => `${c.placement[0]!.provider}:${c.placement[0]!.region}`);
    expect(places.length).toBeGreaterThan(1);
    for (const p of places) expect(p).toMatch(/^gcp:us-(?!east4)/);
    const glob = await json(['place', 'scenarios/recsys-feature-store.yaml', '--vary', 'nodes.serving', '--regions', 'aws:us-*', '--top', 'all', '--format', 'json']);
    for (const c of glob.json.candidates) expect(`${c.placement[0].provider}:${c.placement[0].region}`).toMatch(/^aws:us-/);
    const capped = await json(['place', 'scenarios/recsys-feature-store.yaml', '--vary', 'nodes.serving', '--max-p95', '23200', '--top', 'all', '--format', 'json']);
    expect(capped.json.candidates.map((c: { rank: number }) => c.rank)).toEqual([1, 2, 3]);
    expect(capped.json.over_max_p95).toBeGreaterThan(0);
  });

  it('two groups are placed together: the cross product', async () => {
    const two = await json(['place', 'scenarios/recsys-feature-store.yaml', '--vary', 'nodes.serving', '--vary', 'nodes.feature-api', '--providers', 'aws', '--regions', 'us-east-*', '--top', 'all', '--format', 'json']);
    const one = await json(['place', 'scenarios/recsys-feature-store.yaml', '--vary', 'nodes.serving', '--providers', 'aws', '--regions', 'us-east-*', '--top', 'all', '--format', 'json']);
    const api = await json(['place', 'scenarios/recsys-feature-store.yaml', '--vary', 'nodes.feature-api', '--providers', 'aws', '--regions', 'us-east-*', '--top', 'all', '--format', 'json']);
    expect(two.json.ranked).toBe(one.json.ranked * api.json.ranked);
    expect(two.json.candidates[0].placement.map((p: { group: string }) => p.group)).toEqual(['serving', 'feature-api']);
  });

  it('formats: csv has a row a placement, markdown a table', async () => {
    const csv = await runMain(['place', 'scenarios/recsys-feature-store.yaml', '--vary', 'nodes.serving', '--top', '4', '--format', 'csv']);
    expect(csv.stdout.trim().split('\n')).toHaveLength(5);
    expect(csv.stdout.split('\n')[0]).toContain('rank,placement,total,delta');
    const md = await runMain(['place', 'scenarios/recsys-feature-store.yaml', '--vary', 'nodes.serving', '--top', '2', '--format', 'markdown']);
    expect(md.stdout).toContain('| 1 | serving → aws:us-east-2 g6.2xlarge on-demand | $23,040.57 |');
  });
});

describe('tollgate place --consider-copy', () => {
  it('prices the store copied next to each placement away from it, with the break-even read volume', async () => {
    const r = await json(['place', 'scenarios/feature-store-read-nightly.yaml', '--vary', 'nodes.trainers', '--consider-copy', 'storage.feature-store', '--regions', 'gcp:us-central1', '--top', 'all', '--format', 'json', ...SAMPLING]);
    const copies = r.json.candidates.filter((c: { copy?: unknown }) => c.copy);
    expect(copies).toHaveLength(1);
    const c = copies[0];
    expect(c.copy.replica).toMatchObject({ name: 'feature-store-copy', provider: 'gcp', region: 'us-central1', class: 'gcs-standard', gb: '20000' });
    expect(c.copy.refresh.gb_per_month).toBe(new Decimal(20000).div(12).ceil().toFixed());
    expect(c.copy.read_gb_per_month).toBe('12000');
    // Reading 12,000 GB a month across clouds costs more than keeping a copy: copying pays above the break-even, below today's reads.
    expect(c.copy.break_even.copy_cheaper).toBe('above');
    expect(Number(c.copy.break_even.read_gb_per_month)).toBeLessThan(12000);
    const read = c.changes.find((l: { name: string }) => l.name === 'nightly-feature-read');
    expect(read.after).toBe('0');
  });

  it('--apply writes a copy placement (the replica and its refresh appended, the reads moved to it), comments kept; estimate prints its every figure', async () => {
    const file = copyOf('feature-store-read-nightly.yaml');
    const before = readFileSync(file, 'utf8');
    const args = ['--vary', 'nodes.trainers', '--consider-copy', 'storage.feature-store', '--top', 'all', '--format', 'json', ...SAMPLING];
    const all = await json(['place', file, ...args]);
    const copies = all.json.candidates.filter((c: { copy?: unknown }) => c.copy) as { rank: number; totals: Record<string, string>; spread?: { p50: string; p95: string } }[];
    expect(copies.length).toBeGreaterThan(0);
    for (const c of [copies[0]!, copies.at(-1)!]) {
      const applied = copyOf('feature-store-read-nightly.yaml');
      const r = await runMain(['place', applied, ...args, '--apply', String(c.rank)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`applied placement ${c.rank} .* with feature-store-copy there and its refresh`));
      const est = await json(['estimate', applied, '--format', 'json', ...SAMPLING]);
      expect(c.totals).toEqual(est.json.totals);
      if (c.spread) expect({ p50: c.spread.p50, p95: c.spread.p95 }).toEqual({ p50: est.json.uncertainty.spread.total.p50, p95: est.json.uncertainty.spread.total.p95 });
      const text = readFileSync(applied, 'utf8');
      for (const line of before.split('\n').filter((l) => l.trimStart().startsWith('#'))) expect(text).toContain(line);
      const written = loadScenario(applied).scenario;
      expect(written.storage!.map((x) => x.name)).toContain('feature-store-copy');
      // The refresh in whole GB: 20,000 ÷ 12 rounded up, a number the file holds as it is.
      expect(written.transfers!.find((t) => t.name === 'feature-store-copy-refresh')!.gb_per_month!.toFixed()).toBe('1667');
      expect(written.transfers!.find((t) => t.name === 'nightly-feature-read')!.from).toBe('storage:feature-store-copy');
    }
    const typo = await runMain(['place', file, '--vary', 'nodes.trainers', '--consider-copy', 'storage.feature-stor']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean storage.feature-store?');
  });
});

describe('tollgate place: bad input', () => {
  it('no --vary, an unknown group, an --apply past the list: exit 2 with the groups named', async () => {
    const none = await runMain(['place', 'scenarios/recsys-feature-store.yaml']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('node groups: nodes.trainers, nodes.feature-api, nodes.serving');
    const typo = await runMain(['place', 'scenarios/recsys-feature-store.yaml', '--vary', 'nodes.servng']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean nodes.serving?');
    const far = await runMain(['place', 'scenarios/recsys-feature-store.yaml', '--vary', 'nodes.serving', '--apply', '999']);
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/pick one from 1 to \d+/);
  });

  it('no instance matches: file:line:col of the group, and what to try', async () => {
    const { plan } = scenarioFiles({ plan: 'name: p\nnodes:\n  - name: serving\n    provider: gcp\n    region: us-central1\n    instance: g2-standard-8\n    count: 1\n' });
    const r = await runMain(['place', plan!, '--vary', 'nodes.serving', '--gpu', 'B300']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${plan}:6:15: error: nodes.serving: no priced instance type has 1× B300 GPUs per node`);
    expect(r.stderr).toContain('--gpu MODEL or --min-gpu-memory GB');
    const nowhere = await runMain(['place', plan!, '--vary', 'nodes.serving', '--regions', 'mars-*']);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('within --regions');
  });
});
