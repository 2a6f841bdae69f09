import type { Decimal } from '../model/decimal.js';
import type { PricingBook } from '../model/pricing-book.js';
import { INTERRUPTION_FIELDS, type NodeGroup } from '../model/scenario.js';
import { tableFor } from '../pricing/lookup.js';
import { purchaseChoices, type PurchaseChoice } from '../pricing/purchase-lookup.js';
import { sameValue, type Patch, type Value } from './edits.js';

/** The fields a purchase option brings with it; moving to another option sets or drops every one of them. */
const TERM_FIELDS = ['term', 'payment', 'plan'] as const;

export type PurchaseStep =
  | { kind: 'none'; why: string }
  | { kind: 'next'; choice: PurchaseChoice; at: number; of: number; patch: Patch<NodeGroup> };

/** The option the group is bought with among the table's: the first whose terms its fields do not contradict. */
function currentIndex(group: NodeGroup, choices: readonly PurchaseChoice[]): number {
  const purchase = group.purchase ?? 'on-demand';
  return choices.findIndex((c) => c.purchase === purchase && TERM_FIELDS.every((f) => group[f] === undefined || group[f] === c[f]));
}

/**
 * The next purchase option the catalog prices for the group's instance in its
 * region (on-demand, spot, each commitment entry with its terms, capacity
 * block, flex-start), as the patch that buys the group that way: terms for a
 * committed option, block_hours for a capacity block (the group's hours, or the
 * month when they are not one written number), the interruption model on spot
 * as the file had it when opened or saved, and every field of the option left
 * behind removed (each would be an error on the new one). Only what changes is
 * in the patch, so undo and save touch only those fields.
 */
export function nextPurchase(
  group: NodeGroup,
  opened: NodeGroup | undefined,
  book: PricingBook,
  hoursPerMonth: Decimal,
  hoursWritten: boolean,
): PurchaseStep {
  let choices: PurchaseChoice[];
  try {
    choices = purchaseChoices(tableFor(book, group.provider), group.instance, group.region);
  } catch {
    choices = [];
  }
  const where = `${group.instance} in ${group.provider} ${group.region}`;
  if (choices.length === 0) return { kind: 'none', why: `no purchase option is priced for ${where}` };
  const at = currentIndex(group, choices);
  if (choices.length === 1 && at === 0) return { kind: 'none', why: `${choices[0]!.label} is the only purchase option priced for ${where}` };
  const next = (at + 1) % choices.length;
  const choice = choices[next]!;
  // On-demand is the default: written back only where the file wrote it.
  const wanted: Patch<NodeGroup> = { purchase: choice.purchase === 'on-demand' && opened?.purchase === undefined ? undefined : choice.purchase };
  for (const f of TERM_FIELDS) (wanted as Record<string, unknown>)[f] = choice[f];
  wanted.block_hours =
    choice.purchase === 'capacity-block' ? (opened?.purchase === 'capacity-block' ? opened.block_hours : hoursWritten ? group.hours : hoursPerMonth) : undefined;
  wanted.block_start = choice.purchase === 'capacity-block' && opened?.purchase === 'capacity-block' ? opened.block_start : undefined;
  const model = opened?.purchase === 'spot' ? opened : undefined;
  for (const f of INTERRUPTION_FIELDS) (wanted as Record<string, unknown>)[f] = choice.purchase === 'spot' ? model?.[f] : undefined;
  const patch = Object.fromEntries(
    Object.entries(wanted).filter(([k, v]) => !sameValue(v as Value | undefined, (group as unknown as Record<string, Value | undefined>)[k])),
  ) as Patch<NodeGroup>;
  return { kind: 'next', choice, at: next, of: choices.length, patch };
}
