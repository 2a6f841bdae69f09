import type { Decimal } from '../model/decimal.js';

/**
 * One row of normalized billing data, whatever the source: the FinOps FOCUS
 * columns (https://focus.finops.org) in camelCase, plus the provider's own usage
 * type, which is what says "BoxUsage:p4d.24xlarge" rather than just "Compute".
 * Sources aggregate before they hand records over, so a record is usually one
 * service × usage type × region × day (or × month), not one resource-hour.
 */
export interface BillingRecord {
  /** FOCUS ProviderName, normalized to tollgate's provider names where known. */
  provider: string;
  /** UTC, ISO 8601; start inclusive, end exclusive (FOCUS ChargePeriodStart/End). */
  chargePeriodStart: string;
  chargePeriodEnd: string;
  billedCost: Decimal;
  effectiveCost: Decimal;
  billingCurrency: string;
  serviceName: string;
  serviceCategory: string;
  /** FOCUS ChargeCategory (Usage, Purchase, Tax, Credit, Adjustment) or the source's own record type. */
  chargeCategory: string;
  /** FOCUS ChargeClass: `Correction` for a row that corrects an earlier period's charges. */
  chargeClass?: string;
  consumedQuantity: Decimal;
  consumedUnit: string;
  regionId: string;
  skuId: string;
  resourceId: string;
  tags: Record<string, string>;
  /** AWS usage type (`USE2-BoxUsage:g5.xlarge`) or Google SKU description. */
  usageType: string;
  /** The provider says this period is not final yet (Cost Explorer `Estimated`). */
  estimated: boolean;
  /** Azure's meter, which says more than the usage type (the meter name) alone: see AzureMeter. */
  meter?: AzureMeter;
}

/**
 * What Microsoft's FOCUS export adds about a charge: x_SkuMeterCategory ("Virtual Machines",
 * "Bandwidth", "Storage", "NAT Gateway"), x_SkuMeterSubcategory ("NCadsA100v4 Series",
 * "Inter-Region", "General Block Blob v2") and, for a VM, its size from x_SkuDetails' ServiceType
 * ("Standard_NC24ads_A100_v4"), because one meter can bill several sizes ("D2 v3/D2s v3").
 */
export interface AzureMeter {
  category: string;
  subcategory: string;
  vmSize: string;
}

/** FOCUS ProviderName values seen in AWS, Google and Azure exports → tollgate providers. */
export function normalizeProvider(name: string): string {
  const n = name.trim().toLowerCase();
  if (n === 'aws' || n.startsWith('amazon')) return 'aws';
  if (n === 'gcp' || n.startsWith('google')) return 'gcp';
  if (n === 'azure' || n.startsWith('microsoft')) return 'azure';
  return n;
}
