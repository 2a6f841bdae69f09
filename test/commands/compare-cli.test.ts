import { describe, expect, it } from 'vitest';
import { runMain } from '../pricing/run-main.js';
import { scenarioFiles } from './scenario-files.js';
import { csvRows } from '../csv-rows.js';

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
  // Swings (one input at a time, the others at expected): count 1 → 3 at 100 h × 1.006 = 201.2;
  // hours 80 → 120 at 2 nodes = 80.48; stored 500 → 1,500 GB at 0.023 = 23; copy 0 → 1,000 GB at 0.01 = 10.
  many: `name: many
nodes: [{name: gpu, provider: aws, region: us-east-1, instance: g5.xlarge, count: {low: 1, expected: 2, high: 3}, hours: {low: 80, expected: 100, high: 120}}]
storage: [{name: store, provider: aws, region: us-east-1, class: s3-standard, gb: {low: 500, expected: 1000, high: 1500}}]
transfers: [{name: copy, from: aws:us-east-1, to: aws:us-east-2, gb_per_month: {low: 0, expected: 500, high: 1000}}]
`,
});

const PAIR = ['scenarios/feature-store-replicated.yaml', 'scenarios/feature-store-read-nightly.yaml'];

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
    expect(r.stdout.split('\n')[0]).toBe('row,kind,name,category,scenario,cost,delta,delta_ratio,cheapest,purchase,gpu_hour_rate,covered_hours,uncovered_hours,waste,billed_hours_expected,billed_hours_p95,paid_hours,idle_hours');
    expect(r.stdout).toContain('total,,,,one-node,123.6,-105.6,');
    expect(r.stdout).toContain('line,transfer,copy,egress,one-node,,-5,-1,yes');
  });

  it('adds the sampled spread for a scenario with ranges, reproducibly', async () => {
    const run = (seed: string) => runMain(['compare', files.a!, files.ranged!, '--format', 'json', '--samples', '400', '--seed', seed]);
    const [x, y, z] = await Promise.all([run('3'), run('3'), run('4')]);
    const spread = (r: { stdout: string }) => JSON.parse(r.stdout).scenarios[1].uncertainty.spread.total;
    expect(spread(x)).toEqual(spread(y));
    expect(spread(x)).not.toEqual(spread(z));
    const cheaper = (r: { stdout: string }) => JSON.parse(r.stdout).scenarios[1].p_cheaper_than_baseline;
    expect(cheaper(x)).toBe(cheaper(y));
    // The same scenario sampled alone, with the same seed and count, shows the same spread: its inputs' draws depend on nothing else.
    const alone = JSON.parse((await runMain(['estimate', files.ranged!, '--format', 'json', '--samples', '400', '--seed', '3'])).stdout);
    expect(alone.uncertainty.spread.total).toEqual(spread(x));
    expect(JSON.parse(x.stdout).scenarios[0].uncertainty).toBeUndefined();
    expect(Object.keys(spread(x))).toEqual(['expected', 'p50', 'p90', 'p95']);
    const table = (await runMain(['compare', files.a!, files.ranged!, '--samples', '400'])).stdout;
    // Counts 1–3 at 100 h × 1.006: every percentile is a whole number of nodes.
    expect(table).toMatch(/ {2}B · P\(total > budget \$250\.00\): [\d.]+%\n {4}compute +\$[\d,.]+ +\$(100\.60|201\.20|301\.80) /);
  });

  it('csv: scenarios without ranges get no sampled rows (the output is the compared figures only)', async () => {
    const r = await runMain(['compare', files.a!, files.b!, '--format', 'csv']);
    expect(new Set(csvRows(r.stdout).slice(1).map((c) => c[0]))).toEqual(new Set(['category', 'total', 'line']));
  });

  it('csv: spread rows and the two probabilities for a ranged scenario, header unchanged by them', async () => {
    const r = await runMain(['compare', files.a!, files.ranged!, '--format', 'csv', '--samples', '20000']);
    const rows = csvRows(r.stdout);
    expect(rows[0]!.join(',')).toBe('row,kind,name,category,scenario,cost,delta,delta_ratio,cheapest,purchase,gpu_hour_rate,covered_hours,uncovered_hours,waste,billed_hours_expected,billed_hours_p95,paid_hours,idle_hours');
    // Counts 1–3 (triangular, mode 2, rounded) at 100 h × 1.006: 100.6, 201.2 or 301.8; A costs 229.2, the budget is 250.
    // P(3 nodes) = P(x ≥ 2.5) = (3 − 2.5)² / ((3 − 1)(3 − 2)) = 0.125: over budget 12.5%, cheaper than A 87.5%.
    const sampled = rows.filter((c) => c[0] === 'spread' || c[0] === 'probability');
    expect(sampled.filter((c) => c[0] === 'spread').map((c) => `${c[1]}:${c[3]}:${c[4]}`)).toEqual(
      ['compute', 'total'].flatMap((k) => ['expected', 'p50', 'p90', 'p95'].map((f) => `${f}:${k}:ranged`)),
    );
    const cell = (row: string, kind: string, column: number) => sampled.find((c) => c[0] === row && c[1] === kind && c[3] === 'total')![column]!;
    expect([cell('spread', 'p50', 5), cell('spread', 'p95', 5)]).toEqual(['201.2', '301.8']);
    expect(Math.abs(Number(cell('probability', 'over_budget', 7)) - 0.125)).toBeLessThan(0.015);
    expect(Math.abs(Number(cell('probability', 'cheaper_than_baseline', 7)) - 0.875)).toBeLessThan(0.015);
    expect(sampled.every((c) => c[4] === 'ranged')).toBe(true);
  });

  it('the bundled pair: the chance reading nightly costs less than replicating, hand-computed', async () => {
    // A (replicated) costs 7,012.97502984619140625. B costs 5,877.416 + 460 + egress on 30·x GB, x ~ triangular(100, 400, 900)
    // GB/day; AWS internet egress: 100 GB free, then 0.09. B < A ⇔ (30x − 100) × 0.09 < 675.559… ⇔ x < 253.54,
    // so P = (253.54 − 100)² / ((900 − 100)(400 − 100)) = 0.0982 (sampling error ±0.003 at 10,000 samples).
    const j = JSON.parse((await runMain(['compare', ...PAIR, '--format', 'json'])).stdout);
    expect(j.scenarios[0].p_cheaper_than_baseline).toBeUndefined();
    expect(Math.abs(Number(j.scenarios[1].p_cheaper_than_baseline) - 0.0982)).toBeLessThan(0.012);
    // Its tornado, exact: 3,000 GB → 5,877.416 + 460 + 2,900 × 0.09; 27,000 GB → + 10,140 × 0.09 + 16,760 × 0.085.
    expect(j.scenarios[1].uncertainty.sensitivity).toEqual([
      { input: 'transfers.nightly-feature-read.gb_per_day', low: '100', high: '900', total_at_low: '6598.416', total_at_high: '8674.616', swing: '2076.2' },
    ]);
    const p = `${(Number(j.scenarios[1].p_cheaper_than_baseline) * 100).toFixed(1).replace(/\.0$/, '')}%`;
    const table = (await runMain(['compare', ...PAIR])).stdout;
    expect(table).toContain(`chance of costing less than A (paired samples, shared inputs drawn alike):\n  B  ${p}\n`);
    const markdown = (await runMain(['compare', ...PAIR, '--format', 'markdown'])).stdout;
    expect(markdown).toContain(`| feature-store-read-nightly | ${p} |`);
    expect(markdown).toContain('| feature-store-read-nightly | transfers.nightly-feature-read.gb_per_day | 100 / 400 / 900 | $6,598.42 | $8,674.62 | $2,076.20 |');
  });

  it('table: a compact tornado of the top 3 inputs per ranged scenario, within 80 columns', async () => {
    const r = await runMain(['compare', files.a!, files.many!, '--samples', '300']);
    const lines = r.stdout.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    const at = lines.indexOf('    what drives it: the total with one input at its low … high end');
    // Bars: 6 cells a side for the largest move from the point total (count: ±100.6); hours ±40.24 → 2.4 → 2; store ±11.5 → 0.7 → 1.
    expect(lines.slice(at + 1, at + 5).map((l) => l.replace(/ +/g, ' '))).toEqual([
      ' ██████│██████ nodes.gpu.count swing $201.20',
      ' ██│██ nodes.gpu.hours swing $80.48',
      ' █│█ storage.store.gb swing $23.00',
      ' … and 1 more (all in --format json; a full tornado in `tollgate estimate`)',
    ]);
  });

  it("--samples samples a spot group's interruptions as estimate does: p95 above expected, the same draws", async () => {
    const spot = 'scenarios/h100-training-spot.yaml';
    const c = await runMain(['compare', 'scenarios/h100-training-on-demand.yaml', spot, '--samples', '10000', '--seed', '1', '--format', 'json']);
    const e = await runMain(['estimate', spot, '--samples', '10000', '--seed', '1', '--format', 'json']);
    const sampled = JSON.parse(c.stdout).scenarios[1].uncertainty;
    expect(sampled.inputs).toEqual([{ input: 'nodes.trainers.interruptions', distribution: 'poisson-interruptions' }]);
    expect(Number(sampled.spread.total.p95)).toBeGreaterThan(Number(sampled.spread.total.expected));
    expect(sampled.spread).toEqual(JSON.parse(e.stdout).uncertainty.spread);
    // Without --samples or --seed and no range anywhere, the comparison stays the point figures.
    const plain = await runMain(['compare', 'scenarios/h100-training-on-demand.yaml', spot, '--format', 'json']);
    expect(JSON.parse(plain.stdout).scenarios[1].uncertainty).toBeUndefined();
  });

  it('needs two scenarios: exit 2 with usage', async () => {
    const r = await runMain(['compare', files.a!]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('compare needs at least two SCENARIO files');
  });
});
