import { describe, expect, it } from 'vitest';
import { runMain } from '../pricing/run-main.js';
import { scenarioFiles } from './scenario-files.js';
import { csvRows } from '../csv-rows.js';

const files = scenarioFiles({
  ranged: `name: ranged
budget: {monthly: 400}
nodes: [{name: gpu, provider: aws, region: us-east-1, instance: g5.xlarge, count: {low: 1, expected: 2, high: 4}, hours: 100}]
transfers: [{name: copy, from: aws:us-east-1, to: aws:us-east-2, gb_per_month: {p50: 1000, p95: 4000}}]
`,
  // Bundled AWS: us-east-1 → us-east-2 at a flat 0.01/GB, so the cost is the volume / 100.
  flat: `name: flat
budget: {monthly: 25}
transfers: [{name: copy, from: aws:us-east-1, to: aws:us-east-2, gb_per_month: {low: 1000, expected: 2000, high: 3000}}]
`,
  plain: `name: plain
nodes: [{name: gpu, provider: aws, region: us-east-1, instance: g5.xlarge, count: 2, hours: 100}]
`,
});

describe('tollgate estimate with ranges', () => {
  it('json: the point projection plus an uncertainty block', async () => {
    const r = await runMain(['estimate', files.ranged!, '--format', 'json', '--samples', '300']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.totals.total).toBe('211.2'); // 2 × 100 × 1.006 + 1,000 GB × 0.01
    expect(j.assumptions.join('\n')).toContain('ranged inputs (2) are priced at their point values');
    const u = j.uncertainty;
    expect([u.method, u.samples, u.seed]).toEqual(['monte-carlo', 300, 1]);
    expect(u.inputs).toEqual([
      { input: 'nodes.gpu.count', distribution: 'triangular', low: '1', expected: '2', high: '4' },
      { input: 'transfers.copy.gb_per_month', distribution: 'lognormal', p50: '1000', p95: '4000' },
    ]);
    expect(Object.keys(u.spread)).toEqual(['compute', 'egress', 'total']);
    expect(u.sensitivity.map((s: { input: string; swing: string }) => [s.input, s.swing])).toEqual([
      ['nodes.gpu.count', '301.8'],
      ['transfers.copy.gb_per_month', '37.5'],
    ]);
    expect(Number(u.p_over_budget)).toBeGreaterThanOrEqual(0);
  });

  it('table: percentiles, the chance of exceeding the budget and a tornado, within 80 columns', async () => {
    const r = await runMain(['estimate', files.ranged!, '--samples', '300']);
    expect(r.stdout).toMatch(/UNCERTAINTY · 300 samples, seed 1, 2 ranged inputs/);
    expect(r.stdout).toMatch(/P\(total > budget \$400\.00\): \d/);
    expect(r.stdout).toMatch(/nodes\.gpu\.count \(1 \/ 2 \/ 4\) +swing \$301\.80\n +█+│█+ +\$110\.60 … \$412\.40/);
    expect(Math.max(...r.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('same --seed, same output; a scenario without ranges has no uncertainty block', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => runMain(['estimate', files.ranged!, '--format', 'markdown', '--samples', '200', '--seed', '9'])));
    expect(a!.stdout).toBe(b!.stdout);
    const plain = JSON.parse((await runMain(['estimate', files.plain!, '--format', 'json'])).stdout);
    expect(plain.uncertainty).toBeUndefined();
  });
});

describe('estimate --format csv with ranges', () => {
  const HEADER = 'scenario,kind,name,category,provider,region,path,description,quantity,unit,rate,cost,purchase,gpu_hour_rate,covered_hours,uncovered_hours,waste,billed_hours_expected,billed_hours_p95,paid_hours,idle_hours';

  it('a scenario without ranges: the header and its line rows, nothing more', async () => {
    const r = await runMain(['estimate', files.plain!, '--format', 'csv']);
    // 2 × 100 h × 1.006 = 201.2
    expect(r.stdout).toBe(`${HEADER}\nplain,node,gpu,compute,aws,us-east-1,,"2 × g5.xlarge (1× A10G) on-demand, 100 h each",200,hour,1.006,201.2,on-demand,1.006,,,,,,,\n`);
  });

  it('adds spread rows (closed form within sampling error) and P(over budget), same header, costs still summing to the point total', async () => {
    const r = await runMain(['estimate', files.flat!, '--format', 'csv', '--samples', '20000']);
    const rows = csvRows(r.stdout);
    expect(rows[0]!.join(',')).toBe(HEADER);
    const figure = (kind: string, name: string, category: string) => {
      const row = rows.find((c) => c[1] === kind && c[2] === name && c[3] === category)!;
      expect(row[9]).toBe(kind === 'spread' ? 'USD' : 'probability');
      expect(row[11]).toBe(''); // cost stays empty
      return Number(row[8]);
    };
    // Volume ~ triangular(1000, 2000, 3000) at $0.01/GB: symmetric, so mean = p50 = $20; the upper
    // quantiles are b − (b − a)·√((1 − p) / 2): p90 = 3000 − 2000·√0.05 = 2552.79 GB → $25.5279,
    // p95 = 3000 − 2000·√0.025 = 2683.77 GB → $26.8377. P(x > 2500) = (3000 − 2500)² / (2 · 1000²) = 0.125.
    const near = (got: number, want: number, tolerance: number) => expect(Math.abs(got - want)).toBeLessThan(tolerance);
    near(figure('spread', 'expected', 'total'), 20, 0.1);
    near(figure('spread', 'p50', 'total'), 20, 0.25);
    near(figure('spread', 'p90', 'egress'), 25.5279, 0.25);
    near(figure('spread', 'p95', 'total'), 26.8377, 0.25);
    near(figure('probability', 'over_budget', 'total'), 0.125, 0.015);
    expect(rows.filter((c) => c[1] === 'spread').map((c) => `${c[3]}:${c[2]}`)).toEqual(
      ['egress', 'total'].flatMap((k) => ['expected', 'p50', 'p90', 'p95'].map((f) => `${k}:${f}`)),
    );
    // The point projection prices 2,000 GB: $20; only the line row has a cost.
    expect(rows.slice(1).map((c) => c[11]).filter((c) => c !== '')).toEqual(['20']);
  });
});
