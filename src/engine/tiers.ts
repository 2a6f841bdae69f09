import { Decimal, ZERO } from '../model/decimal.js';
import type { Tier } from '../model/pricing.js';

/** The part of an aggregate quantity that falls in one tier. */
export interface TierBucket {
  from: Decimal;
  to?: Decimal;
  quantity: Decimal;
  rate: Decimal;
  cost: Decimal;
}

/** Price a monthly aggregate on graduated tiers: each band at its own rate. */
export function tieredCost(quantity: Decimal, tiers: readonly Tier[]): { cost: Decimal; buckets: TierBucket[] } {
  const buckets: TierBucket[] = [];
  let from = ZERO;
  let cost = ZERO;
  for (const tier of tiers) {
    if (quantity.lte(from)) break;
    const top = tier.up_to === undefined ? quantity : Decimal.min(quantity, tier.up_to);
    const inBand = top.minus(from);
    const bandCost = inBand.times(tier.rate);
    buckets.push({ from, to: tier.up_to, quantity: inBand, rate: tier.rate, cost: bandCost });
    cost = cost.plus(bandCost);
    if (tier.up_to === undefined) break;
    from = tier.up_to;
  }
  return { cost, buckets };
}
