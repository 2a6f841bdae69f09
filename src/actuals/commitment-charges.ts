import type { BillingRecord } from '../model/billing-record.js';
import type { CommitmentKind } from '../model/commitments.js';
import type { LineItem } from '../model/estimate.js';
import type { Purchase } from '../model/purchase.js';
import type { Scenario } from '../model/scenario.js';

/**
 * How a bill shows what was bought ahead of use, told apart so the actuals
 * check can put it on the plan line that planned it (docs/purchase-options.md):
 * a commitment's fee, the usage it covered, the negation that cancels a Savings
 * Plan's covered usage on the invoice, and the unused part of a commitment.
 */
export type CommitmentType = 'savings-plan' | 'reservation' | 'cud' | 'capacity-block';
export type CommitmentRole = 'fee' | 'covered' | 'negation' | 'unused';

export interface CommitmentCharge {
  type: CommitmentType;
  role: CommitmentRole;
}

/** AWS line item / record types (CUR, Cost Explorer) and Azure charge types that say both. */
const BY_CHARGE_CATEGORY: Readonly<Record<string, CommitmentCharge>> = {
  rifee: { type: 'reservation', role: 'fee' },
  'upfront reservation fee': { type: 'reservation', role: 'fee' },
  'recurring reservation fee': { type: 'reservation', role: 'fee' },
  discountedusage: { type: 'reservation', role: 'covered' },
  savingsplanrecurringfee: { type: 'savings-plan', role: 'fee' },
  savingsplanupfrontfee: { type: 'savings-plan', role: 'fee' },
  savingsplancoveredusage: { type: 'savings-plan', role: 'covered' },
  savingsplannegation: { type: 'savings-plan', role: 'negation' },
  unusedreservation: { type: 'reservation', role: 'unused' },
  unusedsavingsplan: { type: 'savings-plan', role: 'unused' },
};

/**
 * FOCUS CommitmentDiscountType ("Savings Plan", "Reservation", "Committed Use"), Azure's PricingModel
 * ("SavingsPlan", "Reservation") or Google's credit type (COMMITTED_USAGE_DISCOUNT…, "Committed use
 * discount"). Google sells one kind of commitment, so its FOCUS CommitmentDiscountCategory (Usage,
 * Spend) and the new spend-based model's FEE_UTILIZATION_OFFSET credit
 * (https://cloud.google.com/billing/docs/how-to/cost-table) are a CUD's too.
 */
function typeOf(text: string, provider: string): CommitmentType | undefined {
  if (/savings ?plan/i.test(text)) return 'savings-plan';
  if (/reserv/i.test(text)) return 'reservation';
  if (/commit/i.test(text)) return 'cud';
  if (provider === 'gcp' && /^(usage|spend|fee[ _]utili[sz]ation[ _]offset)$/i.test(text.trim())) return 'cud';
  return undefined;
}

export function commitmentCharge(r: BillingRecord): CommitmentCharge | undefined {
  const category = r.chargeCategory.trim().toLowerCase();
  // AWS books a Capacity Block's fee once, up front, under `USE2-CapacityBlockFee:p5.48xlarge`.
  if (r.provider === 'aws' && /(^|-)CapacityBlockFee:/.test(r.usageType)) return { type: 'capacity-block', role: 'fee' };
  // Google bills a CUD as its own SKUs, "Commitment v1: A3 Cpu in Americas for 1 Year", a monthly fee.
  if (r.provider === 'gcp' && /^Commitment( v\d+)?\s*[:-]/i.test(r.usageType.trim())) return { type: 'cud', role: 'fee' };
  const known = BY_CHARGE_CATEGORY[category];
  if (known) return known;
  const type = r.commitment ? typeOf(r.commitment.type, r.provider) : undefined;
  if (!type) return undefined;
  if (category === 'purchase') return { type, role: 'fee' };
  if (/^unused$/i.test(r.commitment!.status.trim())) return { type, role: 'unused' };
  // A commitment's credit (a CUD credit in Google's export) cancels the covered usage, as a Savings Plan's negation does.
  if (category === 'credit') return { type, role: 'negation' };
  return category === 'usage' ? { type, role: 'covered' } : undefined;
}

const KIND_TYPE: Record<CommitmentKind, CommitmentType> = {
  'compute-savings-plan': 'savings-plan',
  'ec2-instance-savings-plan': 'savings-plan',
  reservation: 'reservation',
  cud: 'cud',
};

const PURCHASE_TYPE: Partial<Record<Purchase, CommitmentType>> = {
  'savings-plan': 'savings-plan',
  reserved: 'reservation',
  'committed-use': 'cud',
  'capacity-block': 'capacity-block',
};

/**
 * Where a plan keeps a commitment of a type: the `commitments:` lines of it, and
 * the node groups bought that way (`purchase: reserved`…). A fee goes to the
 * first of the two that the plan has; covered usage only to `commitments:` lines
 * (a group bought committed meets its usage by instance, as any node line does).
 */
export function commitmentHomes(lines: readonly LineItem[], scenario: Scenario, provider: string, type: CommitmentType): { commitments: LineItem[]; bought: LineItem[] } {
  const commitments = lines.filter((l) => {
    if (l.kind !== 'commitment' || l.provider !== provider) return false;
    const c = scenario.commitments?.[l.ref[1] as number];
    return c !== undefined && KIND_TYPE[c.kind] === type;
  });
  const bought = lines.filter((l) => l.kind === 'node' && l.provider === provider && l.purchase && PURCHASE_TYPE[l.purchase.option] === type);
  return { commitments, bought };
}
