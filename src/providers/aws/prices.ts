import { Decimal } from '../../model/decimal.js';
import type { PricingTableInput } from '../../model/pricing.js';
import { emptyFetched, readCommitments, setCommitmentRate, setInstanceRate, tiersFromBands, type FetchedPrices } from '../fetched.js';

/** One GetProducts PriceList item, decoded (the API returns each as a JSON string). */
export interface AwsProduct {
  product: { productFamily?: string; attributes: Record<string, string | undefined>; sku: string };
  serviceCode?: string;
  terms: {
    OnDemand?: Record<string, Term>;
    /** Reserved Instance offers: one term per length, class and payment option (termAttributes). */
    Reserved?: Record<string, Term>;
  };
}

interface Term {
  priceDimensions: Record<string, { unit: string; beginRange: string; endRange: string; pricePerUnit: { USD?: string }; description?: string }>;
  termAttributes?: { LeaseContractLength?: string; OfferingClass?: string; PurchaseOption?: string };
}

/** A Reserved Instance term in the table's terms: no upfront only, the one whose hourly price is the effective rate. */
function reservedKey(t: Term) {
  const a = t.termAttributes ?? {};
  const term = ({ '1yr': '1y', '3yr': '3y' } as const)[a.LeaseContractLength as '1yr' | '3yr'];
  const plan = a.OfferingClass === 'standard' || a.OfferingClass === 'convertible' ? a.OfferingClass : undefined;
  if (!term || !plan || a.PurchaseOption !== 'No Upfront') return undefined;
  return { purchase: 'reserved', plan, term, payment: 'no-upfront' } as const;
}

/** A product's terms are Reserved ones: the bulk files and GetProducts give them a lease length, on-demand terms none. */
export const isReservedTerms = (terms: Record<string, Term>) => Object.values(terms).some((t) => t.termAttributes?.LeaseContractLength !== undefined);

/**
 * The filters that pick the plain Linux, shared-tenancy, on-demand price of an
 * instance type. `marketoption` and `operation` keep out the Capacity Block
 * SKU (`CapacityBlock`, `RunInstances:CB`), which matches every other filter
 * and is priced $0 in the on-demand terms of a real us-east-1 offer.
 */
export const EC2_FILTERS = {
  operatingSystem: 'Linux',
  tenancy: 'Shared',
  preInstalledSw: 'NA',
  capacitystatus: 'Used',
  licenseModel: 'No License required',
  marketoption: 'OnDemand',
  operation: 'RunInstances',
} as const;

/**
 * S3 storage classes as the Price List names them (AmazonS3, product family
 * "Storage"): the usage type, without its region prefix, tells the storage
 * charge from the class's other Storage products.
 */
export const S3_CLASSES = [
  { volumeType: 'Standard', usagetype: 'TimedStorage-ByteHrs', storageClass: 's3-standard' },
  { volumeType: 'Standard - Infrequent Access', usagetype: 'TimedStorage-SIA-ByteHrs', storageClass: 's3-standard-ia' },
] as const;

/** NAT gateway usage types (AmazonEC2, product family "NAT Gateway"), without their region prefix: the table rate each sets. */
const NAT_USAGE: Record<string, 'per_hour' | 'per_gb'> = { 'NatGateway-Hours': 'per_hour', 'NatGateway-Bytes': 'per_gb' };

/** `USE2-NatGateway-Hours` → `NatGateway-Hours`; us-east-1 usage types have no prefix. */
const withoutRegionPrefix = (usagetype: string | undefined) => (usagetype ?? '').replace(/^[A-Z0-9]+-/, '');

function dimensions(p: AwsProduct) {
  return Object.values(p.terms.OnDemand ?? {}).flatMap((t) => Object.values(t.priceDimensions));
}

function usd(value: string | undefined, where: string): Decimal {
  if (value === undefined) throw new Error(`AWS price list item ${where} has no USD price`);
  return new Decimal(value);
}

/** A product's prices as bands from their beginRange (tiered products have several). */
function priceBands(item: AwsProduct) {
  return dimensions(item).map((d) => ({ from: new Decimal(d.beginRange), rate: usd(d.pricePerUnit.USD, item.product.sku) }));
}

/** The one price of an untiered product: a second dimension would be a tier this mapping does not expect. */
function onlyRate(item: AwsProduct): Decimal {
  const dims = dimensions(item);
  if (dims.length !== 1) throw new Error(`AWS price list item ${item.product.sku} (${item.product.attributes.usagetype}) has ${dims.length} prices, expected one`);
  return usd(dims[0]!.pricePerUnit.USD, item.product.sku);
}

/**
 * AmazonEC2 (instances, NAT gateways), AmazonS3 (storage) and AWSDataTransfer
 * products → table rates. Only instance types the table already describes are
 * taken (their GPUs, vCPUs and memory are the table's); only regions the table
 * lists, so a refresh never grows a table by surprise. Reserved Instance
 * terms (standard and convertible, 1 and 3 years, no upfront) become
 * commitments. The API publishes no spot prices: spot entries are left alone.
 */
export function mapAwsProducts(items: readonly AwsProduct[], table: PricingTableInput): FetchedPrices {
  const out = emptyFetched('aws');
  const regions = new Set(Object.keys(table.regions ?? {}));
  const instances = new Set(Object.keys(table.instances ?? {}));
  const unlisted = new Set<string>();
  const listed = (region: string | undefined) => {
    if (regions.has(region ?? '')) return true;
    unlisted.add(region ?? '');
    return false;
  };
  for (const item of items) {
    const a = item.product.attributes;
    const service = item.serviceCode ?? a.servicecode;
    const family = item.product.productFamily;
    if (service === 'AmazonEC2' && a.instanceType) {
      const plain = Object.entries(EC2_FILTERS).every(([k, v]) => a[k] === v);
      if (!plain || !instances.has(a.instanceType)) continue;
      const region = a.regionCode ?? '';
      if (!listed(region)) continue;
      const hourly = dimensions(item).filter((d) => d.unit === 'Hrs');
      if (hourly.length !== 1) throw new Error(`AWS price list item ${item.product.sku} (${a.instanceType} ${region}) has ${hourly.length} hourly prices, expected one`);
      setInstanceRate(out, a.instanceType, 'on_demand', region, usd(hourly[0]!.pricePerUnit.USD, item.product.sku));
      if (item.terms.Reserved) readCommitments(out, 'reserved');
      for (const t of Object.values(item.terms.Reserved ?? {})) {
        const key = reservedKey(t);
        const rate = Object.values(t.priceDimensions).filter((d) => d.unit === 'Hrs');
        if (key && rate.length === 1) setCommitmentRate(out, a.instanceType, key, region, usd(rate[0]!.pricePerUnit.USD, item.product.sku));
      }
    } else if (service === 'AmazonEC2' && family === 'NAT Gateway') {
      const part = NAT_USAGE[withoutRegionPrefix(a.usagetype)];
      if (part && listed(a.regionCode)) out.nat[part][a.regionCode!] = onlyRate(item);
    } else if (service === 'AmazonS3' && family === 'Storage') {
      const cls = S3_CLASSES.find((c) => c.volumeType === a.volumeType && c.usagetype === withoutRegionPrefix(a.usagetype));
      if (!cls || !listed(a.regionCode)) continue;
      // Standard is graduated (first 50 TB / next 450 TB / over 500 TB); Standard-IA is one rate.
      const bands = priceBands(item);
      (out.storage[cls.storageClass] ??= {})[a.regionCode!] = bands.length === 1 ? bands[0]!.rate : tiersFromBands(bands);
    } else if (service === 'AWSDataTransfer') {
      const from = a.fromRegionCode ?? '';
      const bands = priceBands(item);
      if (a.transferType === 'AWS Outbound' && a.toLocation === 'External') {
        if (regions.has(from)) out.internet_egress[from] = tiersFromBands(bands);
      } else if (a.transferType === 'InterRegion Outbound' && a.toRegionCode) {
        if (regions.has(from) && regions.has(a.toRegionCode) && bands.length === 1) out.inter_region.push({ from, to: a.toRegionCode, rate: bands[0]!.rate });
      } else if (a.transferType === 'IntraRegion' && a.usagetype?.endsWith('DataTransfer-Regional-Bytes') && regions.has(from) && bands.length === 1) {
        // One rate per side, the same in every region the table lists; the first one seen stands for all.
        out.inter_zone ??= bands[0]!.rate;
      }
    }
  }
  if (unlisted.size) out.notes.push(`prices in regions the table does not list were left out: ${[...unlisted].sort().join(', ')}`);
  return out;
}
