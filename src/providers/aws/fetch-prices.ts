import type { PricingTableInput } from '../../model/pricing.js';
import type { OnProgress } from '../progress.js';
import type { Fetch, FetchRequest } from '../provider.js';
import { EC2_FILTERS, mapAwsProducts, S3_CLASSES, type AwsProduct } from './prices.js';
import { allPages, Deadline, DEFAULT_TIMEOUT_SECONDS } from '../../remote/discipline.js';

export interface AwsFetchOptions {
  /** Only for tests and private endpoints; the SDK's default is the public us-east-1 endpoint. */
  endpoint?: string;
  /** Static credentials (tests); otherwise the SDK's standard chain: env, profile, SSO. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Attempts per request; the SDK backs off between them on ThrottlingException. */
  maxAttempts?: number;
  onProgress?: OnProgress;
  /** The command's deadline; default DEFAULT_TIMEOUT_SECONDS.pricing from now. */
  deadline?: Deadline;
}

/** Pages of 100 products per query before it is taken for a loop: the largest (EC2 across every listed region) needs a few dozen. */
export const MAX_PAGES = 500;

export const AWS_PRICE_API = 'https://api.pricing.us-east-1.amazonaws.com';

/**
 * The GetProducts queries that price a table: the plain Linux on-demand price
 * of each instance type it lists, NAT gateways, S3 storage and the data
 * transfer out of its regions. `name` is what progress shows.
 */
export function awsQueries(table: PricingTableInput, regions: readonly string[]) {
  const term = (Field: string, Value: string) => ({ Type: 'TERM_MATCH' as const, Field, Value });
  const anyOf = (Field: string, values: readonly string[]) => ({ Type: 'ANY_OF' as const, Field, Value: values.join(',') });
  const inRegions = anyOf('regionCode', regions);
  return [
    {
      name: 'AmazonEC2',
      ServiceCode: 'AmazonEC2',
      Filters: [
        ...Object.entries(EC2_FILTERS).map(([k, v]) => term(k, v)),
        anyOf('instanceType', Object.keys(table.instances ?? {})),
        inRegions,
      ],
    },
    { name: 'AmazonEC2 NAT Gateway', ServiceCode: 'AmazonEC2', Filters: [term('productFamily', 'NAT Gateway'), inRegions] },
    {
      name: 'AmazonS3',
      ServiceCode: 'AmazonS3',
      Filters: [term('productFamily', 'Storage'), anyOf('volumeType', S3_CLASSES.map((c) => c.volumeType)), inRegions],
    },
    { name: 'AWSDataTransfer', ServiceCode: 'AWSDataTransfer', Filters: [anyOf('fromRegionCode', regions)] },
  ];
}

/** Every matching product, page by page (NextToken), through the real AWS SDK client. */
export async function fetchAwsProducts(table: PricingTableInput, regions: readonly string[], opts: AwsFetchOptions = {}): Promise<AwsProduct[]> {
  // Loaded here only: the SDK is heavy and no other path needs it.
  const { PricingClient, GetProductsCommand } = await import('@aws-sdk/client-pricing');
  const client = new PricingClient({
    region: 'us-east-1',
    endpoint: opts.endpoint,
    credentials: opts.credentials,
    maxAttempts: opts.maxAttempts ?? 8,
    retryMode: 'standard',
  });
  const deadline = opts.deadline ?? new Deadline(DEFAULT_TIMEOUT_SECONDS.pricing * 1000);
  const items: AwsProduct[] = [];
  try {
    for (const { name, ...query } of awsQueries(table, regions)) {
      const what = `the AWS Price List API (GetProducts ${name})`;
      await allPages({ what, maxPages: MAX_PAGES, deadline, onPage: (pages) => opts.onProgress?.({ query: name, pages, seen: items.length }) }, async (NextToken) => {
        const page = await client.send(new GetProductsCommand({ ...query, FormatVersion: 'aws_v1', MaxResults: 100, NextToken }), { abortSignal: deadline.signal });
        // Parsed as they arrive, so progress counts products, not pages.
        for (const text of page.PriceList ?? []) items.push(JSON.parse(text) as AwsProduct);
        return { items: [], next: page.NextToken };
      });
    }
  } finally {
    client.destroy();
  }
  return items;
}

/** The table's rates from bulk offer files when given, otherwise from the Price List Query API. */
export async function fetchAwsPrices(req: FetchRequest): Promise<Fetch> {
  let items: AwsProduct[];
  let source: string;
  if (req.inputs.length) {
    const { readOfferFile } = await import('./offer-file.js');
    // Instance types the table does not list are dropped while streaming: most of an EC2 offer.
    const listed = new Set(Object.keys(req.table.instances ?? {}));
    const keep = (p: AwsProduct['product']) => p.attributes.instanceType === undefined || listed.has(p.attributes.instanceType);
    items = [];
    for (const file of req.inputs) items.push(...(await readOfferFile(file, keep, req.onProgress)));
    source = 'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/ (bulk offer files)';
  } else {
    // Endpoint and credentials come from the SDK's standard chain (AWS_ENDPOINT_URL_PRICING, profiles, SSO).
    items = await fetchAwsProducts(req.table, req.regions, { onProgress: req.onProgress, deadline: req.deadline });
    source = AWS_PRICE_API;
  }
  return { fetched: mapAwsProducts(items, req.table), source, seen: items.length };
}
