import { usageIn, type ActualCategory, type AzureMeter, type BillingRecord, type Classified } from '../../model/billing-record.js';
import { azureRegionId } from './regions.js';

/**
 * Azure usage, told apart by its meter (Retail Prices API meterName, FOCUS x_SkuMeterName) within
 * its meter category. Sizes, regions and storage classes come out in the pricing table's own
 * spelling, so a table entry added later is matched without a change here.
 */
export function classifyAzure(r: BillingRecord, fallback: ActualCategory): Classified {
  const region = azureRegionId(r.regionId);
  const usageOf = usageIn(region);
  const described = r.meter?.category.trim() ? undefined : meterOfDescription(r.usageType.trim());
  const meter = described ?? r.meter;
  const name = described?.name ?? r.usageType.trim();
  const subcategory = meter?.subcategory.trim() ?? '';
  switch (meter?.category.trim().toLowerCase()) {
    case 'virtual machines': {
      const purchase = SPOT.test(name) ? 'spot' : 'on-demand';
      const instance = meter!.vmSize.trim() || sizeOfMeter(name);
      return instance ? usageOf('compute', { kind: 'node', instance, purchase }) : usageOf('compute');
    }
    case 'bandwidth':
      // Inter-AZ traffic is metered on both sides, like AWS's regional transfer.
      if (/Inter-?Availability Zone/i.test(name)) return usageOf('egress', { kind: 'transfer', path: 'inter-zone' });
      // "Standard Inter-Region Data Transfer", "Intra Continent Data Transfer Out" (subcategory
      // "Inter-Region"): the destination region is not named, only its continent at best.
      if (/Inter-?Region|(Inter|Intra) Continent/i.test(`${subcategory} ${name}`)) return usageOf('egress', { kind: 'transfer', path: 'inter-region' });
      if (/Data Transfer In\b/i.test(name)) return usageOf('ingress', { kind: 'transfer', path: 'ingress' });
      if (/Data Transfer Out\b/i.test(name)) return usageOf('egress', { kind: 'transfer', path: 'internet' });
      return usageOf(fallback);
    // Front Door and Azure CDN bill in zones of edges, not regions: delivery and requests meet the plan's CDN lines across azure.
    case 'azure front door service':
    case 'azure front door':
    case 'content delivery network': {
      const edge = usageIn('');
      if (/Requests?\b/i.test(name)) return edge('network', { kind: 'cdn-requests' });
      if (/to Origin|Origin/i.test(name)) return usageOf('egress', { kind: 'cdn-origin' });
      if (/Data Transfer Out|Egress|Outbound Data Transfer/i.test(name)) return edge('egress', { kind: 'cdn-delivery' });
      return edge('network');
    }
    case 'expressroute':
      if (/Data Transfer Out|Outbound|Metered Data/i.test(`${subcategory} ${name}`) && !/Circuit|Port/i.test(name)) return usageOf('egress', { kind: 'interconnect-transfer' });
      if (/Circuit|Port/i.test(name)) return usageOf('network', { kind: 'interconnect-port' });
      return usageOf('network');
    case 'load balancer':
      // "Standard Data Processed"; "Standard Included LB Rules and Outbound Rules" (and Overage) by the hour.
      if (/Data Processed/i.test(name)) return usageOf('network', { kind: 'lb-processing' });
      if (/Rules?\b/i.test(name)) return usageOf('network', { kind: 'lb-hours' });
      return usageOf('network');
    case 'azure kubernetes service':
      // The control plane's tiers (Standard's "Uptime SLA", "Long Term Support"); Defender for Containers is not it.
      if (/Uptime SLA|Long Term Support/i.test(name) && !/Defender/i.test(name)) return usageOf('compute', { kind: 'cluster', cluster: 'aks' });
      return usageOf(fallback);
    case 'nat gateway':
      if (/Data Processed/i.test(name)) return usageOf('network', { kind: 'nat-processing' });
      return usageOf('network', { kind: 'nat-gateway' });
    case 'storage': {
      // Azure Files and Data Lake bill capacity under the same meter names as blobs.
      const blob = BLOB_STORED.exec(name);
      if (blob && /Blob/i.test(subcategory)) return usageOf('storage', { kind: 'storage', class: `blob-${blob[1]!.toLowerCase()}-${blob[2]!.toLowerCase()}` });
      return usageOf('storage');
    }
    default:
      return usageOf(fallback);
  }
}

/**
 * The meter of a FOCUS row without Microsoft's x_SkuMeter* columns, read from the spec's
 * ChargeDescription, which Microsoft writes as "<product> - <meter> - <region>": "Virtual Machines
 * Dv2/DSv2 Series - D11 v2/DS11 v2 - US East 2", "General Block Blob v2 - Hot LRS Data Stored",
 * "Bandwidth - Standard Data Transfer Out - Zone 1". The product says the category; undefined when
 * the description is not in that form.
 */
function meterOfDescription(text: string): (AzureMeter & { name: string }) | undefined {
  const [product, meter] = text.split(' - ').map((p) => p.trim());
  if (!product || !meter) return undefined;
  const category = DESCRIBED_CATEGORY.find(([re]) => re.test(product))?.[1];
  return category ? { category, subcategory: product, vmSize: '', name: meter } : undefined;
}

const DESCRIBED_CATEGORY: readonly [RegExp, string][] = [
  [/^Virtual Machines\b/i, 'virtual machines'],
  [/^(Bandwidth|Rtn Preference)\b/i, 'bandwidth'],
  [/^NAT Gateway\b/i, 'nat gateway'],
  [/^Load Balancer\b/i, 'load balancer'],
  [/^Azure Front Door\b/i, 'azure front door'],
  [/^ExpressRoute\b/i, 'expressroute'],
  [/^Azure Kubernetes Service\b/i, 'azure kubernetes service'],
  [/Block Blob|^Blob Storage|^Tables\b|^Files\b|^Queues\b|^Storage\b|Data Lake Storage/i, 'storage'],
];

/** Spot VMs bill under their own meter, "<size> Spot" (or "<size> Low Priority" for the older offer). */
const SPOT = /\s(Spot|Low Priority)$/i;

/** "Hot LRS Data Stored", "Cool RA-GRS Data Stored": a blob tier and its redundancy. */
const BLOB_STORED = /^(Hot|Cool|Cold|Archive|Premium) (LRS|ZRS|GRS|RA-GRS|GZRS|RA-GZRS) Data Stored$/i;

/**
 * A VM meter's size when x_SkuDetails does not give it: "ND96isr H100 v5 Spot" →
 * Standard_ND96isr_H100_v5. Meters billing several sizes ("D2 v3/D2s v3") name none.
 */
function sizeOfMeter(meter: string): string | undefined {
  const size = meter.replace(SPOT, '').trim();
  return size && !size.includes('/') ? `Standard_${size.replace(/\s+/g, '_')}` : undefined;
}

/** A pricing table's blob class without redundancy ("blob-hot") is its LRS rate, the one Azure lists first. */
export function azureStorageClass(tableClass: string): string {
  return /^blob-[a-z]+$/.test(tableClass) ? `${tableClass}-lrs` : tableClass;
}
