import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapAwsProducts } from '../../src/providers/aws/prices.js';
import { mapSpotPrices, type SpotPriceRecord } from '../../src/providers/aws/spot-history.js';
import { emptyFetched } from '../../src/providers/fetched.js';
import { readOfferFile } from '../../src/providers/aws/offer-file.js';
import { mapAzureItems } from '../../src/providers/azure/prices.js';
import { mapGcpSkus, type GcpSku } from '../../src/providers/gcp/prices.js';
import { awsQueries } from '../../src/providers/aws/fetch-prices.js';
import { parseExact } from '../../src/providers/azure/fetch-prices.js';
import { bundledPricingDir, readPricingFile } from '../../src/pricing/load.js';
import { pricingTableSchema, type PricingTableInput } from '../../src/model/pricing.js';
import { validate } from '../../src/model/validate.js';
import { parseYamlSource } from '../../src/model/yaml-source.js';
import { REPO } from '../helpers.js';
import { runMain as tollgate } from './run-main.js';

/**
 * Real captured API responses (../shared/api-captures, see its README): the
 * mappings run on them here. CI has the folder; elsewhere the suite is skipped
 * and says so.
 */
const CAPTURES = join(REPO, '..', 'shared', 'api-captures');
const present = existsSync(CAPTURES);
if (!present) console.warn(`skipping the real-capture tests: ${CAPTURES} not found`);
const capture = (path: string) => join(CAPTURES, path);
const readJson = (path: string) => JSON.parse(readFileSync(capture(path), 'utf8'));
const bundled = (p: string) => readPricingFile(join(bundledPricingDir(), `${p}.yaml`)).table;
/** A test-only table, written as a user would (YAML), so its numbers are Decimals. */
const table = (t: unknown): PricingTableInput => validate(pricingTableSchema, parseYamlSource(JSON.stringify(t), 'test.yaml'));

const P4D_OFFER = 'aws-offer-files/opencost-AmazonEC2-us-east-1-20240528-p4d-capacityblock.json';

describe.skipIf(!present)('real captures: AWS offer file with a $0 Capacity Block SKU', () => {
  const all = () => true;
  it('maps the on-demand SKU, not the CapacityBlock one beside it', async () => {
    const items = await readOfferFile(capture(P4D_OFFER), all);
    // Both SKUs are p4d.24xlarge Linux/Shared/Used in us-east-1; only marketoption and operation differ.
    expect(items.map((i) => i.product.attributes.marketoption).sort()).toEqual(['CapacityBlock', 'OnDemand']);
    const out = mapAwsProducts(items, bundled('aws'));
    // The offer is of 2024-05-28, before the June 2025 cut: its on-demand price, never $0.
    expect(out.instances['p4d.24xlarge']!.on_demand['us-east-1']!.toFixed()).toBe('32.7726');
  });

  it('also maps correctly when the Capacity Block SKU comes first', async () => {
    const items = (await readOfferFile(capture(P4D_OFFER), all)).reverse();
    expect(mapAwsProducts(items, bundled('aws')).instances['p4d.24xlarge']!.on_demand['us-east-1']!.toFixed()).toBe('32.7726');
  });

  it('asks GetProducts for on-demand RunInstances products only', () => {
    const ec2 = awsQueries(bundled('aws'), ['us-east-1'])[0]!;
    expect(ec2.Filters).toEqual(
      expect.arrayContaining([
        { Type: 'TERM_MATCH', Field: 'marketoption', Value: 'OnDemand' },
        { Type: 'TERM_MATCH', Field: 'operation', Value: 'RunInstances' },
      ]),
    );
  });

  it('pricing diff --live on the file shows the real 2024 price, not $0', async () => {
    const { code, stdout } = await tollgate(['pricing', 'diff', 'aws', '--live', '--input', capture(P4D_OFFER)]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^changed\s+instance p4d\.24xlarge\s+us-east-1 on-demand\s+\$21\.957642\s+\$32\.7726\s+\+49\.3%/m);
    expect(stdout).toContain('1 changed, 0 added, 0 removed');
  });
});

describe.skipIf(!present)('real captures: AWS region_index.json', () => {
  it('is refused as an offer file, with where to get one', async () => {
    await expect(readOfferFile(capture('aws-offer-files/docker-commits-AmazonEC2-region_index-20250523.json'), () => true)).rejects.toMatchObject({
      diagnostics: [{ message: 'not an AWS offer file: it needs offerCode, products and terms', suggestion: expect.stringContaining('offers/v1.0/aws/index.json') }],
    });
  });
});

describe.skipIf(!present)('real captures: Azure Retail Prices page (2022)', () => {
  const page = () => parseExact(readFileSync(capture('azure-retail-prices/joelverhagen-snapshot-2022-06-06-page0-trimmed.json'), 'utf8'));
  const promo = table({
    provider: 'azure',
    as_of: '2026-12-01',
    source: 'test',
    regions: { northcentralus: { continent: 'north-america' }, eastus2: { continent: 'north-america' }, northeurope: { continent: 'europe' } },
    instances: {
      Standard_DS14_v2_Promo: { on_demand: { northcentralus: 1 } },
      Standard_D14_v2_Promo: { on_demand: { northcentralus: 1 } },
      Standard_D16s_v5: { on_demand: { eastus2: 1 } },
      Standard_E2s_v5: { on_demand: { northeurope: 1 } },
    },
  });

  it('skips retired ("- Expired") and non-primary meters', () => {
    const items = page().Items!;
    const ds14 = items.find((i) => i.armSkuName === 'Standard_DS14_v2_Promo')!;
    expect([ds14.meterName, ds14.isPrimaryMeterRegion]).toEqual(['DS14 v2 - Expired', false]);
    const out = mapAzureItems(items, promo);
    expect(out.instances['Standard_DS14_v2_Promo']).toBeUndefined();
    expect(out.instances['Standard_D14_v2_Promo']).toBeUndefined();
  });

  it('still takes a current Linux spot meter, and no Windows or DevTest item', () => {
    const out = mapAzureItems(page().Items!, promo);
    expect(out.instances['Standard_E2s_v5']!.spot['northeurope']!.toFixed()).toBe('0.0358');
    expect(out.instances['Standard_D16s_v5']).toBeUndefined();
  });
});

describe.skipIf(!present)('real captures: Google Cloud Billing Catalog SKUs', () => {
  const skus = (file: string): GcpSku[] => readJson(`gcp-billing-catalog/${file}`).skus;
  const t = table({
    provider: 'gcp',
    as_of: '2026-12-01',
    source: 'test',
    regions: { 'us-central1': { continent: 'north-america' }, 'asia-southeast1': { continent: 'asia' } },
    instances: {
      'a2-highgpu-1g': { gpu: { model: 'A100', count: 1 }, vcpus: 12, memory_gb: 85, on_demand: { 'us-central1': 1 } },
      'e2-standard-4': { vcpus: 4, memory_gb: 16, on_demand: { 'us-central1': 1 } },
    },
  });

  it('refuses SKUs priced in another currency and says so', () => {
    const out = mapGcpSkus(skus('opencost-skus-a100-a2-e2-t2d-2023.json'), t);
    expect(out.instances['e2-standard-4']).toBeUndefined();
    expect(out.notes).toContain('4 SKUs priced in IDR, not USD, were left out (e.g. T2D AMD Instance Ram running in Singapore)');
    // The USD SKUs still rebuild the published A2 price: 12 × 0.031611 + 85 × 0.004237 + 2.933908.
    expect(out.instances['a2-highgpu-1g']!.on_demand['us-central1']!.toFixed()).toBe('3.673385');
  });

  it('says which regions it found no internet egress rate for', () => {
    const out = mapGcpSkus(skus('opencost-n4_skus-2026-09.json'), t);
    expect(out.notes).toContain("internet egress: no Premium Tier SKU to the region's own continent found for us-central1, asia-southeast1; their tiers kept as is");
  });
});

describe('Google internet egress SKUs under their 2026 name', () => {
  // The SKU as quoted by 2026 public sources (B8D1-7028-A009), in the Catalog's REST shape.
  const renamed: GcpSku = {
    skuId: 'B8D1-7028-A009',
    description: 'Network Internet Data Transfer Out from Frankfurt to Western Europe',
    category: { resourceFamily: 'Network', resourceGroup: 'PremiumInternetEgress', usageType: 'OnDemand' },
    serviceRegions: ['europe-west3'],
    pricingInfo: [
      {
        pricingExpression: {
          usageUnit: 'GiBy',
          tieredRates: [
            { startUsageAmount: 0, unitPrice: { units: '0', nanos: 120000000, currencyCode: 'USD' } },
            { startUsageAmount: 1024, unitPrice: { units: '0', nanos: 110000000, currencyCode: 'USD' } },
            { startUsageAmount: 10240, unitPrice: { units: '0', nanos: 85000000, currencyCode: 'USD' } },
          ],
        },
      },
    ],
  };
  const t = table({ provider: 'gcp', as_of: '2026-12-01', source: 'test', regions: { 'europe-west3': { continent: 'europe' }, 'us-east4': { continent: 'north-america' } } });

  it('reads the renamed SKU as the region\'s tiers, and names the region it found none for', () => {
    const out = mapGcpSkus([renamed], t);
    expect(out.internet_egress['europe-west3']!.map((x) => [x.up_to?.toFixed(), x.rate.toFixed()])).toEqual([
      ['1024', '0.12'],
      ['10240', '0.11'],
      [undefined, '0.085'],
    ]);
    expect(out.notes).toEqual(["internet egress: no Premium Tier SKU to the region's own continent found for us-east4; their tiers kept as is"]);
  });
});

describe.skipIf(!present)('real captures: DescribeSpotPriceHistory (aws-cli documentation examples)', () => {
  it('averages each zone\'s newest price per instance type and region', () => {
    const records = (readJson('aws-spot-history/aws-cli-example-describe-spot-price-history-vpc-2014-01.json').SpotPriceHistory as Omit<SpotPriceRecord, 'kind' | 'region'>[]).map(
      // The CLI prints no region: the zone names it (us-west-1a → us-west-1), as the fetcher records it.
      (r) => ({ ...r, kind: 'spot-price' as const, region: r.AvailabilityZone.slice(0, -1) }),
    );
    expect(records.map((r) => r.AvailabilityZone)).toEqual(['us-west-1a', 'us-west-1c']);
    const out = emptyFetched('aws');
    mapSpotPrices(records, out);
    expect(out.instances['m1.xlarge']!.spot['us-west-1']!.toFixed()).toBe('0.08');
    expect(out.instances['m1.xlarge']!.on_demand).toEqual({});
  });
});
