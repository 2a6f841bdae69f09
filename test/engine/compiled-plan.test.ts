import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../../src/model/decimal.js';
import { compilePlan, type QuantityPath } from '../../src/engine/compiled-plan.js';
import { decimalOf } from '../../src/engine/scaled-plan.js';
import { estimate, estimateTotals } from '../../src/engine/estimate.js';
import { CATEGORIES } from '../../src/model/estimate.js';
import type { NodeGroup, Scenario, Transfer } from '../../src/model/scenario.js';
import { INTERRUPTION_LUCK, withValues } from '../../src/model/uncertain.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { FIXTURE_PRICING } from '../helpers.js';
import { storageLines } from './generated-storage.js';

const book = loadPricingBook(['aws', 'gcp'], [], FIXTURE_PRICING);
const ENDPOINTS = ['aws:us-east-1', 'aws:us-east-1:us-east-1a', 'aws:us-east-1:us-east-1b', 'aws:us-east-2', 'aws:eu-west-1', 'gcp:us-central1', 'internet', 'on-prem'];
const KEYS = [...CATEGORIES, 'total'] as const;

// Quantities as written in a file: up to three decimals, from nothing to a few hundred TB.
const written = fc.integer({ min: 0, max: 300_000_000 }).map((n) => new Decimal(n).div(1000));
// Quantities as Monte Carlo draws them: 4 significant digits, from a thousandth to tens of PB.
const sampled = fc.integer({ min: 0, max: 9999 }).chain((m) => fc.integer({ min: -6, max: 4 }).map((e) => new Decimal(m).times(new Decimal(10).pow(e))));
// Quantities as a break-even search probes them: interpolated, all 40 digits.
const probed = fc.integer({ min: 0, max: 300_000_000 }).map((n) => new Decimal(n).div(7));
const count = fc.integer({ min: 0, max: 40 }).map((n) => new Decimal(n));

const node = fc.record({
  instance: fc.constantFrom('p4d.24xlarge', 'g5.xlarge'),
  count,
  hours: fc.option(fc.integer({ min: 0, max: 730 }).map((n) => new Decimal(n)), { nil: undefined }),
  spot: fc.boolean(),
  // The spot interruption model (rate in thousandths per node-hour), on spot groups only.
  interruptions: fc.option(
    fc.record({ rate: fc.integer({ min: 0, max: 200 }), checkpoint: fc.constantFrom('0.5', '1', '2.5'), restart: fc.constantFrom('0', '0.25', '0.1'), gang: fc.boolean() }),
    { nil: undefined },
  ),
});
const transfer = fc
  .record({
    from: fc.constantFrom(...ENDPOINTS),
    to: fc.constantFrom(...ENDPOINTS),
    gb: written,
    perDay: fc.boolean(),
    days: fc.option(fc.integer({ min: 0, max: 31 }).map((n) => new Decimal(n)), { nil: undefined }),
    nat: fc.boolean(),
  })
  .filter((t) => t.from.includes(':') || t.to.includes(':'))
  .filter((t) => !t.nat || t.from.startsWith('aws:us-east-1') || t.from.startsWith('gcp:us-central1'));
const store = fc.record({ gb: written, cls: fc.constantFrom('aws', 'gcp') });

type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;

function interruptionsOf(n: Of<typeof node>): Partial<NodeGroup> {
  const m = n.interruptions;
  if (!m) return {};
  return { interruptions_per_hour: new Decimal(m.rate).div(1000), checkpoint_every_hours: new Decimal(m.checkpoint), restart_hours: new Decimal(m.restart), gang: m.gang };
}

function scenarioOf(nodes: Of<typeof node>[], transfers: Of<typeof transfer>[], stores: Of<typeof store>[]): Scenario {
  return {
    name: 'p',
    hours_per_month: new Decimal(730),
    nodes: nodes.map(
      (n, i): NodeGroup => ({
        name: `n${i}`,
        provider: 'aws',
        region: 'us-east-1',
        instance: n.instance,
        count: n.count,
        ...(n.hours ? { hours: n.hours } : {}),
        ...(n.spot && n.instance === 'p4d.24xlarge' ? { purchase: 'spot' as const, ...interruptionsOf(n) } : {}),
      }),
    ),
    transfers: transfers.map(
      (t, i): Transfer => ({
        name: `t${i}`,
        from: t.from,
        to: t.to,
        ...(t.perDay ? { gb_per_day: t.gb, ...(t.days ? { days: t.days } : {}) } : { gb_per_month: t.gb }),
        ...(t.nat ? { via: 'nat-gateway' as const } : {}),
      }),
    ),
    storage: storageLines(stores),
  };
}

/** Every quantity of the scenario that could be ranged, with what kind of value it takes. */
function quantityPaths(s: Scenario): { path: QuantityPath; whole: boolean; luck?: true }[] {
  return [
    ...(s.nodes ?? []).flatMap((n, i) => [
      { path: ['nodes', i, 'count'] as QuantityPath, whole: true },
      { path: ['nodes', i, 'hours'] as QuantityPath, whole: false },
      // A spot group under the interruption model: its rate, and the month's luck Monte Carlo samples.
      ...(n.interruptions_per_hour
        ? [
            { path: ['nodes', i, 'interruptions_per_hour'] as QuantityPath, whole: false },
            { path: ['nodes', i, INTERRUPTION_LUCK] as QuantityPath, whole: false, luck: true as const },
          ]
        : []),
    ]),
    ...(s.storage ?? []).map((_, i) => ({ path: ['storage', i, 'gb'] as QuantityPath, whole: false })),
    ...(s.transfers ?? []).flatMap((t, i) =>
      t.gb_per_month !== undefined
        ? [{ path: ['transfers', i, 'gb_per_month'] as QuantityPath, whole: false }]
        : [{ path: ['transfers', i, 'gb_per_day'] as QuantityPath, whole: false }, ...(t.days ? [{ path: ['transfers', i, 'days'] as QuantityPath, whole: true }] : [])],
    ),
  ];
}

const text = (t: Record<string, Decimal>) => Object.fromEntries(KEYS.map((k) => [k, t[k]!.toFixed()]));

/** A random plan, some of its quantities chosen to vary, compiled for them. */
const planCase = fc
  .tuple(fc.array(node, { maxLength: 4 }), fc.array(transfer, { maxLength: 8 }), fc.array(store, { maxLength: 4 }), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }))
  .map(([nodes, transfers, stores, picks]) => ({ s: scenarioOf(nodes, transfers, stores), picks }))
  .filter(({ s }) => quantityPaths(s).length > 0)
  .map(({ s, picks }) => {
    const all = quantityPaths(s);
    const chosen = [...new Map(picks.map((p) => [p % all.length, all[p % all.length]!])).values()];
    return { s, chosen, plan: compilePlan(s, book, chosen.map((c) => c.path)) };
  });

describe('compiled plan', () => {
  /** Totals of `s` with random `chosen` quantities set to values from `quantity`, through the plan and through `reference`. */
  const agrees = (quantity: fc.Arbitrary<Decimal>, reference: (s: Scenario) => Record<string, Decimal>) =>
    fc.property(
      planCase,
      fc.array(fc.tuple(quantity, count), { minLength: 6 * 5, maxLength: 6 * 5 }),
      ({ s, chosen, plan }, draws) => {
        expect(text(plan.point)).toEqual(text(estimate(s, book).totals));
        for (let k = 0; k + chosen.length <= draws.length; k += chosen.length) {
          const values = chosen.map((c, j) => {
            const [q, n] = draws[k + j]!;
            // Hours and days stay inside the month, as the schema keeps them.
            if (c.path[2] === 'hours') return Decimal.min(q, 730);
            // A month's interruption luck is a uniform in [0, 1).
            if (c.luck) return q.div(q.plus(1));
            return c.whole ? (c.path[2] === 'days' ? Decimal.min(n, 31) : n) : q;
          });
          const at = withValues(s, chosen.map((c, j) => ({ path: c.path, value: values[j]! })));
          expect(text(plan.totals(values))).toEqual(text(reference(at)));
        }
      },
    );

  it('every sample priced through the compiled plan has the totals estimate() gives the sampled plan, to the last digit', () => {
    fc.assert(agrees(sampled, (at) => estimate(at, book).totals), { numRuns: 300 });
  });

  it('any value, to all 40 digits (a break-even probe), has the totals of estimate() and of the totals-only pricing', () => {
    fc.assert(agrees(probed, (at) => estimate(at, book).totals), { numRuns: 200 });
    fc.assert(agrees(probed, (at) => estimateTotals(at, book)), { numRuns: 100 });
  });

  it('prices samples in exact integers (scaled-plan.ts) to the totals estimate() gives the sampled plan, to the last digit', () => {
    // Draws as Monte Carlo makes them: n × 10^e, 4 digits (or whole numbers), from 10^-12 up.
    const part = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: -12, max: 6 }));
    let scaledSamples = 0;
    let luckSamples = 0;
    fc.assert(
      fc.property(planCase, fc.array(fc.tuple(part, count), { minLength: 6 * 4, maxLength: 6 * 4 }), ({ s, chosen, plan }, draws) => {
        if (!plan.scaled) return;
        const out: bigint[] = [];
        for (let k = 0; k + chosen.length <= draws.length; k += chosen.length) {
          const parts = chosen.map((c, j): [number, number] => {
            const [[m, e], n] = draws[k + j]!;
            if (c.path[2] === 'days') return [Math.min(n.toNumber(), 31), 0];
            if (c.path[2] === 'hours') return m * 10 ** e > 730 ? [730, 0] : [m, e];
            if (c.luck) return [m, -4];
            return c.whole ? [n.toNumber(), 0] : [m, e];
          });
          if (!plan.scaled.sample(parts.map((p) => p[0]), parts.map((p) => p[1]), out)) continue;
          scaledSamples++;
          if (chosen.some((c) => c.luck)) luckSamples++;
          const at = withValues(s, chosen.map((c, j) => ({ path: c.path, value: new Decimal(parts[j]![0]).times(new Decimal(10).pow(parts[j]![1])) })));
          const want = estimate(at, book).totals;
          const got = Object.fromEntries(plan.scaled.keys.map((key, i) => [key, decimalOf(out[i]!, plan.scaled!.scales[i]!).toFixed()]));
          expect(got).toEqual(Object.fromEntries(plan.scaled.keys.map((key) => [key, want[key].toFixed()])));
          // The figures no value moves are the point's.
          for (const key of KEYS.filter((key) => !plan.scaled!.keys.includes(key))) expect(want[key].toFixed()).toBe(plan.point[key].toFixed());
        }
      }),
      { numRuns: 300 },
    );
    // The property is about the integer path: most generated samples must take it.
    expect(scaledSamples).toBeGreaterThan(300);
    // Spot groups' sampled interruptions take it too (a sampled factor, trace.ts).
    expect(luckSamples).toBeGreaterThan(20);
  });

  it('names the categories a varying quantity moves, and leaves the rest at the point totals', () => {
    const s = scenarioOf(
      [{ instance: 'g5.xlarge', count: new Decimal(2), hours: undefined, spot: false, interruptions: undefined }],
      [{ from: 'aws:us-east-1', to: 'internet', gb: new Decimal(100), perDay: false, days: undefined, nat: false }],
      [{ gb: new Decimal(10), cls: 'aws' }],
    );
    const plan = compilePlan(s, book, [['nodes', 0, 'count']]);
    expect([...plan.moves].sort()).toEqual(['compute', 'total']);
    const t = plan.totals([new Decimal(5)]);
    expect(t.storage.eq(plan.point.storage)).toBe(true);
    expect(t.compute.eq(plan.point.compute.div(2).times(5))).toBe(true);
  });

  it('prices plans past where spreading lines overflowed the call stack: 130,000 storage lines and 130,000 transfers', () => {
    const n = 130_000;
    const s: Scenario = {
      name: 'big',
      storage: Array.from({ length: n }, (_, i) => ({ name: `s${i}`, provider: 'aws' as const, region: 'us-east-1', class: 's3-standard', gb: new Decimal(i % 1000) })),
      transfers: Array.from({ length: n }, (_, i) => ({ name: `t${i}`, from: 'aws:us-east-1', to: 'internet', gb_per_month: new Decimal(i % 500) })),
    };
    const e = estimateTotals(s, book);
    const plan = compilePlan(s, book, [['transfers', 7, 'gb_per_month']]);
    expect(plan.totals([new Decimal(7)]).total.eq(e.total)).toBe(true);
    expect(plan.totals([new Decimal(1007)]).egress.gt(e.egress)).toBe(true);
  }, 180_000);
});
