import type { Decimal } from './decimal.js';
import type { Category } from './estimate.js';

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
  /**
   * FOCUS PricingUnit ("Hours", "GB-Months", "Requests") and ResourceType ("instance", "volume",
   * "bucket", "Virtual machine"): what a charge is when its description says too little.
   */
  pricingUnit?: string;
  resourceType?: string;
  /**
   * What commitment the charge is about, where the layout has a column for it: FOCUS
   * CommitmentDiscountType ("Savings Plan", "Reservation") and CommitmentDiscountStatus
   * ("Used", "Unused"); Azure's PricingModel ("Reservation", "SavingsPlan"). Read by
   * src/actuals/commitment-charges.ts.
   */
  commitment?: { type: string; status: string };
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

export type ActualCategory = Category | 'other';
export const ACTUAL_CATEGORIES = ['compute', 'storage', 'egress', 'ingress', 'network', 'other'] as const satisfies readonly ActualCategory[];

/**
 * Charges that are not usage: reported apart so a credit never hides an overrun. A correction
 * (FOCUS ChargeClass `Correction`) is on this invoice but fixes an earlier period's charges, so it
 * is apart from this month's usage whatever its category.
 */
export const ADJUSTMENT_KINDS = ['credit', 'refund', 'adjustment', 'discount', 'tax', 'support', 'purchase', 'correction'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

/** What a usage record can be matched against in the scenario (see reconcile's line keys). */
export type Detail =
  | { kind: 'node'; instance: string; purchase: 'on-demand' | 'spot' }
  | { kind: 'storage'; class: string }
  /** Object-storage requests on a class: put = S3 Tier 1 / GCS Class A, get = S3 Tier 2 / GCS Class B. */
  | { kind: 'requests'; op: 'get' | 'put'; class: string }
  | { kind: 'transfer'; path: 'internet' | 'inter-region' | 'inter-zone' | 'ingress'; to?: string }
  | { kind: 'nat-processing' }
  | { kind: 'nat-gateway' }
  /** Interface VPC endpoints (PrivateLink): endpoint-AZ hours and processed bytes. */
  | { kind: 'endpoint-hours' }
  | { kind: 'endpoint-processing' }
  /** Block storage on nodes: the volume, and any provisioned IOPS or throughput, of a disk class. */
  | { kind: 'disk'; class: string }
  | { kind: 'public-ipv4' }
  /** A managed Kubernetes control plane of a kind (eks, gke, aks). */
  | { kind: 'cluster'; cluster: string }
  /**
   * CDN delivery to viewers and its requests (CloudFront, Cloud CDN, Front Door): billed at edge
   * locations, not in a region, so they meet the plan's CDN lines of that provider wherever their
   * origin is. The origin's own transfer to the CDN (cdn-origin) stays in its region. `edge` is the
   * pricing table's edge region (a transfer's `viewers:`) when the bill names it (CloudFront's
   * US-, EU-, JP-… usage types): then each edge meets the plan's lines for that edge alone.
   */
  | { kind: 'cdn-delivery'; edge?: string }
  | { kind: 'cdn-requests'; edge?: string }
  | { kind: 'cdn-origin' }
  /** Private connectivity (Direct Connect, Cloud Interconnect, ExpressRoute): data out over it, and its ports or circuits. */
  | { kind: 'interconnect-transfer' }
  | { kind: 'interconnect-port' }
  /** Load balancers: their hours (or rules), and what they process (capacity units or GB). */
  | { kind: 'lb-hours' }
  | { kind: 'lb-processing' };

export type Classified =
  | { kind: 'usage'; category: ActualCategory; region: string; detail?: Detail }
  | { kind: AdjustmentKind };

/** FOCUS ServiceCategory, the fallback when the usage type says nothing more precise. */
export function byServiceCategory(serviceCategory: string): ActualCategory {
  switch (serviceCategory.trim().toLowerCase()) {
    case 'compute':
      return 'compute';
    case 'storage':
      return 'storage';
    case 'networking':
      return 'network';
    default:
      return 'other';
  }
}

/** A usage classification in one region; each cloud's bill reader makes its own with this. */
export function usageIn(region: string): (category: ActualCategory, detail?: Detail) => Classified {
  return (category, detail) => (detail ? { kind: 'usage', category, region, detail } : { kind: 'usage', category, region });
}
