import { Decimal } from 'decimal.js';

// Forty significant digits keeps pro-rata shares of tiered totals far below a
// cent; the only rounding in the whole pipeline is the human-facing render.
Decimal.set({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });

export { Decimal };
export const ZERO = new Decimal(0);

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
