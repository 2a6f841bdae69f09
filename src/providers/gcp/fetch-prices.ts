import type { OnProgress } from '../progress.js';
import type { Fetch, FetchRequest } from '../provider.js';
import { mapGcpSkus, type GcpSku } from './prices.js';
import { allPages, Deadline, DEFAULT_TIMEOUT_SECONDS } from '../../remote/discipline.js';

/** Cloud Billing Catalog service ids: Compute Engine (machines and networking) and Cloud Storage. */
export const GCP_SERVICES = { 'Compute Engine': 'services/6F81-5844-456A', 'Cloud Storage': 'services/95FF-2EF5-5EA1' } as const;
export const GCP_CATALOG_API = 'https://cloudbilling.googleapis.com/v1/services';

export interface GcpFetchOptions {
  /** Tests and private endpoints: host, port and protocol of the REST endpoint. */
  apiEndpoint?: string;
  port?: number;
  protocol?: 'http' | 'https';
  /** The Catalog API accepts a plain API key; without one, Application Default Credentials. */
  apiKey?: string;
  /** Tries per page when the API answers 429 (RESOURCE_EXHAUSTED). */
  attempts?: number;
  /** First wait after a 429; doubles on each further one. */
  backoffMs?: number;
  onProgress?: OnProgress;
  /** The command's deadline; default DEFAULT_TIMEOUT_SECONDS.pricing from now. */
  deadline?: Deadline;
  /** Which services' SKUs (names of GCP_SERVICES); all of them when absent. */
  services?: readonly (keyof typeof GCP_SERVICES)[];
}

/** Pages of 5,000 SKUs per service before the listing is taken for a loop: Compute Engine has about ten. */
export const MAX_PAGES = 200;

const RESOURCE_EXHAUSTED = 8;

function throttled(e: unknown): boolean {
  const code = (e as { code?: number } | null)?.code;
  return code === RESOURCE_EXHAUSTED || code === 429;
}

/**
 * Every SKU of the services a table needs, page by page (nextPageToken),
 * through the real CloudCatalogClient in its REST (fallback) mode. A throttled
 * page is asked for again after a wait, from the same page token, so a long
 * listing resumes where it was rather than starting over.
 */
export async function fetchGcpSkus(opts: GcpFetchOptions = {}): Promise<GcpSku[]> {
  // Loaded here only: the client and its protos are heavy and no other path needs them.
  const { CloudCatalogClient } = await import('@google-cloud/billing');
  const client = new CloudCatalogClient({
    fallback: true,
    ...(opts.apiEndpoint ? { apiEndpoint: opts.apiEndpoint, port: opts.port, protocol: opts.protocol } : {}),
    ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
  });
  const attempts = opts.attempts ?? 6;
  const deadline = opts.deadline ?? new Deadline(DEFAULT_TIMEOUT_SECONDS.pricing * 1000);
  const skus: GcpSku[] = [];
  try {
    for (const name of opts.services ?? (Object.keys(GCP_SERVICES) as (keyof typeof GCP_SERVICES)[])) {
      const parent = GCP_SERVICES[name];
      const what = `the Cloud Billing Catalog API (${name} SKUs)`;
      await allPages({ what, maxPages: MAX_PAGES, deadline, onPage: (pages) => opts.onProgress?.({ query: name, pages, seen: skus.length }) }, async (pageToken) => {
        let wait = opts.backoffMs ?? 1000;
        for (let attempt = 1; ; attempt++) {
          try {
            const call = client.listSkus({ parent, currencyCode: 'USD', pageSize: 5000, pageToken }, { autoPaginate: false, timeout: deadline.remaining() });
            const [page, next] = await deadline.race(what, call);
            skus.push(...(page as GcpSku[]));
            return { items: [], next: next?.pageToken };
          } catch (e) {
            if (!throttled(e) || attempt >= attempts) throw e;
            opts.onProgress?.({ query: name, pages: 0, seen: skus.length, waitingMs: wait });
            await deadline.wait(what, wait);
            wait *= 2;
          }
        }
      });
    }
  } finally {
    await client.close();
  }
  return skus;
}

/** `http://host:port` as the three options google-gax wants. */
export function gaxEndpoint(url: string | undefined) {
  if (!url) return {};
  const u = new URL(url);
  return { apiEndpoint: u.hostname, port: Number(u.port) || undefined, protocol: u.protocol.replace(':', '') as 'http' | 'https' };
}

/** The table's rates from the Catalog API (TOLLGATE_GCP_CATALOG_URL points it elsewhere, TOLLGATE_GCP_API_KEY signs it). */
export async function fetchGcpPrices(req: FetchRequest): Promise<Fetch> {
  const skus = await fetchGcpSkus({ ...gaxEndpoint(req.env.TOLLGATE_GCP_CATALOG_URL), apiKey: req.env.TOLLGATE_GCP_API_KEY, onProgress: req.onProgress, deadline: req.deadline });
  return { fetched: mapGcpSkus(skus, req.table), source: GCP_CATALOG_API, seen: skus.length };
}
