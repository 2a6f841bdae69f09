import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../../src/model/decimal.js';
import { tieredCost } from '../../src/engine/tiers.js';
import { allocate } from '../../src/engine/allocate.js';
import { fromGB, GIB_PER_GB } from '../../src/engine/units.js';

const d = (v: string | number) => new Decimal(v);
const awsEgress = [
  { up_to: d(100), rate: d(0) },
  { up_to: d(10240), rate: d('0.09') },
  { up_to: d(51200), rate: d('0.085') },
  { up_to: d(153600), rate: d('0.07') },
  { rate: d('0.05') },
];

describe('tieredCost', () => {
  it.each([
    ['0', '0'],
    ['100', '0'],
    ['101', '0.09'],
    ['10240', '912.6'], // (10240 - 100) × 0.09
    ['12000', '1062.2'], // 912.6 + 1760 × 0.085
    ['200000', '13882.2'], // 912.6 + 40960×0.085 + 102400×0.07 + 46400×0.05
  ])('%s GB of AWS internet egress costs $%s', (gb, cost) => {
    expect(tieredCost(d(gb), awsEgress).cost.toFixed()).toBe(d(cost).toFixed());
  });

  it('never charges more per GB than the first paid tier, and grows with volume', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (a, extra) => {
        const x = tieredCost(d(a), awsEgress).cost;
        const y = tieredCost(d(a + extra), awsEgress).cost;
        expect(y.gte(x)).toBe(true);
        expect(x.lte(d(a).times('0.09'))).toBe(true);
      }),
    );
  });
});

describe('allocate', () => {
  it('splits in proportion and the parts add up to the total exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.array(fc.integer({ min: 0, max: 10 ** 6 }), { minLength: 1, maxLength: 20 }),
        (cents, weights) => {
          const total = d(cents).div(100);
          const parts = allocate(total, weights.map((w) => d(w)));
          const sum = parts.reduce((s, p) => s.plus(p), d(0));
          if (weights.some((w) => w > 0)) expect(sum.eq(total)).toBe(true);
          parts.forEach((p, i) => {
            if (weights[i] === 0 && weights.some((w) => w > 0)) expect(p.abs().lte('1e-9')).toBe(true);
          });
        },
      ),
    );
  });

  it('rounds every part but the largest weight\'s once: total × weight / whole, half-even to 10^-10', () => {
    const Wide = Decimal.clone({ precision: 200 });
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 12), max: 10 ** 12 }),
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { minLength: 2, maxLength: 12 }),
        fc.integer({ min: 0, max: 9 }),
        (units, places, weights, wPlaces) => {
          const total = d(units).div(d(10).pow(places));
          const ws = weights.map((w) => d(w).div(d(10).pow(wPlaces)));
          const whole = ws.reduce((s, w) => s.plus(w), d(0));
          fc.pre(!whole.isZero());
          const parts = allocate(total, ws);
          let largest = 0;
          ws.forEach((w, i) => (largest = w.gt(ws[largest]!) ? i : largest));
          parts.forEach((p, i) => {
            if (i === largest) return;
            const exact = new Wide(total.toString()).times(ws[i]!.toString()).div(whole.toString());
            expect(p.toFixed()).toBe(exact.toDecimalPlaces(10, Decimal.ROUND_HALF_EVEN).toFixed());
          });
          expect(parts.reduce((s, p) => s.plus(p), d(0)).eq(total)).toBe(true);
        },
      ),
    );
  });

  it('rounds a half to even, as Decimal does', () => {
    // 1.5 and 2.5 tenths of a billionth: the second part rounds to 2 both times; the first (the largest, first found) takes the rest.
    expect(allocate(d('0.0000000003'), [d(1), d(1)]).map((p) => p.toFixed())).toEqual(['0.0000000001', '0.0000000002']);
    expect(allocate(d('0.0000000005'), [d(1), d(1)]).map((p) => p.toFixed())).toEqual(['0.0000000003', '0.0000000002']);
  });

  it('gives a third to each of three equal weights, the rounding remainder to one of them', () => {
    const parts = allocate(d(100), [d(1), d(1), d(1)]);
    expect(parts.map((p) => p.toFixed())).toEqual(['33.3333333334', '33.3333333333', '33.3333333333']);
  });
});

describe('GB to GiB', () => {
  it('is exact: 2^30 bytes per GiB, 10^9 per GB', () => {
    expect(GIB_PER_GB.times(2 ** 30).toFixed()).toBe('1000000000');
    expect(fromGB(d('1073.741824'), 'GiB').toFixed()).toBe('1000');
    expect(fromGB(d(5), 'GB').toFixed()).toBe('5');
  });
});
