import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledPricingDir, readPricingFile } from '../../src/pricing/load.js';
import { mapGcpSkus } from '../../src/providers/gcp/prices.js';
import { fetchGcpSkus } from '../../src/providers/gcp/fetch-prices.js';
import type { FetchProgress } from '../../src/providers/progress.js';
import { gcpCatalogServer } from './api-servers.js';

describe('Google Cloud Billing Catalog API, through the real CloudCatalogClient in REST mode', () => {
  let server: Awaited<ReturnType<typeof gcpCatalogServer>>;
  beforeAll(async () => {
    server = await gcpCatalogServer();
  });
  afterAll(() => server.close());

  it('lists the SKUs of Compute Engine and Cloud Storage page by page, waiting out a 429', async () => {
    const progress: FetchProgress[] = [];
    const skus = await fetchGcpSkus({ apiEndpoint: '127.0.0.1', port: server.port, protocol: 'http', apiKey: 'test-api-key', backoffMs: 10, onProgress: (p) => progress.push(p) });
    expect(skus).toHaveLength(22);
    expect(progress).toEqual([
      { query: 'Compute Engine', pages: 0, seen: 0, waitingMs: 10 },
      { query: 'Compute Engine', pages: 1, seen: 10 },
      { query: 'Compute Engine', pages: 2, seen: 20 },
      { query: 'Cloud Storage', pages: 1, seen: 22 },
    ]);
    const [throttledCall, retry, second] = server.requests;
    expect(retry!.url).toBe(throttledCall!.url);
    expect(retry!.url).toMatch(/^\/v1\/services\/6F81-5844-456A\/skus\?/);
    expect(second!.url).toContain('pageToken=10');
    expect(retry!.headers['x-goog-api-key']).toBe('test-api-key');

    // The decoded SKUs keep units + nanos; the mapping turns them into exact rates.
    const fetched = mapGcpSkus(skus, readPricingFile(join(bundledPricingDir(), 'gcp.yaml')).table);
    expect(fetched.instances['g2-standard-8']!.on_demand['us-central1']!.toFixed()).toBe('0.853624312');
    expect(fetched.commitments['a2-highgpu-1g']![0]!.rates['us-central1']!.toFixed()).toBe('2.31420704');
  });
});
