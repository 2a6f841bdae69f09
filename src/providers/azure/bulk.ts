import type { Continent } from '../../model/pricing.js';
import type { BulkSource } from '../bulk.js';
import { AZURE_RETAIL_API, azureQueries, azureQueryUrl, fetchAzureQuery } from './fetch-prices.js';
import { mapAzureItems, type AzurePriceItem } from './prices.js';

/** Government, China, early-access and staging regions are not the public commercial price list. */
const NOT_PUBLIC = /^(global$|usgov|usdod|usdoe|usnat|ussec|china|germanycentral$|germanynortheast$)|euap$|stage|stg$/;

/**
 * Azure region names say their country or area ("swedencentral",
 * "southeastasia", "eastus2"): the first word that matches tells the
 * continent. Order matters: "australia" before "asia", "southafrica" before
 * anything "south…".
 */
const CONTINENT_WORDS: readonly [RegExp, Continent][] = [
  [/^southafrica/, 'africa'],
  [/^(australia|newzealand)/, 'oceania'],
  [/^(uae|qatar|israel|saudiarabia|kuwait)/, 'middle-east'],
  [/^(brazil|chile)/, 'south-america'],
  [/(europe|^uk|^france|^germany|^norway|^sweden|^switzerland|^poland|^italy|^spain|^austria|^belgium|^denmark|^finland|^greece)/, 'europe'],
  [/(asia|^japan|^korea|^india|^centralindia|^southindia|^westindia|^jioindia|^indonesia|^malaysia|^taiwan)/, 'asia'],
  [/(^canada|^mexico|us\d*$)/, 'north-america'],
];

export function continentOf(region: string): Continent | undefined {
  if (NOT_PUBLIC.test(region)) return undefined;
  return CONTINENT_WORDS.find(([re]) => re.test(region))?.[1];
}

export const azureBulk: BulkSource = {
  source: AZURE_RETAIL_API,

  async parts(ctx) {
    const base = ctx.env.TOLLGATE_AZURE_PRICES_URL || AZURE_RETAIL_API;
    // Each VM query lists its type in every region; the bandwidth query is widened to every region.
    return azureQueries(ctx.table, 'all').map((q) => ({ id: `query-${q.name.replace(/[^A-Za-z0-9_.-]/g, '_')}`, what: q.name, url: azureQueryUrl(q, base) }));
  },

  async fetchPart(part, ctx) {
    const query = azureQueries(ctx.table, 'all').find((q) => q.name === part.what);
    if (!query) return [];
    return fetchAzureQuery(query, { baseUrl: ctx.env.TOLLGATE_AZURE_PRICES_URL || undefined, deadline: ctx.deadline, onProgress: ctx.onProgress });
  },

  regionsOf(items) {
    const regions = new Set<string>();
    for (const item of items as readonly AzurePriceItem[]) {
      const r = item.armRegionName ?? '';
      if (/^[a-z][a-z0-9]+$/.test(r) && !NOT_PUBLIC.test(r)) regions.add(r);
    }
    return [...regions].sort();
  },

  continentOf,

  map: (items, table) => mapAzureItems(items as readonly AzurePriceItem[], table),
};
