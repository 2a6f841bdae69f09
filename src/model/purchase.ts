import type * as z from 'zod';
import type { Commitment } from './pricing.js';
import type { Provider } from './scenario.js';

/** How a node group is bought (docs/purchase-options.md). */
export const PURCHASES = ['on-demand', 'spot', 'savings-plan', 'reserved', 'committed-use', 'capacity-block', 'flex-start'] as const;
export type Purchase = (typeof PURCHASES)[number];

/** Options priced from the catalog's `commitments` entries: a term, billed every hour of the month whether used or not. */
export const COMMITTED_PURCHASES = ['savings-plan', 'reserved', 'committed-use'] as const;
export type CommittedPurchase = (typeof COMMITTED_PURCHASES)[number];

export function isCommitted(p: Purchase | undefined): p is CommittedPurchase {
  return (COMMITTED_PURCHASES as readonly string[]).includes(p ?? '');
}

/** Which clouds sell an option at all (whether an instance has a rate for it is the table's to say). */
export const SOLD_BY: Record<Purchase, readonly Provider[]> = {
  'on-demand': ['aws', 'gcp', 'azure'],
  spot: ['aws', 'gcp', 'azure'],
  'savings-plan': ['aws', 'azure'],
  reserved: ['aws', 'azure'],
  'committed-use': ['gcp'],
  'capacity-block': ['aws'],
  'flex-start': ['gcp'],
};

export const COMMITMENT_TERMS = ['1y', '3y'] as const;
export const COMMITMENT_PAYMENTS = ['no-upfront', 'partial-upfront', 'all-upfront'] as const;
/** compute or ec2-instance (AWS Savings Plans), standard or convertible (Reserved Instances). */
export const COMMITMENT_PLANS = ['compute', 'ec2-instance', 'standard', 'convertible'] as const;

const TERM_FIELDS = ['term', 'payment', 'plan'] as const;

interface PurchaseFields {
  provider?: Provider;
  purchase?: Purchase;
  term?: unknown;
  payment?: unknown;
  plan?: unknown;
  block_hours?: unknown;
  block_start?: unknown;
}

/**
 * A node group's purchase fields go together: term, payment and plan belong to
 * the committed options, block_hours to (and is needed by) a capacity block, and block_start to it,
 * and the option must be one the group's cloud sells.
 */
export function purchaseChecks(n: PurchaseFields, ctx: z.core.$RefinementCtx): void {
  const purchase = n.purchase ?? 'on-demand';
  if (n.provider && !SOLD_BY[purchase].includes(n.provider)) {
    const sold = PURCHASES.filter((p) => SOLD_BY[p].includes(n.provider!));
    ctx.addIssue({ code: 'custom', path: ['purchase'], message: `${n.provider} does not sell ${purchase}; ${n.provider} options: ${sold.join(', ')}` });
    return;
  }
  const terms = TERM_FIELDS.filter((f) => n[f] !== undefined);
  if (terms.length > 0 && !isCommitted(purchase)) {
    ctx.addIssue({
      code: 'custom',
      path: [terms[0]!],
      message: `${terms[0]} only applies to ${COMMITTED_PURCHASES.join(', ')} (this group is ${purchase}); remove ${terms.join(', ')} or change purchase`,
    });
  }
  if (purchase === 'capacity-block' && n.block_hours === undefined) {
    ctx.addIssue({ code: 'custom', path: ['purchase'], message: 'a capacity block needs block_hours: the length of the block bought (the instances are paid for all of it)' });
  }
  for (const f of ['block_hours', 'block_start'] as const) {
    if (purchase !== 'capacity-block' && n[f] !== undefined) ctx.addIssue({ code: 'custom', path: [f], message: `${f} only applies to purchase: capacity-block (this group is ${purchase})` });
  }
}

/** How a commitment reads in a listing: `reserved standard 1y no-upfront`. */
export function commitmentLabel(c: Partial<Pick<Commitment, 'purchase' | 'plan' | 'term' | 'payment'>>): string {
  return [c.purchase, c.plan, c.term, c.payment].filter(Boolean).join(' ');
}
