import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../../src/model/decimal.js';
import { sampler, significant } from '../../src/engine/distributions.js';
import { estimate } from '../../src/engine/estimate.js';
import { compilePlan } from '../../src/engine/compiled-plan.js';
import { monteCarlo, type MonteCarlo, type MonteCarloOptions } from '../../src/engine/montecarlo.js';
import { streamDraws } from '../../src/engine/random.js';
import { CATEGORIES } from '../../src/model/estimate.js';
import { parseScenario, providersOf, type LoadedScenario } from '../../src/model/load-scenario.js';
import type { PricingBook } from '../../src/model/pricing-book.js';
import { withValues } from '../../src/model/uncertain.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { FIXTURE_PRICING } from '../helpers.js';

// The recommender's shape with every kind of quantity ranged: counts, hours, stored GB
// (S3's tiers), per-day and per-month volumes into one tiered egress aggregate, NAT.
const RANGED = `name: ranged
budget: {monthly: 30000}
nodes:
  - {name: trainers, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: {low: 2, expected: 4, high: 7}, hours: {low: 120, expected: 200, high: 400}}
  - {name: small, provider: aws, region: us-east-1, instance: g5.xlarge, count: 3}
storage:
  - {name: lake, provider: aws, region: us-east-1, class: s3-standard, gb: {p50: 40000, p95: 90000}}
  - {name: copy, provider: gcp, region: us-central1, class: gcs-standard, gb: 2500}
transfers:
  - {name: pull, from: aws:us-east-1, to: gcp:us-central1, gb_per_day: {low: 100, expected: 300, high: 900}, days: 30}
  - {name: push, from: aws:us-east-1, to: internet, gb_per_month: {p50: 8000, p95: 30000}, via: nat-gateway}
  - {name: fixed, from: aws:us-east-1, to: internet, gb_per_day: 40}
  - {name: out, from: gcp:us-central1, to: internet, gb_per_month: 1800}
`;

/** One Monte Carlo run through the exact-integer path (which the plan must take) and the same run in Decimals, as text. */
function bothWays(loaded: LoadedScenario, book: PricingBook, options: MonteCarloOptions) {
  const plan = compilePlan(loaded.scenario, book, loaded.uncertain.map((u) => u.path));
  expect(plan.scaled).toBeDefined();
  const text = (mc: MonteCarlo) => ({
    spreads: Object.fromEntries(Object.entries(mc.spreads).map(([k, s]) => [k, [s.expected.toFixed(), ...[...s.percentiles].map(([p, v]) => `${p}:${v.toFixed()}`)]])),
    over: mc.overBudget?.toFixed(),
    totals: mc.totals.map((t) => t.toFixed()),
  });
  return {
    scaled: text(monteCarlo(loaded.scenario, loaded.uncertain, book, { ...options, plan })),
    decimals: text(monteCarlo(loaded.scenario, loaded.uncertain, book, { ...options, plan: { ...plan, scaled: undefined } })),
  };
}

describe('Monte Carlo through the compiled plan', () => {
  it("gives every sample the totals estimate() gives the scenario with that sample's draws set, to the last digit", () => {
    const loaded = parseScenario(RANGED, 'ranged.yaml');
    const book = loadPricingBook(providersOf(loaded.scenario), [], FIXTURE_PRICING);
    const samples = 400;
    const mc = monteCarlo(loaded.scenario, loaded.uncertain, book, { samples, seed: 3 });
    const streams = loaded.uncertain.map((u) => streamDraws(3, u.label, samples));
    const draws = loaded.uncertain.map(sampler);
    for (let i = 0; i < samples; i++) {
      const values = loaded.uncertain.map((u, j) => ({ path: u.path, value: draws[j]!(streams[j]![i]!) }));
      const e = estimate(withValues(loaded.scenario, values), book);
      expect(mc.totals[i]!.toFixed()).toBe(e.totals.total.toFixed());
    }
    // A category no range moves is the point figure; the others are spread.
    const point = estimate(loaded.scenario, book).totals;
    expect(mc.spreads.ingress.expected.eq(point.ingress)).toBe(true);
    for (const c of CATEGORIES.filter((c) => c !== 'ingress')) expect(mc.spreads[c].percentiles.get(95)!.gt(mc.spreads[c].percentiles.get(50)!)).toBe(true);
  });

  it('reports the same spreads, budget share and sample totals from exact integers as from Decimals', () => {
    // Without the NAT gateway, whose hourly line a varying transfer's plan prices whole (compiled-plan.ts).
    const loaded = parseScenario(RANGED.replace(', via: nat-gateway', ''), 'ranged.yaml');
    const { scaled, decimals } = bothWays(loaded, loadPricingBook(providersOf(loaded.scenario), [], FIXTURE_PRICING), { samples: 2000, seed: 11, percentiles: [5, 50, 95, 99] });
    expect(scaled).toEqual(decimals);
    expect(Number(scaled.over)).toBeGreaterThan(0);
  });

  it('prices the disks of a group whose count is ranged at every sample: the as-deployed example', () => {
    // Its PUT requests are ranged, and its trainers (with a gp3 disk each) get a ranged count here.
    const text = readFileSync(fileURLToPath(new URL('../../scenarios/recsys-as-deployed.yaml', import.meta.url)), 'utf8');
    const loaded = parseScenario(text.replace(/^(\s+count: )4\b/m, '$1{low: 2, expected: 4, high: 8}'), 'as-deployed.yaml');
    expect(loaded.uncertain.map((u) => u.path.join('.'))).toEqual(expect.arrayContaining(['nodes.0.count', 'storage.0.put_requests_per_month']));
    const book = loadPricingBook(providersOf(loaded.scenario), []);
    const samples = 60;
    const mc = monteCarlo(loaded.scenario, loaded.uncertain, book, { samples, seed: 5 });
    const streams = loaded.uncertain.map((u) => streamDraws(5, u.label, samples));
    const draws = loaded.uncertain.map(sampler);
    for (let i = 0; i < samples; i++) {
      const values = loaded.uncertain.map((u, j) => ({ path: u.path, value: draws[j]!(streams[j]![i]!) }));
      expect(mc.totals[i]!.toFixed()).toBe(estimate(withValues(loaded.scenario, values), book).totals.total.toFixed());
    }
  });

  it('prices a spot group’s sampled interruptions in exact integers, every sample the totals estimate() gives it: the spot example, its count and rate ranged too', () => {
    const text = readFileSync(fileURLToPath(new URL('../../scenarios/h100-training-spot.yaml', import.meta.url)), 'utf8');
    const loaded = parseScenario(
      text.replace(/^(\s+count: )4\b/m, '$1{low: 2, expected: 4, high: 8}').replace(/^(\s+interruptions_per_hour: )0\.02\b/m, '$1{low: 0.005, expected: 0.02, high: 0.06}'),
      'spot.yaml',
    );
    expect(loaded.uncertain.map((u) => u.label)).toEqual(['nodes.trainers.count', 'nodes.trainers.interruptions_per_hour', 'nodes.trainers.interruptions']);
    const book = loadPricingBook(providersOf(loaded.scenario), loaded.overrides);
    const plan = compilePlan(loaded.scenario, book, loaded.uncertain.map((u) => u.path));
    expect(plan.scaled).toBeDefined();
    const samples = 300;
    const mc = monteCarlo(loaded.scenario, loaded.uncertain, book, { samples, seed: 7, plan });
    const streams = loaded.uncertain.map((u) => streamDraws(7, u.label, samples));
    const draws = loaded.uncertain.map(sampler);
    const distinct = new Set<string>();
    for (let i = 0; i < samples; i++) {
      const values = loaded.uncertain.map((u, j) => ({ path: u.path, value: draws[j]!(streams[j]![i]!) }));
      const want = estimate(withValues(loaded.scenario, values), book).totals.total.toFixed();
      expect(mc.totals[i]!.toFixed()).toBe(want);
      distinct.add(want);
    }
    expect(distinct.size).toBeGreaterThan(samples / 2);
  });

  it('reports the same spreads, budget share and totals from exact integers as from Decimals where costs carry 40 digits (the as-deployed example) and for sampled interruptions', () => {
    for (const file of ['recsys-as-deployed.yaml', 'h100-training-spot.yaml']) {
      const text = readFileSync(fileURLToPath(new URL(`../../scenarios/${file}`, import.meta.url)), 'utf8');
      // A budget inside the spread, so the share over it is neither 0 nor 1.
      const loaded = parseScenario(file.startsWith('h100') ? `${text}budget: {monthly: 129000}\n` : text.replace('monthly: 25000', 'monthly: 20987'), file);
      const { scaled, decimals } = bothWays(loaded, loadPricingBook(providersOf(loaded.scenario), loaded.overrides), { samples: 3000, seed: 2, percentiles: [1, 50, 95, 99] });
      expect(scaled).toEqual(decimals);
      expect(Number(scaled.over)).toBeGreaterThan(0);
      expect(Number(scaled.over)).toBeLessThan(1);
    }
    // The as-deployed totals have all 40 digits: the mean is a running sum rounded at every step.
    const loaded = parseScenario(readFileSync(fileURLToPath(new URL('../../scenarios/recsys-as-deployed.yaml', import.meta.url)), 'utf8'), 'x.yaml');
    const point = estimate(loaded.scenario, loadPricingBook(providersOf(loaded.scenario), loaded.overrides)).totals.total;
    expect(point.precision(true)).toBe(40);
  });

  it('builds a draw’s Decimal without a string, equal to the 4-digit string form', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-30, max: 1e30, noNaN: true }), (x) => {
        expect(significant(x).eq(new Decimal(x.toPrecision(4)))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    for (const x of [0, 0.5, 1, 999.95, 9999.5, 12345, 1e-7, 0.00012345]) expect(significant(x).eq(new Decimal(x.toPrecision(4)))).toBe(true);
  });
});
