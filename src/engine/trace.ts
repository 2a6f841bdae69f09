import { Decimal } from '../model/decimal.js';
import type { LineItem } from '../model/estimate.js';
import type { AggregateMember } from './aggregate.js';

/**
 * How a quantity rule multiplies, when it only multiplies: the quantity is the
 * product, taken left to right as Decimal takes it, of these terms (an item's
 * field by name, a constant, or a sampled factor). Lets Monte Carlo price a
 * sample in exact integers (scaled-plan.ts); a rule that divides declares none.
 * A product names every field of the item its quantity reads (as the item is
 * priced: a field the item lacks may change the rule once set), so a line whose
 * product names none of the fields a plan varies costs the same in every sample.
 */
export type Product = readonly (string | Decimal | SampledFactor | ItemConstant)[];

/**
 * A factor the rule works out from some fields of the item by steps that do
 * not only multiply (a disk's node-months, count × hours / hours_per_month):
 * `value` is the rule's own step, so while none of `fields` varies it is the
 * same Decimal in every sample, a constant of the product; when one varies the
 * line has no product (Monte Carlo prices it in Decimals).
 */
export interface ItemConstant {
  readonly fields: readonly string[];
  value(item: object): Decimal;
}

/**
 * A factor the rule works out in floats from exact quantities and rounds to a
 * draw's 4 significant digits, as `significant` (distributions.ts) rounds: a
 * spot group's billed hours for a month's sampled interruption luck. The rule's
 * factor is `significant(of(args))`, each arg the nearest double of the exact
 * product of its terms (fields by name or constants).
 */
export interface SampledFactor {
  readonly args: readonly (readonly (string | Decimal)[])[];
  of(args: readonly number[]): number;
}

/** The fields a product names, its sampled factors' included. */
export function productFields(product: Product): string[] {
  const out: string[] = [];
  for (const t of product) {
    if (typeof t === 'string') out.push(t);
    else if (t instanceof Decimal) continue;
    else if ('fields' in t) out.push(...t.fields);
    else for (const arg of t.args) for (const a of arg) if (typeof a === 'string') out.push(a);
  }
  return out;
}

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
  /**
   * A quantity of an item that prices no line at its value here but would at
   * another (IOPS within those a disk includes, no public address): a plan
   * varying it cannot re-price lines that are not there, so it is priced whole.
   */
  latent(section: string, index: number, field: string): void;
  /** Lines priced together on tiers, with the members `priceAggregate` was given (same order). */
  aggregate(lines: readonly LineItem[], members: readonly AggregateMember[]): void;
}
