import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePlan, type QuantityPath } from '../../src/engine/compiled-plan.js';
import { estimate } from '../../src/engine/estimate.js';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { decimalOf } from '../../src/engine/scaled-plan.js';
import { Decimal } from '../../src/model/decimal.js';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import { withValues } from '../../src/model/uncertain.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { FIXTURE_PRICING, REPO } from '../helpers.js';

// Shapes that used to leave the exact-integer path: groups bought on a commitment or as a
// capacity block, and a ranged transfer through a NAT gateway (whose hourly line points at it).
const text = `name: shapes
pricing: [./commitment-rates.yaml]
hours_per_month: 730
nodes:
  - {name: reserved, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2, hours: 300, purchase: reserved, term: 1y, plan: standard}
  - {name: saved, provider: aws, region: us-east-1, instance: g5.xlarge, count: 3, purchase: savings-plan, term: 1y, plan: compute}
  - {name: block, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 1, purchase: capacity-block, block_hours: 100, hours: 80}
  - {name: plain, provider: aws, region: us-east-1, instance: g5.xlarge, count: 1, hours: 100}
transfers:
  - {name: out, from: aws:us-east-1, to: internet, gb_per_month: 500, via: nat-gateway}
  - {name: pull, from: aws:us-east-1, to: gcp:us-central1, gb_per_day: 30, days: 30, via: nat-gateway}
`;
const loaded = parseScenario(text, join(REPO, 'test', 'fixtures', 'purchase', 'inline.yaml'));
const scenario = loaded.scenario;
const book = loadPricingBook(providersOf(scenario), loaded.overrides, FIXTURE_PRICING);
const paths: QuantityPath[] = [
  ['nodes', 0, 'count'],
  ['nodes', 1, 'count'],
  ['nodes', 2, 'count'],
  ['nodes', 2, 'block_hours'],
  ['nodes', 3, 'hours'],
  ['transfers', 0, 'gb_per_month'],
  ['transfers', 1, 'gb_per_day'],
];

describe('exact-integer samples of committed, capacity-block and NAT plans', () => {
  it('take the integer path, and every sample equals estimate() of the sampled plan, to the last digit', () => {
    const plan = compilePlan(scenario, book, paths);
    expect(plan.scaled).toBeDefined();
    const scaled = plan.scaled!;
    // Draws as Monte Carlo makes them: n × 10^e; counts whole; block hours and hours within the month.
    const part = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: -8, max: 3 }));
    const whole = fc.integer({ min: 0, max: 40 });
    const hours = fc.integer({ min: 1, max: 730 });
    let taken = 0;
    fc.assert(
      fc.property(whole, whole, whole, hours, hours, part, part, (c0, c1, c2, block, h, gb, perDay) => {
        const parts: [number, number][] = [[c0, 0], [c1, 0], [c2, 0], [block, 0], [h, 0], gb, perDay];
        const out: bigint[] = [];
        if (!scaled.sample(parts.map((p) => p[0]), parts.map((p) => p[1]), out)) return;
        taken++;
        const at = withValues(scenario, paths.map((path, j) => ({ path, value: new Decimal(parts[j]![0]).times(new Decimal(10).pow(parts[j]![1])) })));
        const want = estimate(at, book).totals;
        const got = Object.fromEntries(scaled.keys.map((key, i) => [key, decimalOf(out[i]!, scaled.scales[i]!).toFixed()]));
        expect(got).toEqual(Object.fromEntries(scaled.keys.map((key) => [key, want[key].toFixed()])));
        expect(plan.totals(paths.map((path, j) => new Decimal(parts[j]![0]).times(new Decimal(10).pow(parts[j]![1])))).total.toFixed()).toBe(want.total.toFixed());
      }),
      { numRuns: 400 },
    );
    expect(taken).toBeGreaterThan(350);
  });

  it('a committed group bills the month whatever its hours: a range on them keeps the Decimal path, with the same totals', () => {
    const plan = compilePlan(scenario, book, [['nodes', 0, 'hours']]);
    expect(plan.scaled).toBeUndefined();
    expect(plan.totals([new Decimal(5)]).total.toFixed()).toBe(estimate(withValues(scenario, [{ path: ['nodes', 0, 'hours'], value: new Decimal(5) }]), book).totals.total.toFixed());
  });

  it('Monte Carlo over those ranges reports the totals of the Decimal run', () => {
    const uncertain = paths.map((path, i) => {
      const v = (scenario[path[0]] as unknown as Record<string, Decimal>[])[path[1]]![path[2]]!;
      return { path, label: `u${i}`, dist: { low: v.div(2).floor(), expected: v, high: v.times(2) }, integer: path[0] === 'nodes' };
    });
    const fast = monteCarlo(scenario, uncertain, book, { samples: 500, seed: 7 });
    const plan = compilePlan(scenario, book, paths);
    const decimalOnly = { point: plan.point, moves: plan.moves, totals: plan.totals };
    const slow = monteCarlo(scenario, uncertain, book, { samples: 500, seed: 7, plan: decimalOnly });
    expect(fast.totals.map((t) => t.toFixed())).toEqual(slow.totals.map((t) => t.toFixed()));
    expect(fast.spreads.total.expected.toFixed()).toBe(slow.spreads.total.expected.toFixed());
  });
});
