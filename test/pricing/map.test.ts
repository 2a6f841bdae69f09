import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import { mapAwsProducts } from '../../src/providers/aws/prices.js';
import { readOfferFile } from '../../src/providers/aws/offer-file.js';
import { mapSavingsPlans, readSavingsPlanStream } from '../../src/providers/aws/savings-plans.js';
import { InputError } from '../../src/model/diagnostics.js';
import { mapAzureItems } from '../../src/providers/azure/prices.js';
import { mapGcpSkus, moneyToDecimal } from '../../src/providers/gcp/prices.js';
import { emptyFetched, tiersFromBands } from '../../src/providers/fetched.js';
import { bundledPricingDir, readPricingFile } from '../../src/pricing/load.js';
import type { PricingTableInput, Tier } from '../../src/model/pricing.js';
import { API_FIXTURES, awsDataTransfer, awsEc2, awsNat, awsS3, azureBandwidth, azurePages, gcpSkus } from './fixtures.js';

const bundled = (p: string) => readPricingFile(join(bundledPricingDir(), `${p}.yaml`)).table;
/**
 * The bundled AWS table as it was when these fixtures were written: without
 * ap-northeast-1 (since added), the region the fixtures use for "a region the
 * table does not list".
 */
const awsTable = (): PricingTableInput => {
  const t = bundled('aws');
  const { 'ap-northeast-1': _, ...regions } = t.regions!;
  return { ...t, regions };
};
const fixed = (r: Record<string, Decimal>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.toFixed()]));
const tiers = (t: { up_to?: Decimal; rate: Decimal }[]) => t.map((x) => [x.up_to?.toFixed(), x.rate.toFixed()]);

describe('AWS GetProducts items → table rates', () => {
  const out = mapAwsProducts([...awsEc2(), ...awsDataTransfer()], awsTable());

  it('takes the Linux, shared-tenancy, no-software, used-capacity price only', () => {
    expect(fixed(out.instances['p4d.24xlarge']!.on_demand)).toEqual({ 'us-east-1': '21.957642' });
    expect(fixed(out.instances['p5.48xlarge']!.on_demand)).toEqual({ 'us-east-1': '55.04' });
    expect(fixed(out.instances['m7i.xlarge']!.on_demand)).toEqual({ 'us-east-1': '0.2016' });
    expect(fixed(out.instances['r7i.xlarge']!.on_demand)).toEqual({ 'us-east-1': '0.2646', 'us-east-2': '0.2646', 'eu-west-1': '0.2961' });
    expect(out.instances['p5en.48xlarge']!.spot).toEqual({});
  });

  it('leaves out regions the table does not list, and says so', () => {
    expect(out.instances['g5.xlarge']).toBeUndefined();
    expect(out.notes).toContain('prices in regions the table does not list were left out: ap-northeast-1');
  });

  it('reads internet egress bands as tiers, inter-region pairs and the inter-AZ rate', () => {
    // As published: from 0, without the global 100 GB free allowance (a product of its own, with no region).
    expect(tiers(out.internet_egress['us-east-1']!)).toEqual([
      ['10240', '0.09'],
      ['51200', '0.085'],
      ['153600', '0.07'],
      [undefined, '0.05'],
    ]);
    expect(out.inter_region.map((r) => `${r.from}>${r.to}=${r.rate.toFixed()}`)).toEqual([
      'us-east-1>us-east-2=0.01',
      'us-east-1>us-west-2=0.02',
      'us-east-1>eu-west-1=0.02',
      'us-east-1>eu-central-1=0.02',
      'us-east-2>us-east-1=0.01',
      'us-east-2>eu-west-1=0.02',
      'us-west-2>us-east-1=0.02',
      'eu-west-1>eu-central-1=0.02',
      'eu-central-1>us-east-1=0.02',
    ]);
    expect(out.inter_zone!.toFixed()).toBe('0.01');
  });
});

describe('AWS S3 storage and NAT gateway products → table rates', () => {
  const out = mapAwsProducts([...awsS3(), ...awsNat()], awsTable());
  const storage = (cls: string, region: string) => out.storage[cls]![region]!;

  it.each([
    // First 50 TB (51,200 GB), next 450 TB (to 512,000 GB), over 500 TB: the three GB-Mo dimensions.
    ['us-east-1', [['51200', '0.023'], ['512000', '0.022'], [undefined, '0.021']]],
    ['eu-central-1', [['51200', '0.0245'], ['512000', '0.0235'], [undefined, '0.0225']]],
  ])('reads S3 Standard in %s as its three bands', (region, expected) => {
    expect(tiers(storage('s3-standard', region) as Tier[])).toEqual(expected);
  });

  it('reads Standard-IA as one rate, and nothing from the Glacier staging product', () => {
    expect((storage('s3-standard-ia', 'us-east-1') as Decimal).toFixed()).toBe('0.0125');
    expect(Object.keys(out.storage).sort()).toEqual(['s3-standard', 's3-standard-ia']);
  });

  it('takes only the storage charge of a class, by its usage type', () => {
    const [standard] = awsS3();
    const early = { ...standard!, product: { ...standard!.product, attributes: { ...standard!.product.attributes, usagetype: 'EarlyDelete-ByteHrs' } } };
    expect(mapAwsProducts([early], awsTable()).storage).toEqual({});
  });

  it.each([
    ['us-east-1', '0.045', '0.045'],
    ['us-east-2', '0.045', '0.045'],
    ['us-west-2', '0.045', '0.045'],
    ['eu-west-1', '0.048', '0.048'],
  ])('reads the NAT gateway in %s: hourly from NatGateway-Hours, processing from NatGateway-Bytes', (region, hourly, perGb) => {
    expect(out.nat.per_hour[region]!.toFixed()).toBe(hourly);
    expect(out.nat.per_gb[region]!.toFixed()).toBe(perGb);
  });

  it('tells the hourly charge from the processing charge by usage type alone (both are $0.045 in us-east-1)', () => {
    const hoursOnly = mapAwsProducts(awsNat().filter((i) => i.product.attributes.usagetype!.endsWith('NatGateway-Hours')), awsTable());
    expect(hoursOnly.nat.per_gb).toEqual({});
    expect(Object.keys(hoursOnly.nat.per_hour)).toEqual(['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1']);
  });

  it('leaves out regions the table does not list, and says so', () => {
    expect(out.nat.per_gb['ap-northeast-1']).toBeUndefined();
    expect(out.storage['s3-standard-ia']!['ap-northeast-1']).toBeUndefined();
    expect(out.notes).toEqual(['prices in regions the table does not list were left out: ap-northeast-1']);
  });
});

describe('Google Cloud Catalog SKUs → table rates', () => {
  const out = mapGcpSkus(gcpSkus(), bundled('gcp'));

  it('turns units + nanos into an exact decimal', () => {
    expect(moneyToDecimal({ units: '2', nanos: 933908000 }).toFixed()).toBe('2.933908');
    expect(moneyToDecimal({ units: 0, nanos: 1 }).toFixed()).toBe('0.000000001');
    expect(moneyToDecimal({ nanos: 31611000 }).toFixed()).toBe('0.031611');
  });

  it('rebuilds machine prices from core, memory and GPU SKUs with the table\'s counts', () => {
    // 12 × 0.031611 + 85 × 0.004237 + 1 × 2.933908
    expect(fixed(out.instances['a2-highgpu-1g']!.on_demand)).toEqual({ 'us-central1': '3.673385', 'us-east1': '3.673385', 'us-east4': '3.673385', 'us-west1': '3.673385' });
    expect(out.instances['a2-highgpu-8g']!.on_demand['us-central1']!.toFixed()).toBe('29.38708');
    expect(out.instances['g2-standard-8']!.on_demand['us-central1']!.toFixed()).toBe('0.853624312');
    expect(out.instances['c3-standard-8']!.on_demand['us-central1']!.toFixed()).toBe('0.41776');
    // Spot: from the "Spot Preemptible" SKUs; 12 × 0.00949 + 85 × 0.001271 + 0.88
    expect(out.instances['a2-highgpu-1g']!.spot['us-central1']!.toFixed()).toBe('1.101915');
  });

  it('rebuilds committed-use rates from the Commitment v1 core, memory and GPU SKUs of each term', () => {
    // 12 × 0.019915 + 85 × 0.002669 + 1 × 1.84836204, the table's 1-year rate for a2-highgpu-1g in Iowa.
    const oneYear = out.commitments['a2-highgpu-1g']!.find((c) => c.term === '1y')!;
    expect(oneYear.purchase).toBe('committed-use');
    expect(oneYear.rates['us-central1']!.toFixed()).toBe('2.31420704');
    expect(out.commitments['a2-highgpu-8g']!.find((c) => c.term === '1y')!.rates['us-central1']!.toFixed()).toBe('18.51365632');
    // No 3-year SKUs in the sample, no Commitment SKUs for G2: nothing made up for them.
    expect(out.commitments['a2-highgpu-1g']!.some((c) => c.term === '3y')).toBe(false);
    expect(out.commitments['g2-standard-8']).toBeUndefined();
    expect(out.commitmentsRead).toEqual(['committed-use']);
  });

  it('keeps machines whose price bundles local SSD, and families without SKUs, as they are', () => {
    expect(out.instances['a3-highgpu-8g']).toBeUndefined();
    expect(out.instances['n4-standard-8']).toBeUndefined();
    expect(out.notes).toContain('a3-highgpu-8g: its price bundles local SSD and is not rebuilt from component SKUs; kept as is');
    expect(out.notes.some((n) => n.startsWith('n4-standard-8: no N4 core/memory SKUs'))).toBe(true);
  });

  it('reads storage, inter-zone and worldwide internet egress tiers (not the China ones)', () => {
    expect(out.storage['gcs-standard']!['us-central1']!.toString()).toBe('0.02');
    expect(out.inter_zone!.toFixed()).toBe('0.01');
    expect(tiers(out.internet_egress['us-central1']!)).toEqual([
      ['1024', '0.12'],
      ['10240', '0.11'],
      [undefined, '0.08'],
    ]);
  });
});

describe('Azure Retail Prices items → table rates', () => {
  const out = mapAzureItems(azurePages().flatMap((p) => p.Items), bundled('azure'));

  it('takes Linux pay-as-you-go and spot, not low priority or Windows', () => {
    expect(fixed(out.instances['Standard_NC24ads_A100_v4']!.on_demand)).toEqual({ eastus: '3.673' });
    expect(fixed(out.instances['Standard_NC24ads_A100_v4']!.spot)).toEqual({ eastus: '0.7346' });
    expect(fixed(out.instances['Standard_ND96isr_H100_v5']!.on_demand)).toEqual({ eastus: '98.32', westeurope: '100.1' });
    expect(out.notes).toContain('prices in regions the table does not list were left out: japaneast');
  });

  it('reads reservations (the term price per VM, as $/hour) and the savings plan rates of the pay-as-you-go item as commitments', () => {
    const got = out.commitments['Standard_NC24ads_A100_v4']!.map((c) => ({ ...c, rates: fixed(c.rates) }));
    expect(got).toEqual([
      { purchase: 'savings-plan', plan: 'compute', term: '3y', rates: { eastus: '1.5795' } },
      { purchase: 'savings-plan', plan: 'compute', term: '1y', rates: { eastus: '2.8327' } },
      // 20273.268 / 8760 h and 39420 / 26280 h.
      { purchase: 'reserved', term: '1y', rates: { eastus: '2.3143' } },
      { purchase: 'reserved', term: '3y', rates: { eastus: '1.5' } },
    ]);
    // The Windows item's savings plan (it carries the licence) and the spot item are not commitments.
    expect(out.commitments['Standard_ND96asr_v4']).toBeUndefined();
    expect(out.commitmentsRead).toEqual(['reserved', 'savings-plan']);
  });

  it('reads internet egress bands over the Microsoft network as tiers, not the Routing Preference: Internet meter', () => {
    const egress = mapAzureItems(azureBandwidth(), bundled('azure'));
    // Each band ends where the next begins (tierMinimumUnits 0, 100, 10335, 51295, 153695, 512095).
    expect(tiers(egress.internet_egress.eastus!)).toEqual([
      ['100', '0'],
      ['10335', '0.087'],
      ['51295', '0.083'],
      ['153695', '0.07'],
      ['512095', '0.05'],
      [undefined, '0.05'],
    ]);
    expect(Object.keys(egress.internet_egress)).toEqual(['eastus', 'westeurope']);
    expect(egress.notes).toEqual(['prices in regions the table does not list were left out: westus3']);
  });

  it('reads a price given as a decimal string exactly', () => {
    const [item] = azurePages()[0]!.Items;
    const exact = mapAzureItems([{ ...item!, retailPrice: '3.67300000000000000001' }], bundled('azure'));
    expect(exact.instances['Standard_NC24ads_A100_v4']!.on_demand.eastus!.toFixed()).toBe('3.67300000000000000001');
  });
});

describe('tiersFromBands', () => {
  it('ends each band where the next begins, the last open-ended, whatever the input order', () => {
    const d = (n: string) => new Decimal(n);
    expect(tiers(tiersFromBands([{ from: d('10'), rate: d('1') }, { from: d('0'), rate: d('2') }]))).toEqual([
      ['10', '2'],
      [undefined, '1'],
    ]);
  });
});

describe('AWS bulk offer file, read as a stream', () => {
  const all = () => true;
  it('reads the same rates as the Query API items it mirrors', async () => {
    const fromOffer = mapAwsProducts(await readOfferFile(join(API_FIXTURES, 'aws-offer-AmazonEC2.json'), all), awsTable());
    const fromApi = mapAwsProducts(awsEc2(), awsTable());
    expect(Object.keys(fromOffer.instances).sort()).toEqual(Object.keys(fromApi.instances).sort());
    for (const [name, rates] of Object.entries(fromApi.instances)) expect(fixed(fromOffer.instances[name]!.on_demand)).toEqual(fixed(rates.on_demand));
  });

  it('reads the Reserved Instance terms of a kept product as commitments: no upfront only, standard and convertible', async () => {
    const out = mapAwsProducts(await readOfferFile(join(API_FIXTURES, 'aws-offer-AmazonEC2.json'), all), awsTable());
    const got = out.commitments['p4d.24xlarge']!.map((c) => ({ ...c, rates: fixed(c.rates) }));
    expect(got).toEqual([
      { purchase: 'reserved', plan: 'standard', term: '1y', payment: 'no-upfront', rates: { 'us-east-1': '13.921094' } },
      { purchase: 'reserved', plan: 'convertible', term: '3y', payment: 'no-upfront', rates: { 'us-east-1': '10.5' } },
    ]);
    expect(out.commitmentsRead).toEqual(['reserved']);
    // Query API items without reserved terms say nothing about reservations.
    expect(mapAwsProducts(awsEc2(), awsTable()).commitmentsRead).toEqual([]);
  });

  it('keeps only the products asked for, and reports bytes read', async () => {
    const progress: { read: number; total: number }[] = [];
    const file = join(API_FIXTURES, 'aws-offer-AmazonEC2.json');
    const items = await readOfferFile(file, (p) => p.attributes.instanceType === 'p4d.24xlarge', (p) => progress.push(p.bytes!));
    expect(new Set(items.map((i) => i.product.attributes.instanceType))).toEqual(new Set(['p4d.24xlarge']));
    for (const i of items) expect(Object.keys(i.terms.OnDemand!).length).toBeGreaterThan(0);
    const size = readFileSync(file).length;
    expect(progress.at(-1)).toEqual({ read: size, total: size });
  });

  it('reads S3 storage from an AmazonS3 offer file as from the Query API', async () => {
    // An offer file keys products and terms by SKU; the Query API's items carry both.
    const items = awsS3();
    const offer = {
      formatVersion: 'v1.0',
      offerCode: 'AmazonS3',
      publicationDate: '2026-09-28T00:00:00Z',
      products: Object.fromEntries(items.map((i) => [i.product.sku, i.product])),
      terms: { OnDemand: Object.fromEntries(items.map((i) => [i.product.sku, i.terms.OnDemand!])) },
    };
    const file = join(mkdtempSync(join(tmpdir(), 'tollgate-offer-')), 'index.json');
    writeFileSync(file, JSON.stringify(offer));
    const fromOffer = mapAwsProducts(await readOfferFile(file, all), awsTable());
    expect(tiers(fromOffer.storage['s3-standard']!['eu-central-1'] as Tier[])).toEqual([['51200', '0.0245'], ['512000', '0.0235'], [undefined, '0.0225']]);
    expect((fromOffer.storage['s3-standard-ia']!['us-east-1'] as Decimal).toFixed()).toBe('0.0125');
  });

  it('refuses a file that is not an offer, and a file that is not JSON, saying which', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-offer-'));
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ formatVersion: 'v1.0', regions: {} }));
    writeFileSync(join(dir, 'broken.json'), '{"offerCode": "AmazonEC2", "products": {');
    await expect(readOfferFile(join(dir, 'index.json'), all)).rejects.toThrow(InputError);
    await expect(readOfferFile(join(dir, 'index.json'), all)).rejects.toMatchObject({ diagnostics: [{ message: 'not an AWS offer file: it needs offerCode, products and terms' }] });
    await expect(readOfferFile(join(dir, 'broken.json'), all)).rejects.toMatchObject({ diagnostics: [{ message: expect.stringMatching(/^not a readable AWS offer file: /) }] });
  });
});

describe('AWS Savings Plans offer file, read as a stream', () => {
  const file = join(API_FIXTURES, 'aws-savingsplan-us-east-1.json');
  const read = () => readSavingsPlanStream(createReadStream(file), { total: 0, query: 'Savings Plans us-east-1', instances: new Set(Object.keys(awsTable().instances!)) });

  it('holds the no-upfront plans with the rates of the table\'s types only', async () => {
    const items = await read();
    expect(items.map((i) => i.savingsPlan.product.sku)).toEqual(['TESTCSP1YRNOUPF1', 'TESTISP1YRNOUPP5', 'TESTISP3YRNOUPP5']);
    // x2iedn is not a type the table prices; Windows and dedicated-tenancy rates are not Linux shared.
    expect(items[0]!.savingsPlan.term.rates!.map((r) => r.discountedSku)).toEqual(['TESTP5USE1LINUX', 'TESTP5BOS1LINUX', 'TESTM7IUSE1LINU']);
  });

  it('maps Compute and EC2 Instance plans, 1 and 3 years, in the table\'s regions (a Local Zone is not one)', async () => {
    const out = emptyFetched('aws');
    mapSavingsPlans(await read(), awsTable(), out);
    const got = (name: string) => out.commitments[name]!.map((c) => ({ ...c, rates: fixed(c.rates) }));
    expect(got('p5.48xlarge')).toEqual([
      { purchase: 'savings-plan', plan: 'compute', term: '1y', payment: 'no-upfront', rates: { 'us-east-1': '40.1234' } },
      { purchase: 'savings-plan', plan: 'ec2-instance', term: '1y', payment: 'no-upfront', rates: { 'us-east-1': '34.6752' } },
      { purchase: 'savings-plan', plan: 'ec2-instance', term: '3y', payment: 'no-upfront', rates: { 'us-east-1': '23.77728' } },
    ]);
    expect(got('m7i.xlarge')).toEqual([{ purchase: 'savings-plan', plan: 'compute', term: '1y', payment: 'no-upfront', rates: { 'us-east-1': '0.1475' } }]);
    expect(out.commitmentsRead).toEqual(['savings-plan']);
  });

  it('refuses a file that is not JSON', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'tollgate-sp-')), 'index.json');
    writeFileSync(bad, '{"products": [');
    await expect(readSavingsPlanStream(createReadStream(bad), { total: 0, query: 'x', instances: new Set() })).rejects.toThrow(/not a readable AWS Savings Plans file/);
  });
});
