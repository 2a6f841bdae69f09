import type { PricingTableInput } from '../../model/pricing.js';
import { sleep, type OnProgress } from '../progress.js';
import type { Fetch, FetchRequest } from '../provider.js';
import { INTERNET_EGRESS, mapAzureItems, type AzurePriceItem } from './prices.js';

export const AZURE_RETAIL_API = 'https://prices.azure.com/api/retail/prices';
const API_VERSION = '2023-01-01-preview';

export interface AzureFetchOptions {
  /** Tests and mirrors; the public API needs no credentials. */
  baseUrl?: string;
  /** Tries per page when the API answers 429. */
  attempts?: number;
  /** Longest wait honoured from a Retry-After header. */
  maxWaitMs?: number;
  onProgress?: OnProgress;
}

/**
 * Prices arrive as JSON numbers; reading them through a double could change
 * a long decimal, so they are quoted in the raw text before parsing and read
 * as exact decimals later.
 */
export function parseExact(text: string): { Items?: AzurePriceItem[]; NextPageLink?: string | null } {
  return JSON.parse(text.replace(/"(retailPrice|unitPrice|tierMinimumUnits)":\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g, '"$1":"$2"'));
}

/**
 * One filtered query per instance type: a few pages each, instead of every VM
 * price in a region; then the internet egress bands of the listed regions.
 */
export function azureQueries(table: PricingTableInput): { name: string; filter: string }[] {
  const vms = Object.keys(table.instances ?? {}).map((sku) => ({
    name: sku,
    filter: `serviceName eq 'Virtual Machines' and priceType eq 'Consumption' and armSkuName eq '${sku}'`,
  }));
  // unitOfMeasure is not among the API's filterable fields: the mapping checks it.
  const meter = (['serviceName', 'productName', 'meterName'] as const).map((k) => `${k} eq '${INTERNET_EGRESS[k]}'`).join(' and ');
  const regions = Object.keys(table.regions ?? {}).map((r) => `armRegionName eq '${r}'`).join(' or ');
  return [...vms, { name: 'Bandwidth', filter: `${meter} and priceType eq 'Consumption' and (${regions})` }];
}

/** Every matching price item, following NextPageLink, waiting out 429s as Retry-After asks. */
export async function fetchAzureItems(table: PricingTableInput, opts: AzureFetchOptions = {}): Promise<AzurePriceItem[]> {
  const base = opts.baseUrl ?? AZURE_RETAIL_API;
  const attempts = opts.attempts ?? 6;
  const items: AzurePriceItem[] = [];
  for (const query of azureQueries(table)) {
    let next: string | null | undefined = `${base}?api-version=${API_VERSION}&$filter=${encodeURIComponent(query.filter)}`;
    let pages = 0;
    while (next) {
      const url: string = next;
      for (let attempt = 1; ; attempt++) {
        const res = await fetch(url);
        if (res.status === 429 && attempt < attempts) {
          const wait = Math.min((Number(res.headers.get('retry-after')) || 2 ** attempt) * 1000, opts.maxWaitMs ?? 60_000);
          opts.onProgress?.({ query: query.name, pages, seen: items.length, waitingMs: wait });
          await res.body?.cancel();
          await sleep(wait);
          continue;
        }
        if (!res.ok) throw new Error(`Azure Retail Prices API answered ${res.status} ${res.statusText} for ${query.name}`);
        const page = parseExact(await res.text());
        items.push(...(page.Items ?? []));
        next = page.NextPageLink;
        break;
      }
      opts.onProgress?.({ query: query.name, pages: ++pages, seen: items.length });
    }
  }
  return items;
}

/** The table's rates from the Retail Prices API (TOLLGATE_AZURE_PRICES_URL points it elsewhere). */
export async function fetchAzurePrices(req: FetchRequest): Promise<Fetch> {
  const items = await fetchAzureItems(req.table, { baseUrl: req.env.TOLLGATE_AZURE_PRICES_URL, onProgress: req.onProgress });
  return { fetched: mapAzureItems(items, req.table), source: AZURE_RETAIL_API, seen: items.length };
}
