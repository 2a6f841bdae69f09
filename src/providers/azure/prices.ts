import { Decimal } from '../../model/decimal.js';
import type { PricingTableInput } from '../../model/pricing.js';
import { emptyFetched, readCommitments, setCommitmentRate, setInstanceRate, tiersFromBands, type FetchedPrices } from '../fetched.js';

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
  /** On `type: Reservation` items: "1 Year" or "3 Years"; their retailPrice is the whole term's, per VM. */
  reservationTerm?: string;
  /** On pay-as-you-go items (api-version 2023-01-01-preview): the savings plan's hourly rate per term. */
  savingsPlan?: { term?: string; retailPrice?: string | number; unitPrice?: string | number }[];
}

/** A reservation or savings plan term as the API writes it → the table's term and its hours (365-day years). */
const TERMS: Record<string, { term: '1y' | '3y'; hours: number }> = { '1 Year': { term: '1y', hours: 8760 }, '3 Years': { term: '3y', hours: 26280 } };

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
 * Virtual Machines prices → table rates: Linux only (Windows products carry
 * the licence), on-demand from plain pay-as-you-go SKUs, spot from "… Spot"
 * SKUs, 1- and 3-year reservations from `Reservation` items (term price ÷
 * hours), the compute savings plan from a pay-as-you-go item's `savingsPlan`
 * rates; Low Priority is left out. Only instance types and
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
    if (item.serviceName !== 'Virtual Machines' || (item.type !== 'Consumption' && item.type !== 'Reservation') || item.unitOfMeasure !== '1 Hour') continue;
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
    const price = new Decimal(String(item.retailPrice));
    if (item.type === 'Reservation') {
      const t = TERMS[item.reservationTerm ?? ''];
      // The whole term's price per VM, as an effective hourly rate (to 10 decimals, as the table writes them).
      if (t && !/Spot$/.test(sku)) setCommitmentRate(out, item.armSkuName, { purchase: 'reserved', term: t.term }, region, price.div(t.hours).toDecimalPlaces(10));
      continue;
    }
    if (/Spot$/.test(sku)) {
      setInstanceRate(out, item.armSkuName, 'spot', region, price);
      continue;
    }
    setInstanceRate(out, item.armSkuName, 'on_demand', region, price);
    for (const plan of item.savingsPlan ?? []) {
      const t = TERMS[plan.term ?? ''];
      if (t && plan.retailPrice !== undefined) setCommitmentRate(out, item.armSkuName, { purchase: 'savings-plan', plan: 'compute', term: t.term }, region, new Decimal(String(plan.retailPrice)));
    }
  }
  for (const [region, bands] of Object.entries(egress)) out.internet_egress[region] = tiersFromBands(bands);
  // The VM queries ask for reservation items and carry the savings plan rates (azureQueries).
  readCommitments(out, 'reserved', 'savings-plan');
  if (unlisted.size) out.notes.push(`prices in regions the table does not list were left out: ${[...unlisted].sort().join(', ')}`);
  return out;
}
