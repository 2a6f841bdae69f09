import type { Continent } from '../../model/pricing.js';
import type { BulkSource } from '../bulk.js';
import { fetchGcpSkus, gaxEndpoint, GCP_CATALOG_API, GCP_SERVICES } from './fetch-prices.js';
import { mapGcpSkus, type GcpSku } from './prices.js';

const BY_PREFIX: Record<string, Continent> = {
  us: 'north-america',
  northamerica: 'north-america',
  southamerica: 'south-america',
  europe: 'europe',
  asia: 'asia',
  australia: 'oceania',
  me: 'middle-east',
  africa: 'africa',
};

/** A Google region (`europe-west4`), not a multi-region (`eu`, `us`), a dual-region or `global`. */
const REGION = /^[a-z]+-[a-z]+\d+$/;

export function continentOf(region: string): Continent | undefined {
  return REGION.test(region) ? BY_PREFIX[region.split('-')[0]!] : undefined;
}

/**
 * A SKU as it is kept in the cache: JSON, with int64 `units` as a string (the
 * client may give a Long, which JSON would turn into {low, high}).
 */
function plain(sku: GcpSku): GcpSku {
  return {
    skuId: sku.skuId,
    description: sku.description,
    category: sku.category,
    serviceRegions: sku.serviceRegions,
    pricingInfo: (sku.pricingInfo ?? []).map((p) => ({
      pricingExpression: {
        usageUnit: p.pricingExpression?.usageUnit,
        tieredRates: (p.pricingExpression?.tieredRates ?? []).map((r) => ({
          startUsageAmount: r.startUsageAmount,
          unitPrice: r.unitPrice ? { units: String(r.unitPrice.units ?? 0), nanos: r.unitPrice.nanos ?? 0, currencyCode: r.unitPrice.currencyCode } : r.unitPrice,
        })),
      },
    })),
  };
}

export const gcpBulk: BulkSource = {
  source: GCP_CATALOG_API,

  async parts() {
    return (Object.entries(GCP_SERVICES) as [keyof typeof GCP_SERVICES, string][]).map(([name, id]) => ({ id: id.replace('services/', 'service-'), what: `${name} SKUs`, url: `${GCP_CATALOG_API}/${id.slice('services/'.length)}/skus` }));
  },

  async fetchPart(part, ctx) {
    const name = (Object.keys(GCP_SERVICES) as (keyof typeof GCP_SERVICES)[]).find((n) => `${n} SKUs` === part.what);
    if (!name) return [];
    const skus = await fetchGcpSkus({
      ...gaxEndpoint(ctx.env.TOLLGATE_GCP_CATALOG_URL || undefined),
      apiKey: ctx.env.TOLLGATE_GCP_API_KEY || undefined,
      onProgress: ctx.onProgress,
      deadline: ctx.deadline,
      services: [name],
    });
    return skus.map(plain);
  },

  regionsOf(items) {
    const regions = new Set<string>();
    for (const sku of items as readonly GcpSku[]) {
      if (sku.category?.resourceFamily !== 'Compute') continue;
      for (const r of sku.serviceRegions ?? []) if (REGION.test(r)) regions.add(r);
    }
    return [...regions].sort();
  },

  continentOf,

  map: (items, table) => mapGcpSkus(items as readonly GcpSku[], table),
};
