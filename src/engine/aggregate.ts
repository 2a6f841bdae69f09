import { Decimal, sum, ZERO } from '../model/decimal.js';
import type { LineTiers } from '../model/estimate.js';
import type { Tier } from '../model/pricing.js';
import { allocate } from './allocate.js';
import { groupBy } from './group-by.js';
import { quotient } from './quotient.js';
import { tieredCost } from './tiers.js';

/** One flow (or stored volume) taking part in a tiered monthly aggregate. */
export interface AggregateMember {
  quantity: Decimal;
  /** The tier schedule this member is priced on (e.g. its source region's). */
  schedule: string;
  tiers: readonly Tier[];
}

export interface MemberCost {
  cost: Decimal;
  /** Left out when only totals are wanted. */
  tiers?: LineTiers;
}

/**
 * `lines`: split each aggregate among its members (pro rata, with tier shares).
 * `totals`: give each schedule's whole cost to its first member — the same
 * totals to the last digit, without the divisions (for Monte Carlo samples).
 */
export type Detail = 'lines' | 'totals';

/**
 * Price members whose tiers apply to their combined monthly total, then give
 * each member its pro-rata share. Members on another schedule (a region with
 * its own rates) pay their schedule's price for the whole aggregate, in
 * proportion to their volume — so splitting or merging flows never moves a total.
 */
export function priceAggregate(members: readonly AggregateMember[], detail: Detail = 'lines'): MemberCost[] {
  const aggregate = sum(members.map((m) => m.quantity));
  const out: MemberCost[] = new Array(members.length);
  const bySchedule = groupBy(
    members.map((_, i) => i),
    (i) => members[i]!.schedule,
  );

  for (const indexes of bySchedule.values()) {
    const tiers = members[indexes[0]!]!.tiers;
    const whole = tieredCost(aggregate, tiers);
    // One schedule for every member (the usual case) pays the whole cost: no second sum.
    const scheduleVolume = indexes.length === members.length ? aggregate : sum(indexes.map((i) => members[i]!.quantity));
    const scheduleCost =
      indexes.length === members.length ? whole.cost : allocate(whole.cost, [scheduleVolume, aggregate.minus(scheduleVolume)])[0]!;
    if (detail === 'totals') {
      indexes.forEach((memberIndex, k) => (out[memberIndex] = { cost: k === 0 ? scheduleCost : ZERO }));
      continue;
    }
    const weights = indexes.map((i) => members[i]!.quantity);
    const costs = allocate(scheduleCost, weights, indexes.length === members.length ? aggregate : scheduleVolume);
    // One tiers object for the schedule's every line (a line's share of it follows from its quantity).
    const shared: LineTiers = { aggregate, bands: whole.buckets };
    indexes.forEach((memberIndex, k) => {
      out[memberIndex] = { cost: costs[k]!, tiers: shared };
    });
  }
  return out;
}

/**
 * Cost over quantity, for showing a tiered line as quantity × rate. A volume in
 * GiB has many digits, which makes Decimal's division a long one: `quotient`
 * gives the same Decimal in integers.
 */
export function blendedRate(cost: Decimal, quantity: Decimal): Decimal {
  return quantity.isZero() ? ZERO : quotient(cost, quantity);
}
