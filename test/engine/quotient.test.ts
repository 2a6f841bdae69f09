import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../../src/model/decimal.js';
import { quotient } from '../../src/engine/quotient.js';

// Numbers as plans and tables write them and as the engine makes them: 1 to 40 digits, any sign and scale.
const decimal = fc
  .record({
    negative: fc.boolean(),
    digits: fc.stringMatching(/^[1-9][0-9]{0,39}$/),
    exponent: fc.integer({ min: -30, max: 30 }),
  })
  .map(({ negative, digits, exponent }) => new Decimal(`${negative ? '-' : ''}${digits}e${exponent}`));

const same = (a: Decimal, b: Decimal) => {
  const got = quotient(a, b);
  const want = a.div(b);
  expect(got.toString(), `${a} / ${b}`).toBe(want.toString());
  expect(got.eq(want)).toBe(true);
};

describe('quotient: a.div(b) in integers, the same Decimal to the last digit', () => {
  it('on any two numbers', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => same(a, b)),
      { numRuns: 5000 },
    );
  });

  it('on a line of a tiered aggregate: its volume over the aggregate', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { minLength: 2, maxLength: 50 }), (volumes) => {
        const qs = volumes.map((v) => new Decimal(v).div(1000));
        const aggregate = qs.reduce((s, q) => s.plus(q), new Decimal(0));
        if (aggregate.isZero()) return;
        for (const q of qs) same(q, aggregate);
      }),
    );
  });

  it('on exact halves, which round to the even neighbour, and on quotients that round up to a power of ten', () => {
    const Wide = Decimal.clone({ precision: 200 });
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9][0-9]{39}$/), decimal, fc.integer({ min: -20, max: 20 }), (head, b, shift) => {
        // q = head.5 × 10^shift exactly: the 41st digit a 5 with nothing after it.
        const a = new Decimal(new Wide(`${head}5e${shift - 1}`).times(b.toString()).toString());
        same(a, b);
      }),
    );
    same(new Decimal('99999999999999999999999999999999999999995'), new Decimal('10000001'));
    same(new Decimal('-1'), new Decimal('3.0000001'));
  });

  it('leaves to decimal.js what it does not take: zeros, infinities, NaN, one-word divisors', () => {
    for (const [a, b] of [
      ['0', '12345678.9'],
      ['-0', '12345678.9'],
      ['1', '0'],
      ['Infinity', '12345678.9'],
      ['1', 'NaN'],
      ['2', '3'],
    ] as const) {
      const got = quotient(new Decimal(a), new Decimal(b));
      const want = new Decimal(a).div(new Decimal(b));
      expect(got.toString(), `${a} / ${b}`).toBe(want.toString());
      expect(Object.is(got.isNegative(), want.isNegative())).toBe(true);
    }
  });
});
