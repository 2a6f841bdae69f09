import { Decimal, ZERO } from '../model/decimal.js';
import type { LineTiers, TierShare } from '../model/estimate.js';
import { quotient } from '../engine/quotient.js';

const ONE = new Decimal(1);

/**
 * How much of each band one line (of `quantity`) accounts for: its fraction of every band.
 * The fraction is worked out here, when a report shows the bands, not when the
 * line is priced: Monte Carlo, compare and check never read it.
 */
export function lineShares(t: LineTiers, quantity: Decimal): TierShare[] {
  const fraction = t.aggregate.isZero() ? ZERO : quantity.eq(t.aggregate) ? ONE : quotient(quantity, t.aggregate);
  return t.bands.map((b) => ({ ...b, quantity: b.quantity.times(fraction) }));
}
