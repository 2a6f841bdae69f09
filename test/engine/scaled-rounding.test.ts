import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal, ZERO } from '../../src/model/decimal.js';
import { decimalOf, roundedSum, roundToPrecision } from '../../src/engine/scaled-plan.js';

// Integers of 1 to 70 digits, ties (…5000) and runs of nines (which carry into a new digit) made common.
const digits = fc.oneof(
  fc.stringMatching(/^[1-9][0-9]{0,69}$/),
  fc.tuple(fc.stringMatching(/^[1-9][0-9]{38,45}$/), fc.constantFrom('5', '50000', '49999', '9999999', '0000')).map(([a, b]) => a + b),
);
const integer = digits.map((t) => BigInt(t));
const scale = fc.integer({ min: 0, max: 60 });

describe('Decimal rounding on exact integers (scaled-plan.ts)', () => {
  it('roundToPrecision(m) × 10^−s is the Decimal decimalOf makes of m, half to even', () => {
    fc.assert(
      fc.property(integer, scale, (m, s) => {
        expect(decimalOf(roundToPrecision(m), s).eq(decimalOf(m, s))).toBe(true);
        expect(decimalOf(roundToPrecision(m), s).eq(new Decimal(`${roundToPrecision(m)}e-${s}`))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    expect(roundToPrecision(10n ** 40n + 5n)).toBe(10n ** 40n);
    expect(roundToPrecision(10n ** 41n + 150n)).toBe(10n ** 41n + 200n);
    expect(roundToPrecision(10n ** 41n + 250n)).toBe(10n ** 41n + 200n);
  });

  it('roundedSum is the running Decimal sum of the values decimalOf makes, each partial sum rounded as plus rounds it', () => {
    fc.assert(
      fc.property(fc.array(integer, { minLength: 1, maxLength: 40 }), scale, (column, s) => {
        let total = ZERO;
        for (const m of column) total = total.plus(decimalOf(m, s));
        expect(decimalOf(roundedSum(column), s).eq(total)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
