import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import type { PricingTableInput, Tier } from '../../src/model/pricing.js';
import { diffTables } from '../../src/pricing/diff.js';
import { readPricingFile } from '../../src/pricing/load.js';
import { FROZEN_PRICING } from '../helpers.js';
import { mapAwsProducts } from '../../src/providers/aws/prices.js';
import { emptyFetched } from '../../src/providers/fetched.js';
import { mapGcpSkus } from '../../src/providers/gcp/prices.js';
import { alignTiers, mergeFetched } from '../../src/pricing/write-table.js';
import { writeAtomic } from '../../src/write-atomic.js';
import { awsDataTransfer, awsEc2, awsNat, awsS3, gcpSkus } from './fixtures.js';

/** The tables as bundled before the catalog grew (a frozen copy): the merge is tested on a known text. */
const file = (p: string) => join(FROZEN_PRICING, `${p}.yaml`);
const OPTS = { asOf: '2026-11-25', source: 'https://api.pricing.us-east-1.amazonaws.com' };
/** A diff as one line per change: `changed <item> <detail> <old>><new>`. */
const changeLines = (older: PricingTableInput, newer: PricingTableInput) =>
  diffTables(older, newer).map((c) => `${c.change} ${c.item} ${c.detail} ${c.old?.toFixed() ?? ''}>${c.new?.toFixed() ?? ''}`);
const comments = (text: string) => text.split('\n').filter((l) => l.trimStart().startsWith('#'));

describe('mergeFetched', () => {
  const awsText = readFileSync(file('aws'), 'utf8');
  const awsTable = readPricingFile(file('aws')).table;

  it('changes no rate when the API states what the table has, and keeps every comment and note', () => {
    const fetched = mapAwsProducts([...awsEc2(), ...awsDataTransfer()], awsTable);
    // The sample states p4d in us-east-1 only; have it state the table's other regions too,
    // so p4d is an entry the API confirms in full.
    for (const [region, rate] of Object.entries(awsTable.instances!['p4d.24xlarge']!.on_demand!)) fetched.instances['p4d.24xlarge']!.on_demand[region] = rate;
    const out = mergeFetched(awsText, 'aws.yaml', fetched, OPTS);
    expect(diffTables(awsTable, out.table)).toEqual([]);
    expect(out.table.as_of).toBe('2026-11-25');
    expect(out.table.source).toBe(OPTS.source);
    expect(comments(out.text)).toEqual(comments(awsText));
    // Only the date, the source and the sources of fully confirmed entries moved.
    const changed = out.text.split('\n').filter((l, i) => l !== awsText.split('\n')[i]);
    expect(changed).toEqual([
      'as_of: "2026-11-25"',
      'source: https://api.pricing.us-east-1.amazonaws.com',
      '    source: "https://api.pricing.us-east-1.amazonaws.com (2026-11-25)"',
    ]);
    // Every p4d region is confirmed; p5 and m7i are priced in three and five regions and
    // the sample confirms one, so their sources stay.
    expect(out.table.instances!['p4d.24xlarge']!.source).toBe('https://api.pricing.us-east-1.amazonaws.com (2026-11-25)');
    expect(out.table.instances!['p5.48xlarge']!.source).toBe(awsTable.instances!['p5.48xlarge']!.source);
    expect(out.table.instances!['m7i.xlarge']!.source).toBe(awsTable.instances!['m7i.xlarge']!.source);
    // p5en's spot snapshot is not in the API: its source (which cites it) stays.
    expect(out.text).toContain('source: "https://github.com/dstackai/dstack/pull/4110');
  });

  it('writes new rates, adds listed regions, and leaves "# override" entries alone', () => {
    const text = awsText
      .replace('  p5.48xlarge:\n', '  p5.48xlarge:  # override: our private pricing addendum\n')
      .replace('    - {from: us-east-1, to: us-east-2, rate: 0.01}', '    - {from: us-east-1, to: us-east-2, rate: 0.01}  # override');
    const fetched = mapAwsProducts([...awsEc2(), ...awsDataTransfer()], awsTable);
    fetched.instances['p4d.24xlarge']!.on_demand['us-east-1'] = new Decimal('20.5');
    fetched.instances['p4de.24xlarge'] = { on_demand: { 'eu-west-1': new Decimal('21.1') }, spot: {} };
    fetched.instances['p5.48xlarge']!.on_demand['us-east-1'] = new Decimal('40');
    fetched.internet_egress['us-east-1']![0]!.rate = new Decimal('0.08');
    fetched.inter_zone = new Decimal('0.015');
    fetched.inter_region.push({ from: 'us-east-1', to: 'us-west-2', rate: new Decimal('0.03') });
    const out = mergeFetched(text, 'aws.yaml', fetched, OPTS);
    expect(changeLines(awsTable, out.table)).toEqual([
      'changed instance p4d.24xlarge us-east-1 on-demand 21.957642>20.5',
      'changed inter-zone per side (2 sides) 0.01>0.015',
      'changed internet egress 100–10240 GB 0.09>0.08',
      'added instance p4de.24xlarge eu-west-1 on-demand >21.1',
    ]);
    expect(out.text).toContain('    on_demand: {us-east-1: 20.5, us-east-2: 21.95764, us-west-2: 21.95764, eu-west-1: 23.71569, eu-central-1: 27.43298}');
    expect(out.text).toContain('    on_demand: {us-east-1: 27.44705, us-west-2: 27.44705, eu-central-1: 34.29122, eu-west-1: 21.1}');
    expect(out.text).toContain('  p5.48xlarge:  # override: our private pricing addendum\n');
    expect(out.kept).toEqual(['instances.p5.48xlarge']);
    expect(out.notes.some((n) => n.startsWith('inter_region rule us-east-1 → any prices pairs the API rates differently'))).toBe(true);
    expect(comments(out.text)).toEqual(comments(text));
  });

  it('only writes rates in the regions asked for', () => {
    const fetched = mapAwsProducts(awsEc2(), awsTable);
    fetched.instances['r7i.xlarge']!.on_demand['us-east-2'] = new Decimal('0.3');
    fetched.instances['r7i.xlarge']!.on_demand['us-east-1'] = new Decimal('0.3');
    const out = mergeFetched(awsText, 'aws.yaml', fetched, { ...OPTS, regions: ['us-east-2'] });
    expect(out.table.instances!['r7i.xlarge']!.on_demand).toMatchObject({ 'us-east-1': new Decimal('0.2646'), 'us-east-2': new Decimal('0.3') });
  });

  it('adds a spot map to a block-style entry and keeps GCP machines it cannot rebuild', () => {
    const gcpText = readFileSync(file('gcp'), 'utf8');
    const gcpTable = readPricingFile(file('gcp')).table;
    const out = mergeFetched(gcpText, 'gcp.yaml', mapGcpSkus(gcpSkus(), gcpTable), { asOf: '2026-11-25', source: 'https://cloudbilling.googleapis.com/v1/services/6F81-5844-456A/skus' });
    const changes = diffTables(gcpTable, out.table).map((c) => `${c.change} ${c.item} ${c.detail}`);
    expect(changes.filter((c) => c.includes('a2-highgpu-1g '))).toEqual([
      'added instance a2-highgpu-1g us-east4 on-demand',
      'added instance a2-highgpu-1g us-central1 spot',
      'added instance a2-highgpu-1g us-east1 spot',
      'added instance a2-highgpu-1g us-east4 spot',
      'added instance a2-highgpu-1g us-west1 spot',
      // That older table had no committed-use rates: a 1-year entry is added.
      'added instance a2-highgpu-1g us-central1 committed-use 1y',
      'added instance a2-highgpu-1g us-east1 committed-use 1y',
      'added instance a2-highgpu-1g us-east4 committed-use 1y',
      'added instance a2-highgpu-1g us-west1 committed-use 1y',
    ]);
    expect(changes.every((c) => c.startsWith('added instance a2-highgpu-'))).toBe(true);
    expect(out.text).toMatch(/a2-highgpu-1g:\n(.*\n){4}.*\n    spot: \{us-central1: 1\.101915, /);
    expect(out.table.instances!['a3-highgpu-8g']!.on_demand!['us-central1']!.toFixed()).toBe('88.490000119');
  });
});

describe('mergeFetched, S3 storage and NAT gateways', () => {
  const text = readFileSync(file('aws'), 'utf8');
  const table = readPricingFile(file('aws')).table;
  const moved = () => {
    const f = mapAwsProducts([...awsS3(), ...awsNat()], table);
    (f.storage['s3-standard']!['us-east-1'] as Tier[])[1]!.rate = new Decimal('0.0215');
    f.nat.per_gb['us-east-1'] = new Decimal('0.05');
    f.nat.per_hour['eu-central-1'] = new Decimal('0.5');
    return f;
  };
  const summary = (out: { table: PricingTableInput }) => changeLines(table, out.table);

  it('writes a moved S3 band and NAT rates in place, adding a listed region, and keeps every comment', () => {
    const out = mergeFetched(text, 'aws.yaml', moved(), OPTS);
    expect(summary(out)).toEqual([
      'changed storage s3-standard us-east-1 51200–512000 GB 0.022>0.0215',
      'changed NAT gateway us-east-1 processed 0.045>0.05',
      'added NAT gateway eu-central-1 hourly >0.5',
    ]);
    expect(out.text).toContain('      us-east-1:\n        - {up_to: 51200, rate: 0.023}\n        - {up_to: 512000, rate: 0.0215}\n        - {rate: 0.021}\n      us-east-2:');
    expect(out.text).toContain('per_gb: {us-east-1: 0.05, us-east-2: 0.045, us-west-2: 0.045, eu-west-1: 0.048}');
    expect(out.text).toContain('per_hour: {us-east-1: 0.045, us-east-2: 0.045, us-west-2: 0.045, eu-west-1: 0.048, eu-central-1: 0.5}');
    expect(comments(out.text)).toEqual(comments(text));
  });

  it('leaves a tiered class as it is, and says so, when the API gives one rate for it', () => {
    const f = emptyFetched('aws');
    f.storage['s3-standard'] = { 'us-east-1': new Decimal('0.5') };
    const out = mergeFetched(text, 'aws.yaml', f, OPTS);
    expect(summary(out)).toEqual([]);
    expect(out.notes).toEqual(['storage.s3-standard us-east-1: the API gives one rate (0.5) where the table has tiers; not updated']);
  });

  it('keeps a storage class or the NAT part marked "# override"', () => {
    const marked = text.replace('  s3-standard:\n', '  s3-standard:  # override: volume discount\n').replace('  nat:\n', '  # override: our own NAT instances\n  nat:\n');
    const out = mergeFetched(marked, 'aws.yaml', moved(), OPTS);
    expect(out.kept).toEqual(['storage.s3-standard', 'network.nat']);
    expect(summary(out)).toEqual([]);
  });
});

describe('writeAtomic, as pricing update --write uses it', () => {
  it('leaves only the finished file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-write-'));
    writeAtomic(join(dir, 'aws.yaml'), 'provider: aws\n');
    expect(readdirSync(dir)).toEqual(['aws.yaml']);
    expect(readFileSync(join(dir, 'aws.yaml'), 'utf8')).toBe('provider: aws\n');
  });
});

describe('mergeFetched, the dates of the rates it writes', () => {
  // The bundled table: its instances carry their own on-demand and spot dates.
  const bundledFile = join(import.meta.dirname, '../../pricing/aws.yaml');
  const text = readFileSync(bundledFile, 'utf8');
  const table = readPricingFile(bundledFile).table;
  const p5 = table.instances!['p5.48xlarge']!;

  it('dates the regions it read and keeps the others\' dates', () => {
    const fetched = emptyFetched('aws');
    fetched.instances = { 'p5.48xlarge': { on_demand: { 'us-east-1': new Decimal('55.04') }, spot: { 'eu-north-1': new Decimal('7.5') } } };
    const out = mergeFetched(text, 'aws.yaml', fetched, OPTS).table.instances!['p5.48xlarge']!;
    expect(out.as_of).toEqual({ ...(p5.as_of as Record<string, string>), 'us-east-1': '2026-11-25' });
    // One spot date for every region before; now one per region.
    expect(Object.entries(out.spot_as_of as Record<string, string>).filter(([, d]) => d === '2026-11-25')).toEqual([['eu-north-1', '2026-11-25']]);
    expect((out.spot_as_of as Record<string, string>)['us-east-1']).toBe(p5.spot_as_of);
  });

  it('writes one date when every region the type prices was read', () => {
    const fetched = emptyFetched('aws');
    fetched.instances = { 'p5.48xlarge': { on_demand: { ...p5.on_demand! }, spot: {} } };
    const out = mergeFetched(text, 'aws.yaml', fetched, OPTS).table.instances!['p5.48xlarge']!;
    expect(out.as_of).toBe('2026-11-25');
    expect(out.spot_as_of).toBe(p5.spot_as_of);
  });
});

describe('mergeFetched, rates written as the user wrote them', () => {
  it('leaves 27.20 alone when the API says 27.2', () => {
    const text = readFileSync(file('azure'), 'utf8');
    const fetched = emptyFetched('azure');
    fetched.instances = { Standard_ND96asr_v4: { on_demand: { eastus: new Decimal('27.2') }, spot: {} } };
    const out = mergeFetched(text, 'azure.yaml', fetched, { asOf: '2026-11-25', source: 'https://prices.azure.com/api/retail/prices' });
    expect(out.text).toContain('on_demand: {eastus: 27.20}');
  });
});

describe('"# override" marks, as the README shows them', () => {
  const text = readFileSync(file('aws'), 'utf8');
  const table = readPricingFile(file('aws')).table;
  const moved = () => {
    const f = mapAwsProducts([...awsEc2(), ...awsDataTransfer()], table);
    f.instances['p4d.24xlarge']!.on_demand['us-east-1'] = new Decimal(1);
    f.inter_zone = new Decimal('0.7');
    for (const r of f.inter_region) r.rate = new Decimal('0.5');
    return f;
  };

  it('keeps marked network parts and instances, on the key line or the line above', () => {
    const marked = text
      .replace('  p4d.24xlarge:\n', '  # override: negotiated\n  p4d.24xlarge:\n')
      .replace('  inter_region:\n', '  inter_region:  # override\n')
      .replace('  inter_zone: {rate: 0.01, sides: 2}', '  inter_zone: {rate: 0.01, sides: 2}  # override');
    const out = mergeFetched(marked, 'aws.yaml', moved(), OPTS);
    expect(out.kept).toEqual(['instances.p4d.24xlarge', 'network.inter_zone', 'network.inter_region']);
    expect(diffTables(table, out.table)).toEqual([]);
  });

  it('keeps the whole network section when it is marked', () => {
    const out = mergeFetched(text.replace('network:\n', 'network:  # override\n'), 'aws.yaml', moved(), OPTS);
    expect(out.kept).toEqual(['network']);
    expect(diffTables(table, out.table).map((c) => c.item)).toEqual(['instance p4d.24xlarge']);
  });
});

describe('alignTiers', () => {
  const t = (...pairs: [string | undefined, string][]) => pairs.map(([up, rate]) => ({ up_to: up === undefined ? undefined : new Decimal(up), rate: new Decimal(rate) }));

  it('takes the API bands as they are when the bounds match', () => {
    expect(alignTiers(t(['10', '1'], [undefined, '2']), t(['10', '3'], [undefined, '4']))).toEqual(t(['10', '3'], [undefined, '4']));
  });

  it('keeps a free allowance the table models as a leading rate-0 tier', () => {
    const table = t(['100', '0'], ['10240', '0.09'], [undefined, '0.05']);
    expect(alignTiers(table, t(['10240', '0.08'], [undefined, '0.04']))).toEqual(t(['100', '0'], ['10240', '0.08'], [undefined, '0.04']));
  });

  it('gives up when the bands do not line up, so the merge leaves them and says so', () => {
    expect(alignTiers(t(['100', '0'], ['10240', '0.09'], [undefined, '0.05']), t(['5000', '0.08'], [undefined, '0.04']))).toBeUndefined();
    const text = readFileSync(file('aws'), 'utf8');
    const table = readPricingFile(file('aws')).table;
    const fetched = emptyFetched('aws');
    fetched.internet_egress['us-east-1'] = t(['5000', '0.08'], [undefined, '0.04']);
    const out = mergeFetched(text, 'aws.yaml', fetched, OPTS);
    expect(diffTables(table, out.table)).toEqual([]);
    expect(out.notes).toEqual(["internet egress: the API's tiers for us-east-1 (≤5000: 0.08, above: 0.04) do not line up with the table's; not updated"]);
  });
});

describe('mergeFetched, commitment rates', () => {
  const bundledFile = join(import.meta.dirname, '../../pricing/aws.yaml');
  const text = readFileSync(bundledFile, 'utf8');
  const table = readPricingFile(bundledFile).table;
  const p4d = table.instances!['p4d.24xlarge']!;
  const ri1y = { purchase: 'reserved', plan: 'standard', term: '1y', payment: 'no-upfront' } as const;

  it('sets the rates of the entry of the same kind, dates it when every region was read, and adds a kind the entry lacks', () => {
    const fetched = emptyFetched('aws');
    fetched.commitmentsRead = ['reserved', 'savings-plan'];
    const all = Object.fromEntries(Object.keys(p4d.commitments![0]!.rates).map((r) => [r, new Decimal('13.5')]));
    fetched.commitments['p4d.24xlarge'] = [
      { ...ri1y, rates: all },
      { purchase: 'savings-plan', plan: 'compute', term: '1y', payment: 'no-upfront', rates: { 'us-east-1': new Decimal('15.25') } },
    ];
    const out = mergeFetched(text, 'aws.yaml', fetched, OPTS);
    const got = out.table.instances!['p4d.24xlarge']!.commitments!;
    expect(got[0]).toMatchObject({ ...ri1y, as_of: '2026-11-25', source: OPTS.source });
    expect(Object.values(got[0]!.rates).every((r) => r.eq('13.5'))).toBe(true);
    // The 3-year RI was not stated: kept, with its own date, and said so.
    expect(got[1]).toEqual(p4d.commitments![1]);
    expect(got[2]).toEqual({ purchase: 'savings-plan', plan: 'compute', term: '1y', payment: 'no-upfront', as_of: '2026-11-25', source: OPTS.source, rates: { 'us-east-1': new Decimal('15.25') } });
    const missing = out.notes.find((n) => n.startsWith('commitment rates the source did not state'))!;
    expect(missing).toContain('p4d.24xlarge reserved standard 3y no-upfront: ap-northeast-1, ap-northeast-2');
    // Kinds the source was not read for are not reported (no GCP-style committed-use here, none missing).
    expect(missing).not.toContain('committed-use');
    expect(comments(out.text)).toEqual(comments(text));
  });

  it('keeps an entry\'s older date when only some of its regions were read, and reports nothing for kinds not read', () => {
    const fetched = emptyFetched('aws');
    fetched.commitments['p4d.24xlarge'] = [{ ...ri1y, rates: { 'us-east-1': new Decimal('13.5') } }];
    const out = mergeFetched(text, 'aws.yaml', fetched, OPTS);
    const ri = out.table.instances!['p4d.24xlarge']!.commitments![0]!;
    expect(ri.rates['us-east-1']!.toFixed()).toBe('13.5');
    expect(ri.as_of).toBe(p4d.commitments![0]!.as_of);
    expect(out.notes.some((n) => n.startsWith('commitment rates'))).toBe(false);
  });

  it('adds a commitments list to an instance that had none', () => {
    const fetched = emptyFetched('aws');
    const bare = Object.entries(table.instances!).find(([, i]) => !i.commitments && i.on_demand?.['us-east-1'])![0];
    fetched.commitments[bare] = [{ ...ri1y, rates: { 'us-east-1': new Decimal('0.5') } }];
    const out = mergeFetched(text, 'aws.yaml', fetched, OPTS);
    expect(out.table.instances![bare]!.commitments).toEqual([{ ...ri1y, as_of: '2026-11-25', source: OPTS.source, rates: { 'us-east-1': new Decimal('0.5') } }]);
  });
});
