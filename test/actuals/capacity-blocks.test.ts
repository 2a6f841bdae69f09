import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockPart } from '../../src/actuals/capacity-blocks.js';
import { reconcile, type CostBasis } from '../../src/actuals/reconcile.js';
import { Decimal } from '../../src/model/decimal.js';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { priceLoaded } from '../../src/projection.js';
import { FIXTURE_PRICING, REPO, line } from '../helpers.js';
import { record } from './records.js';

process.env.TOLLGATE_PRICING_MAX_AGE_DAYS = '3650';

const OCT = { month: '2026-10', elapsedDays: 31, days: 31 };
const h = (v: number) => new Decimal(v);

describe('blockPart: a capacity block’s hours inside the days checked', () => {
  it.each([
    ['wholly inside the month', '2026-10-05', 168, OCT, '168', '1'],
    ['its last two days in the month, the rest in November', '2026-10-30T00:00:00Z', 168, OCT, '48', '0.2857142857'],
    ['begun in September', '2026-09-28', 168, OCT, '96', '0.5714285714'],
    ['starting at noon on the last day', '2026-10-31T12:00:00Z', 24, OCT, '12', '0.5'],
    ['wholly in November', '2026-11-02', 24, OCT, '0', '0'],
    ['a month under way: only the 15 days checked', '2026-10-10', 168, { month: '2026-10', elapsedDays: 15 }, '144', '0.8571428571'],
  ])('%s', (_, start, hours, period, hoursIn, share) => {
    const part = blockPart(start, h(hours), period);
    expect(part.hoursIn.toFixed()).toBe(hoursIn);
    expect(part.share.toDecimalPlaces(10).toFixed()).toBe(share);
  });
});

describe('a capacity block’s fee against the plan: all of it billed, the month’s share amortized', () => {
  // 2 × p4d.24xlarge for a 168 h block at the fixture's $12/h (not a price): a $4,032 fee booked once.
  const plan = (extra: string) => {
    const loaded = parseScenario(
      `name: t\npricing: [./commitment-rates.yaml]\nnodes:\n  - {name: burst, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2, hours: 100, purchase: capacity-block, block_hours: 168${extra}}\n`,
      join(REPO, 'test', 'fixtures', 'purchase', 'inline.yaml'),
    );
    return { loaded, estimate: priceLoaded(loaded, loadPricingBook(providersOf(loaded.scenario), loaded.overrides, FIXTURE_PRICING)) };
  };
  const fee = record({ chargeCategory: 'Upfront', serviceName: 'EC2 - Other', usageType: 'USE1-CapacityBlockFee:p4d.24xlarge', billedCost: h(4032), effectiveCost: h(4032) });
  const check = (p: ReturnType<typeof plan>, costBasis: CostBasis, period = OCT) => reconcile(p.estimate, p.loaded.scenario, [fee], { threshold: new Decimal('0.1'), period, costBasis });

  it('the plan prices the whole block', () => {
    expect(line(plan('').estimate, 'burst', 'node').cost.toFixed()).toBe('4032');
  });

  it('effective basis, 48 of its 168 h in October: 48/168 of the fee and of the plan, said in a note', () => {
    const r = check(plan(', block_start: "2026-10-30T00:00:00Z"'), 'effective');
    const burst = r.lines.find((l) => l.line.name === 'burst')!;
    expect(burst.actual.toFixed()).toBe('1152');
    expect(burst.projected.toFixed()).toBe('1152');
    expect(r.total.projected.toFixed()).toBe('1152');
    expect(r.total.actual.toFixed()).toBe('1152');
    expect(r.categories.find((c) => c.category === 'compute')!.projected.toFixed()).toBe('1152');
    expect(r.over).toBe(false);
    expect(r.notes).toEqual([
      "capacity block burst: 48 of its 168 h (from 2026-10-30T00:00:00Z) fall in the 2026-10 days checked, so that share of its fee and of its planned cost is counted (effective basis: the up-front fee spread evenly over the block's hours; only a fee on this month's bill is seen, so a block paid for in an earlier month shows none here)",
    ]);
  });

  it('effective basis, the block wholly in October: all of it, no share taken', () => {
    const r = check(plan(', block_start: 2026-10-05'), 'effective');
    expect(r.lines[0]!.actual.toFixed()).toBe('4032');
    expect(r.lines[0]!.projected.toFixed()).toBe('4032');
    expect(r.notes[0]).toMatch(/^capacity block burst: 168 of its 168 h \(from 2026-10-05\) fall in the 2026-10 days checked/);
  });

  it('effective basis without block_start: the fee in full, and the note says why', () => {
    const r = check(plan(''), 'effective');
    expect(r.lines[0]!.actual.toFixed()).toBe('4032');
    expect(r.notes).toEqual([
      "capacity block burst: its fee is counted in full, in the month it is billed (no block_start, so its hours are taken to fall in 2026-10; give block_start to spread it over the block's hours)",
    ]);
  });

  it('effective basis, a placed block whose fee is on no bill of this month: its share is planned, none billed, and the note says why', () => {
    const p = plan(', block_start: "2026-10-30T00:00:00Z"');
    const r = reconcile(p.estimate, p.loaded.scenario, [], { threshold: new Decimal('0.1'), period: OCT, costBasis: 'effective' });
    expect(r.lines[0]!.projected.toFixed()).toBe('1152');
    expect(r.lines[0]!.actual.toFixed()).toBe('0');
    expect(r.notes[0]).toMatch(/a block paid for in an earlier month shows none here\)$/);
  });

  it('effective basis, a fee the source amortized itself (effective ≠ billed): taken as the source gives it, never spread twice', () => {
    const p = plan(', block_start: "2026-10-30T00:00:00Z"');
    const amortized = { ...fee, effectiveCost: h(1000) };
    const r = reconcile(p.estimate, p.loaded.scenario, [amortized], { threshold: new Decimal('0.1'), period: OCT, costBasis: 'effective' });
    expect(r.lines[0]!.actual.toFixed()).toBe('1000');
  });

  it('billed basis: the invoice’s fee in full whatever block_start says, no note', () => {
    const r = check(plan(', block_start: "2026-10-30T00:00:00Z"'), 'billed');
    expect(r.lines[0]!.actual.toFixed()).toBe('4032');
    expect(r.lines[0]!.projected.toFixed()).toBe('4032');
    expect(r.notes).toEqual([]);
  });
});
