import { Decimal } from '../../model/decimal.js';
import type { PricingTableInput } from '../../model/pricing.js';
import { emptyFetched, setInstanceRate, tiersFromBands, type FetchedPrices } from '../fetched.js';

/** One item of the Azure Retail Prices API (`Items` of a page). */
export interface AzurePriceItem {
  armSkuName?: string;
  armRegionName?: string;
  /** A decimal string when read by our fetcher (exact), a number in raw JSON. */
  retailPrice: string | number;
  /** The lower bound of the band a tiered meter's item prices; as exact as retailPrice. */
  tierMinimumUnits?: string | number;
  unitOfMeasure?: string;
  type?: string;
  productName?: string;
  skuName?: string;
  meterName?: string;
  serviceName?: string;
  /** false on a meter's duplicate in another region: the price belongs to its primary region's item. */
  isPrimaryMeterRegion?: boolean;
  currencyCode?: string;
}

/**
 * Items that are not a current USD price: a retired meter (its name ends
 * "- Expired", and it can sit beside the current one for the same SKU) or
 * another currency.
 */
const notAPrice = (item: AzurePriceItem) => / - Expired$/.test(item.meterName ?? '') || (item.currencyCode !== undefined && item.currencyCode !== 'USD');

/**
 * The internet egress meter the table's tiers price: routing over the
 * Microsoft network (the default routing preference), one item per band and
 * source region. "Bandwidth - Routing Preference: Internet" is the cheaper
 * opt-in meter and is not taken.
 */
export const INTERNET_EGRESS = {
  serviceName: 'Bandwidth',
  productName: 'Rtn Preference: MGN',
  meterName: 'Standard Data Transfer Out',
  unitOfMeasure: '1 GB',
} as const;

const isInternetEgress = (item: AzurePriceItem) =>
  item.type === 'Consumption' && Object.entries(INTERNET_EGRESS).every(([k, v]) => item[k as keyof typeof INTERNET_EGRESS] === v);

/**
 * Virtual Machines pay-as-you-go prices → table rates: Linux only (Windows
 * products carry the licence), on-demand from plain SKUs, spot from "… Spot"
 * SKUs; Low Priority and reservations are left out. Only instance types and
 * regions the table already lists. Bandwidth internet egress items → each
 * listed region's tiers, the bands ending where the next begins.
 */
export function mapAzureItems(items: readonly AzurePriceItem[], table: PricingTableInput): FetchedPrices {
  const out = emptyFetched('azure');
  const regions = new Set(Object.keys(table.regions ?? {}));
  const instances = new Set(Object.keys(table.instances ?? {}));
  const unlisted = new Set<string>();
  const egress: Record<string, { from: Decimal; rate: Decimal }[]> = {};
  for (const item of items) {
    if (notAPrice(item)) continue;
    if (isInternetEgress(item)) {
      const region = item.armRegionName ?? '';
      if (regions.has(region)) (egress[region] ??= []).push({ from: new Decimal(String(item.tierMinimumUnits ?? 0)), rate: new Decimal(String(item.retailPrice)) });
      else unlisted.add(region);
      continue;
    }
    if (item.serviceName !== 'Virtual Machines' || item.type !== 'Consumption' || item.unitOfMeasure !== '1 Hour') continue;
    // A VM meter's copy outside its primary region is a duplicate, not that region's price.
    // (Bandwidth meters are shared by the regions of a zone and flagged false there: kept above.)
    if (item.isPrimaryMeterRegion === false) continue;
    if (!item.armSkuName || !instances.has(item.armSkuName) || /Windows/.test(item.productName ?? '')) continue;
    const sku = item.skuName ?? '';
    if (/Low Priority$/.test(sku)) continue;
    const region = item.armRegionName ?? '';
    if (!regions.has(region)) {
      unlisted.add(region);
      continue;
    }
    setInstanceRate(out, item.armSkuName, /Spot$/.test(sku) ? 'spot' : 'on_demand', region, new Decimal(String(item.retailPrice)));
  }
  for (const [region, bands] of Object.entries(egress)) out.internet_egress[region] = tiersFromBands(bands);
  if (unlisted.size) out.notes.push(`prices in regions the table does not list were left out: ${[...unlisted].sort().join(', ')}`);
  return out;
}
