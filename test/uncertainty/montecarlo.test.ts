import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { monteCarlo, type MonteCarloOptions } from '../../src/engine/montecarlo.js';
import { sensitivity } from '../../src/engine/sensitivity.js';
import { normalQuantile } from '../../src/engine/normal-quantile.js';
import { FIXTURE_PRICING } from '../helpers.js';

function run(yaml: string, options: MonteCarloOptions = {}) {
  const loaded = parseScenario(yaml, 'mc.yaml');
  const book = loadPricingBook(providersOf(loaded.scenario), [], FIXTURE_PRICING);
  return { loaded, book, mc: monteCarlo(loaded.scenario, loaded.uncertain, book, options) };
}
const asText = (mc: ReturnType<typeof run>['mc']) =>
  JSON.stringify(Object.entries(mc.spreads).map(([k, s]) => [k, s.expected.toFixed(), [...s.percentiles].map(([p, v]) => [p, v.toFixed()])]));

// us-east-1 → us-east-2 is a flat 0.01/GB: the cost is the volume × 0.01.
// Triangular (a = 1000, c = 1000, b = 3000): F(x) = 1 − (b − x)² / (b − a)², so
// the p-quantile is b − (b − a)·√(1 − p): p50 = 1585.786, p90 = 2367.544, p95 = 2552.786;
// mean (a + b + c) / 3 = 1666.667.
const FLAT = `name: flat
budget: {monthly: 20}
transfers: [{name: x, from: aws:us-east-1, to: aws:us-east-2, gb_per_month: {low: 1000, expected: 1000, high: 3000}}]
`;

describe('monte carlo', () => {
  it('matches the closed-form percentiles of a triangular volume on a flat rate, within sampling error', () => {
    const { mc } = run(FLAT, { samples: 20_000 });
    const near = (d: Decimal, want: number, tolerance: number) => expect(Math.abs(d.toNumber() - want)).toBeLessThan(tolerance);
    // Standard error of a sample quantile ≈ √(p(1−p)/n) / f(x_p) ≈ $0.05–0.07 here; allow ~4σ.
    near(mc.spreads.total.percentiles.get(50)!, 15.85786, 0.25);
    near(mc.spreads.total.percentiles.get(90)!, 23.67544, 0.25);
    near(mc.spreads.total.percentiles.get(95)!, 25.52786, 0.25);
    near(mc.spreads.total.expected, 16.66667, 0.1);
    // P(cost > 20) = P(x > 2000) = (3000 − 2000)² / 2000² = 0.25
    near(mc.overBudget!, 0.25, 0.015);
    expect(mc.spreads.egress.expected.eq(mc.spreads.total.expected)).toBe(true);
  });

  it('recovers a lognormal range\'s own p50 and p95', () => {
    const { mc } = run(`name: ln
transfers: [{name: x, from: aws:us-east-1, to: aws:us-east-2, gb_per_month: {p50: 1000, p95: 4000}}]
`);
    expect(Math.abs(mc.spreads.total.percentiles.get(50)!.toNumber() - 10) / 10).toBeLessThan(0.04);
    expect(Math.abs(mc.spreads.total.percentiles.get(95)!.toNumber() - 40) / 40).toBeLessThan(0.06);
  });

  it('a degenerate range (low = expected = high) has no spread at all', () => {
    const { mc } = run(`name: d
nodes: [{name: n, provider: aws, region: us-east-1, instance: g5.xlarge, count: {low: 3, expected: 3, high: 3}, hours: 100}]
`, { samples: 50 });
    for (const p of [50, 90, 95]) expect(mc.spreads.total.percentiles.get(p)!.toFixed()).toBe('301.8'); // 3 × 100 × 1.006
    expect(mc.spreads.total.expected.toFixed()).toBe('301.8');
  });

  it('is reproducible: the same seed gives identical numbers, another seed different ones', () => {
    const a = run(FLAT, { samples: 500, seed: 7 }).mc;
    const b = run(FLAT, { samples: 500, seed: 7 }).mc;
    const c = run(FLAT, { samples: 500, seed: 8 }).mc;
    expect(asText(a)).toBe(asText(b));
    expect(asText(a)).not.toBe(asText(c));
    expect(a.seed).toBe(7);
    expect(a.samples).toBe(500);
  });

  it('prices each sample with the engine, so the egress free tier and bands apply to the sampled aggregate', () => {
    // Internet egress: first 100 GB free, then 0.09. Volume uniform-ish in [0, 200] with mode 100:
    // no sample may cost more than (200 − 100) × 0.09 = 9, and at least half cost 0.
    const { mc } = run(`name: tiers
transfers: [{name: out, from: aws:us-east-1, to: internet, gb_per_month: {low: 0, expected: 100, high: 200}}]
`, { samples: 2000 });
    expect(mc.spreads.total.percentiles.get(50)!.lte(new Decimal('0.01'))).toBe(true);
    expect(mc.spreads.total.percentiles.get(95)!.lte(9)).toBe(true);
    expect(mc.spreads.total.percentiles.get(95)!.gt(5)).toBe(true);
  });

  it('keeps counts whole', () => {
    const { mc } = run(
      `name: c
nodes: [{name: n, provider: aws, region: us-east-1, instance: g5.xlarge, count: {low: 1, expected: 2, high: 4}, hours: 100}]
`,
      { samples: 300 },
    );
    // 100 h × 1.006 per node: every total is a whole multiple of 100.6
    for (const p of [50, 90, 95]) expect(mc.spreads.total.percentiles.get(p)!.div('100.6').isInteger()).toBe(true);
    expect(mc.spreads.total.expected.div('100.6').isInteger()).toBe(false);
  });
});

describe('sensitivity', () => {
  it('ranks inputs by the swing of the total, hand-computed', () => {
    const { loaded, book } = run(`name: s
nodes: [{name: n, provider: aws, region: us-east-1, instance: g5.xlarge, count: {low: 1, expected: 2, high: 4}, hours: 100}]
transfers: [{name: x, from: aws:us-east-1, to: aws:us-east-2, gb_per_month: {p50: 1000, p95: 4000}}]
`, { samples: 1 });
    const swings = sensitivity(loaded.scenario, loaded.uncertain, book);
    // count 1 → 4 at 100 h × 1.006: 100.6 → 402.4 (+ the transfer at its p50, 10): swing 301.8
    // volume p05 = 1000² / 4000 = 250 → p95 4000 GB at 0.01: 2.5 → 40, swing 37.5
    expect(swings.map((s) => [s.input.label, s.low.toFixed(), s.high.toFixed(), s.totalAtLow.toFixed(), s.totalAtHigh.toFixed(), s.swing.toFixed()])).toEqual([
      ['nodes.n.count', '1', '4', '110.6', '412.4', '301.8'],
      ['transfers.x.gb_per_month', '250', '4000', '203.7', '241.2', '37.5'],
    ]);
  });
});

describe('normal quantile (the lognormal draw)', () => {
  it('matches the standard normal table', () => {
    // Φ⁻¹ from the table: 0.95 → 1.644854, 0.975 → 1.959964, 0.01 → −2.326348, 0.5 → 0
    const cases: [number, number][] = [[0.95, 1.6448536269514722], [0.975, 1.959963984540054], [0.01, -2.3263478740408408], [0.5, 0]];
    for (const [p, z] of cases) expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-8);
  });
});
