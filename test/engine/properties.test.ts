import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../../src/model/decimal.js';
import { estimate, estimateTotals } from '../../src/engine/estimate.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import type { Scenario, Transfer } from '../../src/model/scenario.js';
import { CATEGORIES } from '../../src/model/estimate.js';
import { FIXTURE_PRICING } from '../helpers.js';
import { storageLines } from './generated-storage.js';

const book = loadPricingBook(['aws', 'gcp'], [], FIXTURE_PRICING);
const ENDPOINTS = [
  'aws:us-east-1',
  'aws:us-east-1:us-east-1a',
  'aws:us-east-1:us-east-1b',
  'aws:us-east-2',
  'aws:us-west-2',
  'aws:eu-west-1',
  'gcp:us-central1',
  'gcp:europe-west4',
  'internet',
  'on-prem',
];

// Volumes with up to three decimals, from nothing to a few hundred TB.
const volume = fc.integer({ min: 0, max: 300_000_000 }).map((n) => new Decimal(n).div(1000));
const transfer = fc
  .record({ from: fc.constantFrom(...ENDPOINTS), to: fc.constantFrom(...ENDPOINTS), gb: volume, nat: fc.boolean() })
  .filter((t) => t.from.includes(':') || t.to.includes(':'))
  .filter((t) => !t.nat || (t.from.startsWith('aws:us-east-1') || t.from.startsWith('gcp:us-central1')));
const storage = fc.record({ gb: volume, cls: fc.constantFrom('aws', 'gcp') });

function scenarioOf(transfers: { from: string; to: string; gb: Decimal; nat: boolean }[], stores: { gb: Decimal; cls: string }[]): Scenario {
  return {
    name: 'p',
    hours_per_month: new Decimal(730),
    transfers: transfers.map(
      (t, i): Transfer => ({ name: `t${i}`, from: t.from, to: t.to, gb_per_month: t.gb, ...(t.nat ? { via: 'nat-gateway' as const } : {}) }),
    ),
    storage: storageLines(stores),
  };
}

const totalsText = (s: Scenario) => {
  const t = estimate(s, book).totals;
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.toFixed()]));
};

describe('engine invariants', () => {
  it('splitting a flow in two never changes any total', () => {
    fc.assert(
      fc.property(
        fc.array(transfer, { minLength: 1, maxLength: 8 }),
        fc.array(storage, { maxLength: 4 }),
        fc.nat(),
        fc.integer({ min: 0, max: 1000 }),
        (transfers, stores, pick, permille) => {
          const i = pick % transfers.length;
          const original = transfers[i]!;
          const part = original.gb.times(permille).div(1000).toDecimalPlaces(3);
          const split = [
            ...transfers.slice(0, i),
            { ...original, gb: part },
            { ...original, gb: original.gb.minus(part) },
            ...transfers.slice(i + 1),
          ];
          expect(totalsText(scenarioOf(split, stores))).toEqual(totalsText(scenarioOf(transfers, stores)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('splitting a stored volume in two never changes any total', () => {
    fc.assert(
      fc.property(fc.array(storage, { minLength: 1, maxLength: 6 }), fc.nat(), fc.integer({ min: 0, max: 1000 }), (stores, pick, permille) => {
        const i = pick % stores.length;
        const s = stores[i]!;
        const part = s.gb.times(permille).div(1000).toDecimalPlaces(3);
        const split = [...stores.slice(0, i), { ...s, gb: part }, { ...s, gb: s.gb.minus(part) }, ...stores.slice(i + 1)];
        expect(totalsText(scenarioOf([], split))).toEqual(totalsText(scenarioOf([], stores)));
      }),
      { numRuns: 200 },
    );
  });

  it('line items add up to the category totals and the total, exactly', () => {
    fc.assert(
      fc.property(fc.array(transfer, { maxLength: 10 }), fc.array(storage, { maxLength: 4 }), (transfers, stores) => {
        const e = estimate(scenarioOf(transfers, stores), book);
        for (const c of CATEGORIES) {
          const sum = e.lines.filter((l) => l.category === c).reduce((s, l) => s.plus(l.cost), new Decimal(0));
          expect(sum.eq(e.totals[c])).toBe(true);
        }
        const all = CATEGORIES.reduce((s, c) => s.plus(e.totals[c]), new Decimal(0));
        expect(all.eq(e.totals.total)).toBe(true);
        for (const l of e.lines) expect(l.cost.gte(0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('totals without the per-line split are the full estimate totals, to the last digit', () => {
    fc.assert(
      fc.property(fc.array(transfer, { maxLength: 10 }), fc.array(storage, { maxLength: 4 }), (transfers, stores) => {
        const s = scenarioOf(transfers, stores);
        const fast = estimateTotals(s, book);
        const full = estimate(s, book).totals;
        for (const k of [...CATEGORIES, 'total'] as const) expect(fast[k].toFixed()).toBe(full[k].toFixed());
      }),
      { numRuns: 300 },
    );
  });

  it('more volume never costs less', () => {
    fc.assert(
      fc.property(transfer, volume, (t, extra) => {
        const a = estimate(scenarioOf([t], []), book).totals.total;
        const b = estimate(scenarioOf([{ ...t, gb: t.gb.plus(extra) }], []), book).totals.total;
        expect(b.gte(a)).toBe(true);
      }),
    );
  });
});
