import type { Decimal } from '../model/decimal.js';
import type { Scenario } from '../model/scenario.js';
import { withValues, type UncertainInput } from '../model/uncertain.js';
import type { PricingBook } from '../model/pricing-book.js';
import { swingEnds } from './distributions.js';
import { estimateTotals } from './estimate.js';

/** How far the total moves when one input goes from its low to its high end, the others at their point values. */
export interface Swing {
  input: UncertainInput;
  low: Decimal;
  high: Decimal;
  totalAtLow: Decimal;
  totalAtHigh: Decimal;
  /** |totalAtHigh − totalAtLow| */
  swing: Decimal;
}

/**
 * One-at-a-time sensitivity (the tornado chart): the inputs that drive the
 * spread of the total, biggest swing first. Ends are a triangular range's
 * low/high, a lognormal's p05/p95.
 */
export function sensitivity(scenario: Scenario, uncertain: readonly UncertainInput[], book: PricingBook): Swing[] {
  const totalWith = (input: UncertainInput, value: Decimal) => estimateTotals(withValues(scenario, [{ path: input.path, value }]), book).total;
  return uncertain
    .map((input) => {
      const { low, high } = swingEnds(input);
      const totalAtLow = totalWith(input, low);
      const totalAtHigh = totalWith(input, high);
      return { input, low, high, totalAtLow, totalAtHigh, swing: totalAtHigh.minus(totalAtLow).abs() };
    })
    .sort((a, b) => b.swing.comparedTo(a.swing) || a.input.label.localeCompare(b.input.label));
}
