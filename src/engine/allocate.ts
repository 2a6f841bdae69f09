import { Decimal, ZERO, sum } from '../model/decimal.js';
import { quotient } from './quotient.js';

/** Shares are exact to 10^-10 of the currency; the remainder goes to the largest weight. */
const SHARE_PLACES = 10;

/**
 * Split `total` across `weights` in proportion, so that the parts add up to the
 * total exactly (a tiered aggregate allocated back to the flows that made it).
 */
export function allocate(total: Decimal, weights: readonly Decimal[]): Decimal[] {
  // One part is the whole: no division (most tiered aggregates have a single member;
  // Monte Carlo prices thousands of them).
  if (weights.length === 1 && !weights[0]!.isZero()) return [total];
  const whole = sum(weights);
  if (whole.isZero()) return weights.map(() => ZERO);
  return allocateFractions(
    total,
    weights,
    weights.map((w) => quotient(w, whole)),
  );
}

/**
 * `allocate` with each weight's fraction of the whole already worked out, for
 * callers that need the fractions anyway: one division per part instead of two.
 */
export function allocateFractions(total: Decimal, weights: readonly Decimal[], fractions: readonly Decimal[]): Decimal[] {
  const shares = fractions.map((f) => total.times(f).toDecimalPlaces(SHARE_PLACES, Decimal.ROUND_HALF_EVEN));
  let largest = 0;
  weights.forEach((w, i) => {
    if (w.gt(weights[largest]!)) largest = i;
  });
  const others = sum(shares.filter((_, i) => i !== largest));
  shares[largest] = total.minus(others);
  return shares;
}
