import type { Decimal } from '../model/decimal.js';
import type { Scenario } from '../model/scenario.js';
import { fieldOf, type UncertainInput } from '../model/uncertain.js';
import type { PricingBook } from '../model/pricing-book.js';
import { swingEnds } from './distributions.js';
import { compilePlan } from './compiled-plan.js';

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
export function sensitivity(
  scenario: Scenario,
  uncertain: readonly UncertainInput[],
  book: PricingBook,
  plan = compilePlan(scenario, book, uncertain.map((u) => u.path)),
): Swing[] {
  const point = uncertain.map(({ path: [section, index, field] }) => fieldOf(scenario[section]![index]!, field) as Decimal);
  const totalWith = (at: number, value: Decimal) => plan.totals(point.map((p, i) => (i === at ? value : p))).total;
  return uncertain
    .map((input, i) => {
      const { low, high } = swingEnds(input);
      const totalAtLow = totalWith(i, low);
      const totalAtHigh = totalWith(i, high);
      return { input, low, high, totalAtLow, totalAtHigh, swing: totalAtHigh.minus(totalAtLow).abs() };
    })
    .sort((a, b) => b.swing.comparedTo(a.swing) || a.input.label.localeCompare(b.input.label));
}
