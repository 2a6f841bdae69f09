import { Decimal, ZERO, sum } from '../model/decimal.js';
import { integerForm, pow10 } from './quotient.js';

/** Shares are exact to 10^-10 of the currency; the remainder goes to the largest weight. */
const SHARE_PLACES = 10;

/**
 * Split `total` across `weights` in proportion, so that the parts add up to the
 * total exactly (a tiered aggregate allocated back to the flows that made it).
 * Each part but the largest weight's is total × weight / whole rounded once,
 * half-even, to 10^-10; the largest takes what is left. `whole` is the weights'
 * sum when the caller has it already.
 *
 * Worked in integers: a Decimal product then a rounding to places cost two
 * Decimals of garbage a part (on 10^4 tiered lines, the largest part of pricing),
 * and rounding the exact ratio once is never further from it than that was.
 */
export function allocate(total: Decimal, weights: readonly Decimal[], whole: Decimal = sum(weights)): Decimal[] {
  // One part is the whole: no division (most tiered aggregates have a single member;
  // Monte Carlo prices thousands of them).
  if (weights.length === 1 && !weights[0]!.isZero()) return [total];
  if (whole.isZero()) return weights.map(() => ZERO);
  if (!total.isFinite()) return weights.map((w) => total.times(w).div(whole));
  const t = integerForm(total);
  const all = integerForm(whole);
  const flip = total.isNegative() !== whole.isNegative();
  let largest = 0;
  let others = 0n;
  const tenths: bigint[] = new Array(weights.length);
  weights.forEach((w, i) => {
    if (w.gt(weights[largest]!)) largest = i;
    const x = integerForm(w);
    // share × 10^places = t.c × x.c / all.c × 10^scale, the power put on whichever side keeps it whole.
    const scale = t.exponent + x.exponent - all.exponent + SHARE_PLACES;
    const num = t.c * x.c * (scale > 0 ? pow10(scale) : 1n);
    const den = all.c * (scale < 0 ? pow10(-scale) : 1n);
    let q = num / den;
    const twice = 2n * (num - q * den);
    if (twice > den || (twice === den && (q & 1n) === 1n)) q += 1n;
    // Rounded on the magnitude, so a share and its negation round alike.
    tenths[i] = flip !== w.isNegative() ? -q : q;
  });
  const parts = tenths.map((q, i) => {
    if (i === largest) return ZERO;
    others += q;
    return q === 0n ? ZERO : new Decimal(`${q}e-${SHARE_PLACES}`);
  });
  parts[largest] = total.minus(new Decimal(`${others}e-${SHARE_PLACES}`));
  return parts;
}
