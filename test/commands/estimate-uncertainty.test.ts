import { describe, expect, it } from 'vitest';
import { runMain } from '../pricing/run-main.js';
import { scenarioFiles } from './scenario-files.js';

const files = scenarioFiles({
  ranged: `name: ranged
budget: {monthly: 400}
nodes: [{name: gpu, provider: aws, region: us-east-1, instance: g5.xlarge, count: {low: 1, expected: 2, high: 4}, hours: 100}]
transfers: [{name: copy, from: aws:us-east-1, to: aws:us-east-2, gb_per_month: {p50: 1000, p95: 4000}}]
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
