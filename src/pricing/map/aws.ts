import { Decimal } from '../../model/decimal.js';
import type { PricingTableInput } from '../../model/pricing.js';
import { emptyFetched, setInstanceRate, tiersFromBands, type FetchedPrices } from './fetched.js';

/** One GetProducts PriceList item, decoded (the API returns each as a JSON string). */
export interface AwsProduct {
  product: { productFamily?: string; attributes: Record<string, string | undefined>; sku: string };
  serviceCode?: string;
  terms: {
    OnDemand?: Record<
      string,
      { priceDimensions: Record<string, { unit: string; beginRange: string; endRange: string; pricePerUnit: { USD?: string }; description?: string }> }
    >;
  };
}

/** The filters that pick the plain Linux, shared-tenancy, on-demand price of an instance type. */
export const EC2_FILTERS = {
  operatingSystem: 'Linux',
  tenancy: 'Shared',
  preInstalledSw: 'NA',
  capacitystatus: 'Used',
  licenseModel: 'No License required',
} as const;

function dimensions(p: AwsProduct) {
  return Object.values(p.terms.OnDemand ?? {}).flatMap((t) => Object.values(t.priceDimensions));
}

function usd(value: string | undefined, where: string): Decimal {
  if (value === undefined) throw new Error(`AWS price list item ${where} has no USD price`);
  return new Decimal(value);
}

/**
 * AmazonEC2 and AWSDataTransfer products → table rates. Only instance types
 * the table already describes are taken (their GPUs, vCPUs and memory are the
 * table's); only regions the table lists, so a refresh never grows a table by
 * surprise. The API publishes no spot prices: spot entries are left alone.
 */
export function mapAwsProducts(items: readonly AwsProduct[], table: PricingTableInput): FetchedPrices {
  const out = emptyFetched('aws');
  const regions = new Set(Object.keys(table.regions ?? {}));
  const instances = new Set(Object.keys(table.instances ?? {}));
  const unlisted = new Set<string>();
  for (const item of items) {
    const a = item.product.attributes;
    const service = item.serviceCode ?? a.servicecode;
    if (service === 'AmazonEC2' && a.instanceType) {
      const plain = Object.entries(EC2_FILTERS).every(([k, v]) => a[k] === v);
      if (!plain || !instances.has(a.instanceType)) continue;
      const region = a.regionCode ?? '';
      if (!regions.has(region)) {
        unlisted.add(region);
        continue;
      }
      const hourly = dimensions(item).filter((d) => d.unit === 'Hrs');
      if (hourly.length !== 1) throw new Error(`AWS price list item ${item.product.sku} (${a.instanceType} ${region}) has ${hourly.length} hourly prices, expected one`);
      setInstanceRate(out, a.instanceType, 'on_demand', region, usd(hourly[0]!.pricePerUnit.USD, item.product.sku));
    } else if (service === 'AWSDataTransfer') {
      const from = a.fromRegionCode ?? '';
      const bands = dimensions(item).map((d) => ({ from: new Decimal(d.beginRange), rate: usd(d.pricePerUnit.USD, item.product.sku) }));
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

/** A bulk offer file (offers/v1.0/aws/<offer>/current/…/index.json): products and terms keyed by SKU. */
export interface AwsOfferFile {
  offerCode: string;
  publicationDate?: string;
  products: Record<string, AwsProduct['product']>;
  terms: { OnDemand?: Record<string, NonNullable<AwsProduct['terms']['OnDemand']>> };
}

/** The offer file's products in the shape GetProducts returns them, so one mapping reads both. */
export function productsFromOffer(offer: AwsOfferFile): AwsProduct[] {
  return Object.values(offer.products).map((product) => ({
    product,
    serviceCode: offer.offerCode,
    terms: { OnDemand: offer.terms.OnDemand?.[product.sku] ?? {} },
  }));
}
