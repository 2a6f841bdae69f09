import { byServiceCategory, type AdjustmentKind, type BillingRecord, type Classified } from '../model/billing-record.js';
import { cloudOf } from '../providers/index.js';

/** ChargeCategory / Cost Explorer RECORD_TYPE (lower-cased) → adjustment kind; usage-like types are absent. */
const CHARGE_KINDS: Readonly<Record<string, AdjustmentKind>> = {
  credit: 'credit',
  refund: 'refund',
  // Told apart by sign in the report: an adjustment may charge as well as give back.
  adjustment: 'adjustment',
  roundingadjustment: 'adjustment',
  tax: 'tax',
  support: 'support',
  'support fee': 'support',
  purchase: 'purchase',
  fee: 'purchase',
  rifee: 'purchase',
  'upfront reservation fee': 'purchase',
  // Cost Explorer's one-off fees (a Capacity Block's is booked as Upfront).
  upfront: 'purchase',
  savingsplanrecurringfee: 'purchase',
  savingsplanupfrontfee: 'purchase',
  savingsplannegation: 'discount',
  'bundled discount': 'discount',
  'distributor discount': 'discount',
  'solution provider program discount': 'discount',
  'edp discount': 'discount',
  'private rate discount': 'discount',
  // CUR's line item types, written without spaces.
  edpdiscount: 'discount',
  bundleddiscount: 'discount',
  privateratediscount: 'discount',
  distributordiscount: 'discount',
  sppdiscount: 'discount',
  // Azure's commitment left unused is a fee for it.
  unusedreservation: 'purchase',
  unusedsavingsplan: 'purchase',
};

export function classify(r: BillingRecord): Classified {
  if (r.chargeClass?.trim().toLowerCase() === 'correction') return { kind: 'correction' };
  const charge = CHARGE_KINDS[r.chargeCategory.trim().toLowerCase()];
  if (charge) return { kind: charge };
  if (/\bsupport\b/i.test(r.serviceName)) return { kind: 'support' };
  const fallback = byServiceCategory(r.serviceCategory);
  // Each cloud reads its own usage types; a provider tollgate does not know is classified by FOCUS ServiceCategory alone.
  const cloud = cloudOf(r.provider);
  return cloud ? cloud.bill.classify(r, fallback) : { kind: 'usage', category: fallback, region: r.regionId };
}
