import type { Category } from '../model/estimate.js';
import { AWS_REGION_CODES, splitRegionPrefix } from './aws-regions.js';
import { classifyAzure } from './categorize-azure.js';
import type { BillingRecord } from './record.js';

export type ActualCategory = Category | 'other';
export const ACTUAL_CATEGORIES = ['compute', 'storage', 'egress', 'ingress', 'network', 'other'] as const satisfies readonly ActualCategory[];

/** Charges that are not usage: reported apart so a credit never hides an overrun. */
export const ADJUSTMENT_KINDS = ['credit', 'refund', 'discount', 'tax', 'support', 'purchase'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

/** What a usage record can be matched against in the scenario (see reconcile's line keys). */
export type Detail =
  | { kind: 'node'; instance: string; purchase: 'on-demand' | 'spot' }
  | { kind: 'storage'; class: string }
  | { kind: 'transfer'; path: 'internet' | 'inter-region' | 'inter-zone' | 'ingress'; to?: string }
  | { kind: 'nat-processing' }
  | { kind: 'nat-gateway' };

export type Classified =
  | { kind: 'usage'; category: ActualCategory; region: string; detail?: Detail }
  | { kind: AdjustmentKind };

/** ChargeCategory / Cost Explorer RECORD_TYPE (lower-cased) → adjustment kind; usage-like types are absent. */
const CHARGE_KINDS: Readonly<Record<string, AdjustmentKind>> = {
  credit: 'credit',
  refund: 'refund',
  adjustment: 'refund',
  tax: 'tax',
  support: 'support',
  'support fee': 'support',
  purchase: 'purchase',
  fee: 'purchase',
  rifee: 'purchase',
  'upfront reservation fee': 'purchase',
  savingsplanrecurringfee: 'purchase',
  savingsplanupfrontfee: 'purchase',
  savingsplannegation: 'discount',
  'bundled discount': 'discount',
  'distributor discount': 'discount',
  'solution provider program discount': 'discount',
  'edp discount': 'discount',
  'private rate discount': 'discount',
};

export function classify(r: BillingRecord): Classified {
  const charge = CHARGE_KINDS[r.chargeCategory.trim().toLowerCase()];
  if (charge) return { kind: charge };
  if (/\bsupport\b/i.test(r.serviceName)) return { kind: 'support' };
  if (r.provider === 'aws') return classifyAws(r);
  if (r.provider === 'gcp') return classifyGcp(r);
  if (r.provider === 'azure') return classifyAzure(r, byServiceCategory(r.serviceCategory));
  return { kind: 'usage', category: byServiceCategory(r.serviceCategory), region: r.regionId };
}

/** FOCUS ServiceCategory, the fallback when the usage type says nothing more precise. */
function byServiceCategory(serviceCategory: string): ActualCategory {
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

/** S3 storage-class usage types → the pricing tables' class names. */
const S3_CLASSES: Readonly<Record<string, string>> = {
  'TimedStorage-ByteHrs': 's3-standard',
  'TimedStorage-SIA-ByteHrs': 's3-standard-ia',
  'TimedStorage-ZIA-ByteHrs': 's3-onezone-ia',
  'TimedStorage-INT-FA-ByteHrs': 's3-intelligent-tiering',
  'TimedStorage-GlacierByteHrs': 's3-glacier-flexible-retrieval',
  'TimedStorage-GIR-ByteHrs': 's3-glacier-instant-retrieval',
  'TimedStorage-GDA-ByteHrs': 's3-glacier-deep-archive',
};

function classifyAws(r: BillingRecord): Classified {
  const usage = r.usageType.trim();
  // Inter-region transfer names both ends: [SRC-]DST-AWS-Out-Bytes, the source omitted for us-east-1.
  const pair = /^(?:([A-Z]{2,4}\d?)-)?([A-Z]{2,4}\d?)-AWS-(Out|In)-Bytes$/.exec(usage);
  if (pair) {
    const src = pair[1] ? AWS_REGION_CODES[pair[1]] : 'us-east-1';
    const dst = AWS_REGION_CODES[pair[2]!];
    if (src && dst) {
      return pair[3] === 'Out'
        ? { kind: 'usage', category: 'egress', region: src, detail: { kind: 'transfer', path: 'inter-region', to: dst } }
        : { kind: 'usage', category: 'ingress', region: src, detail: { kind: 'transfer', path: 'ingress' } };
    }
  }
  const { region: prefixed, rest } = splitRegionPrefix(usage);
  const region = prefixed ?? (r.regionId || 'us-east-1');
  const usageOf = (category: ActualCategory, detail?: Detail): Classified =>
    detail ? { kind: 'usage', category, region, detail } : { kind: 'usage', category, region };

  const box = /^(?:BoxUsage|DedicatedUsage|HostUsage|UnusedBox|ReservedHostUsage):(.+)$/.exec(rest);
  if (box) return usageOf('compute', { kind: 'node', instance: box[1]!, purchase: 'on-demand' });
  const spot = /^SpotUsage:(.+)$/.exec(rest);
  if (spot) return usageOf('compute', { kind: 'node', instance: spot[1]!, purchase: 'spot' });
  const s3 = S3_CLASSES[rest];
  if (s3) return usageOf('storage', { kind: 'storage', class: s3 });
  if (/^(TimedStorage-|EBS:|EarlyDelete-|Requests-Tier\d|Retrieval-|TagStorage)/.test(rest)) return usageOf('storage');
  if (rest === 'DataTransfer-Out-Bytes') return usageOf('egress', { kind: 'transfer', path: 'internet' });
  if (rest === 'DataTransfer-In-Bytes') return usageOf('ingress', { kind: 'transfer', path: 'ingress' });
  // Inter-AZ traffic: billed on both sides under one usage type.
  if (rest === 'DataTransfer-Regional-Bytes') return usageOf('egress', { kind: 'transfer', path: 'inter-zone' });
  if (/^CloudFront-Out-Bytes$|-Out-Bytes-Internet$/.test(rest)) return usageOf('egress', { kind: 'transfer', path: 'internet' });
  if (rest === 'NatGateway-Bytes') return usageOf('network', { kind: 'nat-processing' });
  if (rest === 'NatGateway-Hours') return usageOf('network', { kind: 'nat-gateway' });
  if (/^(VpcEndpoint-|LoadBalancerUsage|LCUUsage|PublicIPv4:|ElasticIP:|TransitGateway-|VPN-)/.test(rest)) return usageOf('network');
  return usageOf(byServiceCategory(r.serviceCategory));
}

/** Google bills a machine's cores, memory and GPUs as separate SKUs; GPUs are matched to the family that bundles them. */
const GPU_FAMILY: readonly [RegExp, string][] = [
  [/\bL4\b/, 'g2'],
  [/\bA100\b/, 'a2'],
  [/\bH100\b|\bH200\b/, 'a3'],
  [/\bB200\b/, 'a4'],
  [/\b(T4|V100|P100|P4)\b/, 'n1'],
];

function classifyGcp(r: BillingRecord): Classified {
  const sku = r.usageType.trim();
  const region = r.regionId;
  const usageOf = (category: ActualCategory, detail?: Detail): Classified =>
    detail ? { kind: 'usage', category, region, detail } : { kind: 'usage', category, region };
  const purchase = /^(Spot |Preemptible )/i.test(sku) ? 'spot' : 'on-demand';
  const bare = sku.replace(/^(Spot Preemptible |Preemptible |Spot )/i, '');

  const machine = /^([A-Za-z]\d[A-Za-z]?)\b.* Instance (Core|Ram) running in/.exec(bare);
  if (machine) return usageOf('compute', { kind: 'node', instance: machine[1]!.toLowerCase(), purchase });
  if (/GPU running in/i.test(bare)) {
    const family = GPU_FAMILY.find(([re]) => re.test(bare))?.[1];
    return family ? usageOf('compute', { kind: 'node', instance: family, purchase }) : usageOf('compute');
  }
  if (/Inter Zone (Egress|Data Transfer)/i.test(sku)) return usageOf('egress', { kind: 'transfer', path: 'inter-zone' });
  if (/Inter Region (Egress|Data Transfer)|Data Transfer GCP Inter Region/i.test(sku)) {
    return usageOf('egress', { kind: 'transfer', path: 'inter-region' });
  }
  if (/Internet (Egress|Data Transfer Out)|^Download .*(Worldwide|Americas|EMEA|APAC|China|Australia)/i.test(sku)) {
    return usageOf('egress', { kind: 'transfer', path: 'internet' });
  }
  if (/(Ingress|Data Transfer In)\b/i.test(sku)) return usageOf('ingress', { kind: 'transfer', path: 'ingress' });
  if (/NAT Gateway.*(Data processing|Data Processing)|Cloud NAT.*Data Processing/i.test(sku)) return usageOf('network', { kind: 'nat-processing' });
  if (/NAT Gateway|Cloud NAT/i.test(sku)) return usageOf('network', { kind: 'nat-gateway' });
  // Multi- and dual-region buckets are priced apart from the regional class the tables know.
  if (/^Standard Storage/i.test(sku) && !/multi-region|dual-region/i.test(sku)) {
    return usageOf('storage', { kind: 'storage', class: 'gcs-standard' });
  }
  if (/Storage|PD Capacity|Snapshot|Class [AB] Operations/i.test(sku) || /^Cloud Storage$/i.test(r.serviceName)) return usageOf('storage');
  if (/Network|External IP|Load Balanc|Forwarding Rule/i.test(sku)) return usageOf('network');
  return usageOf(byServiceCategory(r.serviceCategory));
}
