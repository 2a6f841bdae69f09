import { Decimal } from '../../model/decimal.js';
import type { PricingTableInput } from '../../model/pricing.js';
import { emptyFetched, setInstanceRate, type FetchedPrices } from './fetched.js';

/** One item of the Azure Retail Prices API (`Items` of a page). */
export interface AzurePriceItem {
  armSkuName?: string;
  armRegionName?: string;
  /** A decimal string when read by our fetcher (exact), a number in raw JSON. */
  retailPrice: string | number;
  unitOfMeasure?: string;
  type?: string;
  productName?: string;
  skuName?: string;
  meterName?: string;
  serviceName?: string;
}

/**
 * Virtual Machines pay-as-you-go prices → table rates: Linux only (Windows
 * products carry the licence), on-demand from plain SKUs, spot from "… Spot"
 * SKUs; Low Priority and reservations are left out. Only instance types and
 * regions the table already lists.
 */
export function mapAzureItems(items: readonly AzurePriceItem[], table: PricingTableInput): FetchedPrices {
  const out = emptyFetched('azure');
  const regions = new Set(Object.keys(table.regions ?? {}));
  const instances = new Set(Object.keys(table.instances ?? {}));
  const unlisted = new Set<string>();
  for (const item of items) {
    if (item.serviceName !== 'Virtual Machines' || item.type !== 'Consumption' || item.unitOfMeasure !== '1 Hour') continue;
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
  if (unlisted.size) out.notes.push(`prices in regions the table does not list were left out: ${[...unlisted].sort().join(', ')}`);
  return out;
}
