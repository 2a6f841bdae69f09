import { afterAll, beforeEach } from 'vitest';
import { azureBandwidth, azurePages, awsDataTransfer, awsEc2, awsNat, awsS3, gcpSkus } from './fixtures.js';
import { json, localServer } from './local-server.js';
import type { AwsProduct } from '../../src/providers/aws/prices.js';

interface Filter {
  Type: string;
  Field: string;
  Value: string;
}

/** The Price List Query API in its JSON 1.1 protocol: filters applied, pages of `page`, NextToken, one throttle first. */
export async function awsPriceListServer(page = 4) {
  let throttled = false;
  const catalog: Record<string, AwsProduct[]> = { AmazonEC2: [...awsEc2(), ...awsNat()], AmazonS3: awsS3(), AWSDataTransfer: awsDataTransfer() };
  return localServer((req, res) => {
    if (req.headers['x-amz-target'] !== 'AWSPriceListService.GetProducts') return json(res, 400, { __type: 'UnknownOperationException' });
    if (!throttled) {
      throttled = true;
      return json(res, 400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
    }
    const input = JSON.parse(req.body) as { ServiceCode: string; Filters: Filter[]; NextToken?: string };
    const matches = (catalog[input.ServiceCode] ?? []).filter((p) =>
      input.Filters.every((f) => {
        // productFamily sits beside the attributes, and the API filters on it like one.
        const v = f.Field === 'productFamily' ? p.product.productFamily : p.product.attributes[f.Field];
        return f.Type === 'ANY_OF' ? f.Value.split(',').includes(v ?? '') : v === f.Value;
      }),
    );
    const start = input.NextToken ? Number(input.NextToken) : 0;
    const end = start + page;
    json(res, 200, {
      FormatVersion: 'aws_v1',
      PriceList: matches.slice(start, end).map((p) => JSON.stringify(p)),
      ...(end < matches.length ? { NextToken: String(end) } : {}),
    });
  });
}

/** The Cloud Billing Catalog REST API: GET /v1/services/{id}/skus, pages of `page`, nextPageToken, one 429 first. */
export async function gcpCatalogServer(page = 10) {
  let throttled = false;
  const skus = gcpSkus();
  const byService: Record<string, typeof skus> = {
    '6F81-5844-456A': skus.filter((s) => s.category?.resourceFamily !== 'Storage'),
    '95FF-2EF5-5EA1': skus.filter((s) => s.category?.resourceFamily === 'Storage'),
  };
  return localServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const m = /^\/v1\/services\/([^/]+)\/skus$/.exec(url.pathname);
    if (req.method !== 'GET' || !m) return json(res, 404, { error: { code: 404, message: 'not found', status: 'NOT_FOUND' } });
    if (!throttled) {
      throttled = true;
      return json(res, 429, { error: { code: 429, message: 'Quota exceeded for quota metric Read requests', status: 'RESOURCE_EXHAUSTED' } });
    }
    const all = byService[m[1]!] ?? [];
    const start = Number(url.searchParams.get('pageToken') || 0);
    const end = start + page;
    json(res, 200, { skus: all.slice(start, end), nextPageToken: end < all.length ? String(end) : '' });
  });
}

/**
 * The Azure Retail Prices API: GET /api/retail/prices?$filter=…, pages linked
 * by NextPageLink, one 429 with Retry-After first. Prices are written as the
 * API writes them: JSON numbers.
 */
export async function azureRetailServer() {
  let throttled = false;
  const pages = azurePages();
  let base = '';
  const server = await localServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname !== '/api/retail/prices') return json(res, 404, { error: 'not found' });
    if (!throttled) {
      throttled = true;
      return json(res, 429, { Message: 'Too many requests' }, { 'retry-after': '1' });
    }
    const filter = url.searchParams.get('$filter') ?? '';
    // The clauses the updater sends: one value per field, except an `or` of regions.
    const wanted = (field: string) => [...filter.matchAll(new RegExp(`${field} eq '([^']+)'`, 'g'))].map((m) => m[1]);
    const matches = (field: string, value: string | undefined) => !wanted(field).length || wanted(field).includes(value ?? '');
    const items = [...pages.flatMap((p) => p.Items), ...azureBandwidth()].filter((i) =>
      (['serviceName', 'productName', 'meterName', 'armSkuName', 'armRegionName'] as const).every((f) => matches(f, i[f])),
    );
    const skip = Number(url.searchParams.get('$skip') ?? 0);
    const slice = items.slice(skip, skip + 2);
    const next = skip + 2 < items.length ? `${base}/api/retail/prices?api-version=2023-01-01-preview&$filter=${encodeURIComponent(filter)}&$skip=${skip + 2}` : null;
    json(res, 200, { BillingCurrency: 'USD', CustomerEntityId: 'Default', CustomerEntityType: 'Retail', Items: slice, NextPageLink: next, Count: slice.length });
  });
  base = server.url;
  return server;
}

/**
 * Inside a describe: a fresh Azure server before each test (so each meets its
 * one 429 first), named by TOLLGATE_AZURE_PRICES_URL; returns the current one.
 */
export function azureServerPerTest(): () => Awaited<ReturnType<typeof azureRetailServer>> {
  let server: Awaited<ReturnType<typeof azureRetailServer>> | undefined;
  const saved = process.env.TOLLGATE_AZURE_PRICES_URL;
  beforeEach(async () => {
    await server?.close();
    server = await azureRetailServer();
    process.env.TOLLGATE_AZURE_PRICES_URL = `${server.url}/api/retail/prices`;
  });
  afterAll(async () => {
    process.env.TOLLGATE_AZURE_PRICES_URL = saved;
    await server?.close();
  });
  return () => server!;
}
