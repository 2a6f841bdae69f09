import { readFileSync } from 'node:fs';
import { InputError } from '../../model/diagnostics.js';
import type { PricingTableInput } from '../../model/pricing.js';
import { displayPath } from '../load.js';
import type { Provider } from '../../model/scenario.js';
import { mapAwsProducts, productsFromOffer, type AwsOfferFile, type AwsProduct } from '../map/aws.js';
import { mapAzureItems } from '../map/azure.js';
import type { FetchedPrices } from '../map/fetched.js';
import { mapGcpSkus } from '../map/gcp.js';
import { describeFetchError, PricingApiError } from './errors.js';
import type { OnProgress } from './progress.js';
import { RemoteGaveUp, type Deadline } from '../../remote/discipline.js';

export interface Fetch {
  fetched: FetchedPrices;
  /** The API (or file) the rates were read from: the table's new `source`. */
  source: string;
  /** Products, SKUs or items the API returned. */
  seen: number;
}

export interface FetchRequest {
  table: PricingTableInput;
  regions: readonly string[];
  /** AWS only: bulk offer files to read instead of calling the API. */
  inputs: readonly string[];
  onProgress?: OnProgress;
  env: NodeJS.ProcessEnv;
  /** Every API call of the update shares it (--timeout). */
  deadline: Deadline;
}

/** `http://host:port` as the three options google-gax wants. */
function gaxEndpoint(url: string | undefined) {
  if (!url) return {};
  const u = new URL(url);
  return { apiEndpoint: u.hostname, port: Number(u.port) || undefined, protocol: u.protocol.replace(':', '') as 'http' | 'https' };
}

function readOfferFile(file: string): AwsOfferFile {
  let offer: Partial<AwsOfferFile>;
  try {
    offer = JSON.parse(readFileSync(file, 'utf8')) as Partial<AwsOfferFile>;
  } catch (e) {
    throw new InputError([{ file: displayPath(file), message: `not a readable AWS offer file: ${(e as Error).message.split('\n')[0]}` }]);
  }
  if (!offer.products || !offer.terms || !offer.offerCode) {
    throw new InputError([{ file: displayPath(file), message: 'not an AWS offer file: it needs offerCode, products and terms', suggestion: 'download one from https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json' }]);
  }
  return offer as AwsOfferFile;
}

async function aws(req: FetchRequest): Promise<Fetch> {
  let items: AwsProduct[];
  let source: string;
  if (req.inputs.length) {
    items = req.inputs.flatMap((file) => productsFromOffer(readOfferFile(file)));
    source = 'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/ (bulk offer files)';
  } else {
    const { fetchAwsProducts, AWS_PRICE_API } = await import('./aws.js');
    // Endpoint and credentials come from the SDK's standard chain (AWS_ENDPOINT_URL_PRICING, profiles, SSO).
    items = await fetchAwsProducts(req.table, req.regions, { onProgress: req.onProgress, deadline: req.deadline });
    source = AWS_PRICE_API;
  }
  return { fetched: mapAwsProducts(items, req.table), source, seen: items.length };
}

async function gcp(req: FetchRequest): Promise<Fetch> {
  const { fetchGcpSkus, GCP_CATALOG_API } = await import('./gcp.js');
  const skus = await fetchGcpSkus({ ...gaxEndpoint(req.env.TOLLGATE_GCP_CATALOG_URL), apiKey: req.env.TOLLGATE_GCP_API_KEY, onProgress: req.onProgress, deadline: req.deadline });
  return { fetched: mapGcpSkus(skus, req.table), source: GCP_CATALOG_API, seen: skus.length };
}

async function azure(req: FetchRequest): Promise<Fetch> {
  const { fetchAzureItems, AZURE_RETAIL_API } = await import('./azure.js');
  const items = await fetchAzureItems(req.table, { baseUrl: req.env.TOLLGATE_AZURE_PRICES_URL, onProgress: req.onProgress, deadline: req.deadline });
  return { fetched: mapAzureItems(items, req.table), source: AZURE_RETAIL_API, seen: items.length };
}

const BY_PROVIDER: Record<Provider, (req: FetchRequest) => Promise<Fetch>> = { aws, gcp, azure };

/** Fetch and map one provider's rates; any failure of the API becomes a PricingApiError saying what to do. */
export async function fetchPrices(provider: Provider, req: FetchRequest): Promise<Fetch> {
  try {
    return await BY_PROVIDER[provider](req);
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (e instanceof RemoteGaveUp) throw new PricingApiError(`${e.message}; nothing was written`);
    throw new PricingApiError(describeFetchError(provider, e));
  }
}
