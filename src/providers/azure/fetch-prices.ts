import type { PricingTableInput } from '../../model/pricing.js';
import type { OnProgress } from '../progress.js';
import type { Fetch, FetchRequest } from '../provider.js';
import { INTERNET_EGRESS, mapAzureItems, type AzurePriceItem } from './prices.js';
import { allPages, Deadline, DEFAULT_TIMEOUT_SECONDS, httpGetText } from '../../remote/discipline.js';

export const AZURE_RETAIL_API = 'https://prices.azure.com/api/retail/prices';
const API_VERSION = '2023-01-01-preview';

export interface AzureFetchOptions {
  /** Tests and mirrors; the public API needs no credentials. */
  baseUrl?: string;
  /** Tries per page when the API answers 429. */
  attempts?: number;
  onProgress?: OnProgress;
  /** The command's deadline; a Retry-After past it gives up at once. Default DEFAULT_TIMEOUT_SECONDS.pricing from now. */
  deadline?: Deadline;
}

/** Pages per query before the listing is taken for a loop: one instance type or the bandwidth meters fit in a few. */
export const MAX_PAGES = 100;

/**
 * Prices arrive as JSON numbers; reading them through a double could change
 * a long decimal, so they are quoted in the raw text before parsing and read
 * as exact decimals later.
 */
export function parseExact(text: string): { Items?: AzurePriceItem[]; NextPageLink?: string | null } {
  return JSON.parse(text.replace(/"(retailPrice|unitPrice|tierMinimumUnits)":\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g, '"$1":"$2"'));
}

export interface AzureQuery {
  name: string;
  filter: string;
}

/**
 * One filtered query per instance type: a few pages each, instead of every VM
 * price in a region (each lists the type in every region); then the internet
 * egress bands of the listed regions, or of every region with `'all'`.
 */
export function azureQueries(table: PricingTableInput, regions: readonly string[] | 'all' = Object.keys(table.regions ?? {})): AzureQuery[] {
  const vms = Object.keys(table.instances ?? {}).map((sku) => ({
    name: sku,
    // Reservations are items of their own (priceType Reservation); savings plans ride on the pay-as-you-go items.
    filter: `serviceName eq 'Virtual Machines' and (priceType eq 'Consumption' or priceType eq 'Reservation') and armSkuName eq '${sku}'`,
  }));
  // unitOfMeasure is not among the API's filterable fields: the mapping checks it.
  const meter = (['serviceName', 'productName', 'meterName'] as const).map((k) => `${k} eq '${INTERNET_EGRESS[k]}'`).join(' and ');
  const where = regions === 'all' ? '' : ` and (${regions.map((r) => `armRegionName eq '${r}'`).join(' or ')})`;
  return [...vms, { name: 'Bandwidth', filter: `${meter} and priceType eq 'Consumption'${where}` }];
}

/** The first page's URL of a query. */
export function azureQueryUrl(query: AzureQuery, base = AZURE_RETAIL_API): string {
  return `${base}?api-version=${API_VERSION}&$filter=${encodeURIComponent(query.filter)}`;
}

/** Every item of one query, following NextPageLink, waiting out 429s as Retry-After asks. */
export async function fetchAzureQuery(query: AzureQuery, opts: AzureFetchOptions & { deadline: Deadline; seen?: number }): Promise<AzurePriceItem[]> {
  const what = `the Azure Retail Prices API (${query.name})`;
  const items: AzurePriceItem[] = [];
  const seen = () => (opts.seen ?? 0) + items.length;
  let pages = 0;
  // NextPageLink is the page token: a link sent twice is a loop.
  await allPages({ what, maxPages: MAX_PAGES, deadline: opts.deadline, onPage: (n) => opts.onProgress?.({ query: query.name, pages: (pages = n), seen: seen() }) }, async (link) => {
    const text = await httpGetText(link ?? azureQueryUrl(query, opts.baseUrl), {
      what,
      deadline: opts.deadline,
      attempts: opts.attempts ?? 6,
      onWait: (ms) => opts.onProgress?.({ query: query.name, pages, seen: seen(), waitingMs: ms }),
    });
    const page = parseExact(text);
    items.push(...(page.Items ?? []));
    return { items: [], next: page.NextPageLink };
  });
  return items;
}

/** Every matching price item of the table's queries. */
export async function fetchAzureItems(table: PricingTableInput, opts: AzureFetchOptions = {}): Promise<AzurePriceItem[]> {
  const deadline = opts.deadline ?? new Deadline(DEFAULT_TIMEOUT_SECONDS.pricing * 1000);
  const items: AzurePriceItem[] = [];
  for (const query of azureQueries(table)) items.push(...(await fetchAzureQuery(query, { ...opts, deadline, seen: items.length })));
  return items;
}

/** The table's rates from the Retail Prices API (TOLLGATE_AZURE_PRICES_URL points it elsewhere). */
export async function fetchAzurePrices(req: FetchRequest): Promise<Fetch> {
  const items = await fetchAzureItems(req.table, { baseUrl: req.env.TOLLGATE_AZURE_PRICES_URL, onProgress: req.onProgress, deadline: req.deadline });
  return { fetched: mapAzureItems(items, req.table), source: AZURE_RETAIL_API, seen: items.length };
}
