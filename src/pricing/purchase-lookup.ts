import type { Decimal } from '../model/decimal.js';
import type { Commitment, PricingTableInput } from '../model/pricing.js';
import { commitmentLabel, isCommitted, PURCHASES, SOLD_BY, type CommittedPurchase, type Purchase } from '../model/purchase.js';
import { dateFor, LookupError } from './lookup.js';

/** What a committed option asks for: the entry is the one whose fields match (those left out match any). */
export type CommitmentAsk = { purchase: CommittedPurchase } & Partial<Pick<Commitment, 'term' | 'payment' | 'plan'>>;

/** The purchase options a table has a rate for, for one instance in one region. */
export function optionsPriced(table: PricingTableInput, instance: string, region: string): Purchase[] {
  const entry = table.instances?.[instance];
  if (!entry) return [];
  return PURCHASES.filter((p) => {
    if (!SOLD_BY[p].includes(table.provider)) return false;
    if (p === 'on-demand') return entry.on_demand?.[region] !== undefined;
    if (p === 'spot') return entry.spot?.[region] !== undefined;
    if (p === 'capacity-block') return entry.capacity_block?.[region] !== undefined;
    if (p === 'flex-start') return entry.flex_start?.[region] !== undefined;
    return (entry.commitments ?? []).some((c) => c.purchase === p && c.rates[region] !== undefined);
  });
}

/** One way to buy an instance that a table prices: a committed option with the terms of one of its entries. */
export type PurchaseChoice = { purchase: Purchase; label: string } & Partial<Pick<Commitment, 'term' | 'payment' | 'plan'>>;

/**
 * Every way a table prices one instance in one region, in PURCHASES order and
 * each committed option once per entry (its plan, term and payment): what the
 * session's `p` cycles through.
 */
export function purchaseChoices(table: PricingTableInput, instance: string, region: string): PurchaseChoice[] {
  const entries = (table.instances?.[instance]?.commitments ?? []).filter((c) => c.rates[region] !== undefined);
  return optionsPriced(table, instance, region).flatMap((purchase): PurchaseChoice[] =>
    isCommitted(purchase)
      ? entries
          .filter((c) => c.purchase === purchase)
          .map((c) => ({
            purchase,
            label: commitmentLabel(c),
            term: c.term,
            ...(c.plan ? { plan: c.plan } : {}),
            ...(c.payment ? { payment: c.payment } : {}),
          }))
      : [{ purchase, label: purchase }],
  );
}

/**
 * The one commitment entry of an instance that matches the ask in a region.
 * No entry, or several that the ask does not tell apart, is a miss at the
 * field to change, listing the options and terms the table has there.
 */
export function commitmentRate(table: PricingTableInput, instance: string, region: string, ask: CommitmentAsk): { rate: Decimal; entry: Commitment; asOf: string } {
  const entry = table.instances?.[instance];
  const here = (entry?.commitments ?? []).filter((c) => c.rates[region] !== undefined);
  const ofKind = here.filter((c) => c.purchase === ask.purchase);
  if (ofKind.length === 0) {
    const none = `no ${ask.purchase} rate is bundled for ${instance} in ${region}`;
    throw new LookupError(
      `${none} in the ${table.provider} table`,
      `options priced for ${instance} there: ${optionsPriced(table, instance, region).join(', ') || 'none'}; or give the rate in a pricing file (instances: {${instance}: {commitments: [{purchase: ${ask.purchase}, term: …, rates: {${region}: …}}]}})`,
      'purchase',
    );
  }
  const matching = ofKind.filter((c) => (['term', 'payment', 'plan'] as const).every((f) => ask[f] === undefined || c[f] === ask[f]));
  const choices = ofKind.map(commitmentLabel).join('; ');
  if (matching.length === 0) {
    const field = ask.term !== undefined && !ofKind.some((c) => c.term === ask.term) ? 'term' : ask.payment !== undefined && !ofKind.some((c) => c.payment === ask.payment) ? 'payment' : 'plan';
    throw new LookupError(`${instance} has no ${commitmentLabel(ask)} rate in ${region}`, `priced there: ${choices}`, field);
  }
  if (matching.length > 1 || ask.term === undefined) {
    const missing = (['term', 'payment', 'plan'] as const).filter((f) => ask[f] === undefined && new Set(matching.map((c) => c[f])).size > 1);
    if (ask.term === undefined || missing.length > 0) {
      const fields = ask.term === undefined ? ['term', ...missing.filter((f) => f !== 'term')] : missing;
      throw new LookupError(`${ask.purchase} needs ${fields.join(' and ')}`, `priced for ${instance} in ${region}: ${choices}`, 'purchase');
    }
  }
  const found = matching[0]!;
  return { rate: found.rates[region]!, entry: found, asOf: found.as_of ?? dateFor(entry?.as_of, region, table.as_of) };
}

/** The $/instance-hour of a non-committed option other than on-demand and spot (capacity block, flex-start). */
export function blockRate(table: PricingTableInput, instance: string, region: string, purchase: 'capacity-block' | 'flex-start'): { rate: Decimal; asOf: string } {
  const entry = table.instances?.[instance];
  const rates = purchase === 'capacity-block' ? entry?.capacity_block : entry?.flex_start;
  const rate = rates?.[region];
  if (rate === undefined) {
    const anywhere = Object.keys(rates ?? {});
    throw new LookupError(
      `no ${purchase} rate is bundled for ${instance} in ${region}${anywhere.length ? '' : ` (the ${table.provider} table has no published ${purchase} rate for it)`}`,
      `${anywhere.length ? `${purchase} regions for ${instance}: ${anywhere.join(', ')}; ` : ''}options priced there: ${optionsPriced(table, instance, region).join(', ') || 'none'}; or give the rate in a pricing file (instances: {${instance}: {${purchase.replace('-', '_')}: {${region}: …}}})`,
      'purchase',
    );
  }
  const date = purchase === 'capacity-block' ? entry?.capacity_block_as_of : entry?.flex_start_as_of;
  return { rate, asOf: dateFor(date ?? entry?.as_of, region, table.as_of) };
}

