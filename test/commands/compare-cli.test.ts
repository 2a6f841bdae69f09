import { describe, expect, it } from 'vitest';
import { runMain } from '../pricing/run-main.js';
import { scenarioFiles } from './scenario-files.js';

// Bundled AWS list prices: g5.xlarge 1.006/h in us-east-1; S3 Standard 0.023/GB-month
// (first 50 TB); us-east-1 → us-east-2 0.01/GB.
//   a: 2 × 100 h × 1.006 = 201.2; 1,000 GB stored = 23; 500 GB to us-east-2 = 5.  total 229.2
//   b: 1 × 100 h × 1.006 = 100.6; 1,000 GB stored = 23; no transfer.               total 123.6
const files = scenarioFiles({
  a: `name: two-nodes
budget: {monthly: 250}
nodes: [{name: gpu, provider: aws, region: us-east-1, instance: g5.xlarge, count: 2, hours: 100}]
storage: [{name: store, provider: aws, region: us-east-1, class: s3-standard, gb: 1000}]
transfers: [{name: copy, from: aws:us-east-1, to: aws:us-east-2, gb_per_month: 500}]
`,
  b: `name: one-node
nodes: [{name: gpu, provider: aws, region: us-east-1, instance: g5.xlarge, count: 1, hours: 100}]
storage: [{name: store, provider: aws, region: us-east-1, class: s3-standard, gb: 1000}]
`,
  ranged: `name: ranged
budget: {monthly: 250}
nodes: [{name: gpu, provider: aws, region: us-east-1, instance: g5.xlarge, count: {low: 1, expected: 2, high: 3}, hours: 100}]
`,
});

describe('tollgate compare', () => {
  it('json: exact totals, deltas and ratios against the first; lines matched by name', async () => {
    const r = await runMain(['compare', files.a!, files.b!, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.baseline).toBe('two-nodes');
    expect(j.cheapest).toBe('one-node');
    expect(j.total.scenarios.map((s: { cost: string; delta: string }) => [s.cost, s.delta])).toEqual([
      ['229.2', '0'],
      ['123.6', '-105.6'],
    ]);
    expect(j.total.scenarios[1].delta_ratio).toBe('-0.4607329842931937172774869109947643979058'); // 105.6 / 229.2
    expect(j.categories.storage.scenarios[1].delta).toBe('0');
    const copy = j.lines.find((l: { name: string }) => l.name === 'copy');
    expect(copy.scenarios.map((s: { cost: string | null }) => s.cost)).toEqual(['5', null]);
    expect(copy.moved).toBe(true);
    expect(j.lines.find((l: { name: string }) => l.name === 'store').moved).toBe(false);
  });

  it('markdown: a table for a pull request, cheapest in bold, moved lines listed', async () => {
    const r = await runMain(['compare', files.a!, files.b!, '--format', 'markdown']);
    expect(r.stdout).toContain('| **total** | $229.20 | **$123.60 · -$105.60 (-46.1%)** |');
    expect(r.stdout).toContain('| gpu (node, compute) | $201.20 | $100.60 · -$100.60 (-50%) |');
    expect(r.stdout).toContain('| copy (transfer, egress) | $5.00 | — · -$5.00 (gone) |');
    expect(r.stdout).not.toContain('store (storage');
  });

  it('table fits 80 columns and marks the cheapest total', async () => {
    const r = await runMain(['compare', files.a!, files.b!]);
    const lines = r.stdout.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(r.stdout).toMatch(/TOTAL per month\n {2}A +\$229\.20 +baseline\n {2}B +\$123\.60 +-\$105\.60 \(-46\.1%\) +◀ cheapest/);
  });

  it('csv: one row per figure and scenario', async () => {
    const r = await runMain(['compare', files.a!, files.b!, '--format', 'csv']);
    expect(r.stdout.split('\n')[0]).toBe('row,kind,name,category,scenario,cost,delta,delta_ratio,cheapest');
    expect(r.stdout).toContain('total,,,,one-node,123.6,-105.6,');
    expect(r.stdout).toContain('line,transfer,copy,egress,one-node,,-5,-1,yes');
  });

  it('adds the sampled spread for a scenario with ranges, reproducibly', async () => {
    const run = (seed: string) => runMain(['compare', files.a!, files.ranged!, '--format', 'json', '--samples', '400', '--seed', seed]);
    const [x, y, z] = await Promise.all([run('3'), run('3'), run('4')]);
    const spread = (r: { stdout: string }) => JSON.parse(r.stdout).scenarios[1].uncertainty.spread.total;
    expect(spread(x)).toEqual(spread(y));
    expect(spread(x)).not.toEqual(spread(z));
    expect(JSON.parse(x.stdout).scenarios[0].uncertainty).toBeUndefined();
    expect(Object.keys(spread(x))).toEqual(['expected', 'p50', 'p90', 'p95']);
    const table = (await runMain(['compare', files.a!, files.ranged!, '--samples', '400'])).stdout;
    // Counts 1–3 at 100 h × 1.006: every percentile is a whole number of nodes.
    expect(table).toMatch(/ {2}B · P\(total > budget \$250\.00\): [\d.]+%\n {4}compute +\$[\d,.]+ +\$(100\.60|201\.20|301\.80) /);
  });

  it('needs two scenarios: exit 2 with usage', async () => {
    const r = await runMain(['compare', files.a!]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('compare needs at least two SCENARIO files');
  });
});
