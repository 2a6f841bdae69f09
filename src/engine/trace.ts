import type { Decimal } from '../model/decimal.js';
import type { LineItem } from '../model/estimate.js';
import type { AggregateMember } from './aggregate.js';

/**
 * What the engine reports, when asked, while it prices: how each line's
 * quantity follows from its scenario item, and which lines share a tiered
 * aggregate. Rates, paths and tier schedules never depend on a quantity, so a
 * compiled plan (compiled-plan.ts) can re-price a changed quantity's own lines
 * and aggregate with the engine's own rules, and leave the rest as priced.
 */
export interface PricingTrace {
  /** `quantityOf` is the rule the pricer itself used: same item, same Decimal. */
  line<T>(line: LineItem, quantityOf: (item: T) => Decimal): void;
  /** Lines priced together on tiers, with the members `priceAggregate` was given (same order). */
  aggregate(lines: readonly LineItem[], members: readonly AggregateMember[]): void;
}
