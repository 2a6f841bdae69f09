import type { Decimal } from '../model/decimal.js';
import type { LineItem } from '../model/estimate.js';
import type { AggregateMember } from './aggregate.js';

/**
 * How a quantity rule multiplies, when it only multiplies: the quantity is the
 * product, taken left to right as Decimal takes it, of these terms (an item's
 * field by name, or a constant). Lets Monte Carlo price a sample in exact
 * integers (scaled-plan.ts); a rule that divides declares none.
 */
export type Product = readonly (string | Decimal)[];

/**
 * What the engine reports, when asked, while it prices: how each line's
 * quantity follows from its scenario item, and which lines share a tiered
 * aggregate. Rates, paths and tier schedules never depend on a quantity, so a
 * compiled plan (compiled-plan.ts) can re-price a changed quantity's own lines
 * and aggregate with the engine's own rules, and leave the rest as priced.
 */
export interface PricingTrace {
  /** `quantityOf` is the rule the pricer itself used: same item, same Decimal; `product` its steps, when it only multiplies. */
  line<T>(line: LineItem, quantityOf: (item: T) => Decimal, product?: Product): void;
  /** A line that points at an item (its `ref`) but whose cost none of the item's quantities moves: a NAT gateway's hours. */
  fixed(line: LineItem): void;
  /** Lines priced together on tiers, with the members `priceAggregate` was given (same order). */
  aggregate(lines: readonly LineItem[], members: readonly AggregateMember[]): void;
}
