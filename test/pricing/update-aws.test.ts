import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readPricingFile } from '../../src/pricing/load.js';
import { FROZEN_PRICING } from '../helpers.js';
import { mapAwsProducts } from '../../src/providers/aws/prices.js';
import { fetchAwsProducts } from '../../src/providers/aws/fetch-prices.js';
import type { FetchProgress } from '../../src/providers/progress.js';
import { awsPriceListServer } from './api-servers.js';

// As the CLI entry does: the SDK's Node-version notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('AWS Price List Query API, through the real PricingClient', () => {
  let server: Awaited<ReturnType<typeof awsPriceListServer>>;
  beforeAll(async () => {
    server = await awsPriceListServer();
  });
  afterAll(() => server.close());
  // The table the sample payloads were written for (as bundled before the catalog grew).
  const table = readPricingFile(join(FROZEN_PRICING, 'aws.yaml')).table;

  it('pages through GetProducts for EC2, NAT gateways, S3 and data transfer, retrying a throttled call', async () => {
    const progress: FetchProgress[] = [];
    const items = await fetchAwsProducts(table, Object.keys(table.regions!), {
      endpoint: server.url,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
      onProgress: (p) => progress.push(p),
    });
    // 10 plain Linux EC2 products in listed regions (the query leaves out the decoys) + 8 NAT products
    // (hours and bytes in 4 listed regions; not Tokyo) + 6 S3 storage products (Standard in 5 regions,
    // Standard-IA in us-east-1; not Tokyo, not Glacier) + 14 transfers out of listed regions.
    expect(items.filter((i) => i.serviceCode === 'AmazonEC2')).toHaveLength(18);
    expect(items.filter((i) => i.serviceCode === 'AmazonS3')).toHaveLength(6);
    expect(items.filter((i) => i.serviceCode === 'AWSDataTransfer')).toHaveLength(14);
    // Pages of 4: 10 → 3 pages, 8 → 2, 6 → 2, 14 → 4.
    expect(progress.map((p) => `${p.query}:${p.pages}`)).toEqual([
      'AmazonEC2:1',
      'AmazonEC2:2',
      'AmazonEC2:3',
      'AmazonEC2 NAT Gateway:1',
      'AmazonEC2 NAT Gateway:2',
      'AmazonS3:1',
      'AmazonS3:2',
      'AWSDataTransfer:1',
      'AWSDataTransfer:2',
      'AWSDataTransfer:3',
      'AWSDataTransfer:4',
    ]);
    expect(progress.at(-1)!.seen).toBe(38);

    const first = server.requests[0]!;
    expect(first.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(first.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/us-east-1\/pricing\/aws4_request/);
    // The throttled first call was sent again with the same body.
    expect(server.requests[1]!.body).toBe(first.body);
    expect(JSON.parse(first.body).Filters).toContainEqual({ Type: 'TERM_MATCH', Field: 'operatingSystem', Value: 'Linux' });
    const s3 = server.requests.map((r) => JSON.parse(r.body)).find((b) => b.ServiceCode === 'AmazonS3');
    expect(s3.Filters).toContainEqual({ Type: 'ANY_OF', Field: 'volumeType', Value: 'Standard,Standard - Infrequent Access' });

    const fetched = mapAwsProducts(items, table);
    expect(fetched.instances['p5en.48xlarge']!.on_demand['us-west-2']!.toFixed()).toBe('63.296');
    expect(fetched.nat.per_hour['eu-west-1']!.toFixed()).toBe('0.048');
    expect((fetched.storage['s3-standard']!['eu-central-1'] as { rate: { toFixed(): string } }[]).map((t) => t.rate.toFixed())).toEqual(['0.0245', '0.0235', '0.0225']);
  });
});
