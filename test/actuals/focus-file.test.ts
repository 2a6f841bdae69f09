import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBillingFile } from '../../src/actuals/sources/focus-file.js';
import { InputError } from '../../src/model/diagnostics.js';
import { Decimal } from '../../src/model/decimal.js';
import type { BillingRecord } from '../../src/model/billing-record.js';

const dir = mkdtempSync(join(tmpdir(), 'tollgate-focus-'));
const OCT = { start: '2026-10-01', end: '2026-11-01' };

// Costs chosen so that binary floating point would not sum them exactly (0.1 + 0.2 ≠ 0.3 in a double).
const FOCUS_CSV = `ProviderName,ServiceName,ServiceCategory,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingCurrency,BilledCost,EffectiveCost,ConsumedQuantity,ConsumedUnit,RegionId,SubAccountId,Tags,x_UsageType,ChargeDescription
AWS,Amazon Elastic Compute Cloud,Compute,Usage,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,USD,0.1,0.1,1,Hrs,us-east-1,111111111111,"{""team"":""recsys""}",BoxUsage:m7i.xlarge,
AWS,Amazon Elastic Compute Cloud,Compute,Usage,2026-10-01T01:00:00Z,2026-10-01T02:00:00Z,USD,0.2,0.2,1,Hrs,us-east-1,111111111111,"{""team"":""recsys""}",BoxUsage:m7i.xlarge,
AWS,Amazon Elastic Compute Cloud,Compute,Usage,2026-10-02T00:00:00Z,2026-10-03T00:00:00Z,USD,0.000000000123,0.000000000123,0.5,Hrs,us-east-1,111111111111,"{""team"":""recsys""}",BoxUsage:m7i.xlarge,
AWS,Amazon Elastic Compute Cloud,Compute,Usage,2026-10-02T00:00:00Z,2026-10-03T00:00:00Z,USD,500,500,9,Hrs,us-east-1,222222222222,"{""team"":""search""}",BoxUsage:p5.48xlarge,
AWS,Amazon Elastic Compute Cloud,Compute,Usage,2026-09-30T00:00:00Z,2026-10-01T00:00:00Z,USD,999,999,1,Hrs,us-east-1,111111111111,"{""team"":""recsys""}",BoxUsage:m7i.xlarge,
AWS,Amazon Elastic Compute Cloud,Compute,Credit,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,USD,-50,-50,,,us-east-1,111111111111,"{""team"":""recsys""}",,AWS credit
Google Cloud,Compute Engine,Compute,Usage,2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,USD,12.5,12.5,24,hour,us-central1,serving-prod,"{""team"":""recsys""}",,Nvidia L4 GPU running in Americas
Google Cloud,Compute Engine,Compute,Usage,2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,USD,7,7,24,hour,us-central1,other-proj,"{""team"":""ads""}",,Nvidia L4 GPU running in Americas
`;

async function duck(sql: string) {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  await c.run(sql);
  c.closeSync();
  instance.closeSync();
}

const csv = join(dir, 'focus.csv');
const gz = join(dir, 'focus.csv.gz');
const parquet = join(dir, 'focus.parquet');

beforeAll(async () => {
  writeFileSync(csv, FOCUS_CSV);
  await duck(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${gz}' (FORMAT csv, HEADER, COMPRESSION gzip)`);
  // Parquet as the exporters write it: typed timestamps and decimal costs, Tags as text.
  await duck(`COPY (SELECT * REPLACE (CAST(ChargePeriodStart AS TIMESTAMP) AS ChargePeriodStart, CAST(ChargePeriodEnd AS TIMESTAMP) AS ChargePeriodEnd,
    CAST(BilledCost AS DECIMAL(38,15)) AS BilledCost, CAST(EffectiveCost AS DECIMAL(38,15)) AS EffectiveCost, CAST(ConsumedQuantity AS DOUBLE) AS ConsumedQuantity)
    FROM read_csv('${csv}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
});

const total = (rs: BillingRecord[], pred: (r: BillingRecord) => boolean = () => true) =>
  rs.filter(pred).reduce((s, r) => s.plus(r.billedCost), new Decimal(0)).toFixed();

describe.each([
  ['CSV', csv],
  ['gzip CSV', gz],
  ['Parquet', parquet],
])('FOCUS %s through DuckDB', (_kind, file) => {
  it('sums the month per day and usage type, exactly, leaving other months out', async () => {
    const { records, source } = await readBillingFile(file, OCT, undefined);
    expect(source).toContain('FOCUS');
    const m7i = records.filter((r) => r.usageType === 'BoxUsage:m7i.xlarge');
    expect(m7i.map((r) => [r.chargePeriodStart, r.billedCost.toFixed()]).sort()).toEqual([
      ['2026-10-01T00:00:00Z', '0.3'],
      ['2026-10-02T00:00:00Z', '1.23e-10'],
    ].map(([d, c]) => [d, new Decimal(c!).toFixed()]));
    expect(m7i.find((r) => r.chargePeriodStart.startsWith('2026-10-01'))?.consumedQuantity.toFixed()).toBe('2');
    expect(total(records)).toBe('469.800000000123'); // the 999 on Sep 30 is another month
  });

  it('normalizes providers and takes Google SKU descriptions from ChargeDescription', async () => {
    const { records } = await readBillingFile(file, OCT, undefined);
    const l4 = records.filter((r) => r.provider === 'gcp');
    expect(new Set(l4.map((r) => r.usageType))).toEqual(new Set(['Nvidia L4 GPU running in Americas']));
    expect(records.find((r) => r.chargeCategory === 'Credit')?.billedCost.toFixed()).toBe('-50');
  });

  it("applies the scenario's selector per provider: AWS tags and accounts, GCP labels and projects", async () => {
    const { records } = await readBillingFile(file, OCT, { aws: { tags: { team: 'recsys' } }, gcp: { labels: { team: 'recsys' } } });
    expect(total(records)).toBe('-37.199999999877');
    const byAccount = await readBillingFile(file, OCT, { aws: { linked_accounts: ['222222222222'] }, gcp: { projects: ['other-proj'] } });
    expect(total(byAccount.records)).toBe('507');
  });
});

describe('a billing file is read by its literal name', () => {
  it.each(['bill*.csv', 'bill?.csv', 'bill[1].csv'])('%s is that one file, not a glob over its neighbours', async (name) => {
    const folder = mkdtempSync(join(tmpdir(), 'tollgate-literal-'));
    writeFileSync(join(folder, name), FOCUS_CSV);
    // Neighbours each pattern would match: read too, the total would double or triple.
    for (const other of ['bill-2.csv', 'bill1.csv', 'billX.csv']) writeFileSync(join(folder, other), FOCUS_CSV);
    const { records } = await readBillingFile(join(folder, name), OCT, undefined);
    expect(total(records)).toBe('469.800000000123');
  });

  it('reads a file inside a folder whose name has glob characters', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'tollgate-literal-')), 'exports [oct] *');
    mkdirSync(folder);
    writeFileSync(join(folder, 'focus.csv'), FOCUS_CSV);
    const { records } = await readBillingFile(join(folder, 'focus.csv'), OCT, undefined);
    expect(total(records)).toBe('469.800000000123');
  });
});

describe('billing file layouts and mistakes', () => {
  it('reads AWS CUR 2.0 columns', async () => {
    const cur = join(dir, 'cur.csv');
    writeFileSync(
      cur,
      `line_item_usage_start_date,line_item_usage_end_date,line_item_unblended_cost,line_item_currency_code,line_item_product_code,line_item_line_item_type,line_item_usage_amount,pricing_unit,product_region_code,line_item_usage_type,line_item_usage_account_id
2026-10-03T00:00:00Z,2026-10-03T01:00:00Z,0.045,USD,AmazonEC2,Usage,1,Hrs,us-east-1,NatGateway-Hours,111111111111
2026-10-03T01:00:00Z,2026-10-03T02:00:00Z,0.045,USD,AmazonEC2,Usage,1,Hrs,us-east-1,NatGateway-Hours,111111111111
2026-10-03T00:00:00Z,2026-10-04T00:00:00Z,1.5,USD,AmazonEC2,Tax,,,us-east-1,,111111111111
`,
    );
    const { records, source } = await readBillingFile(cur, OCT, undefined);
    // CUR 2.0 Parquet keeps user tags in a MAP under user_<key>; the selector's plain key finds them.
    const curParquet = join(dir, 'cur.parquet');
    await duck(`COPY (SELECT *, CASE WHEN line_item_line_item_type = 'Tax' THEN MAP {'user_team': 'search'} ELSE MAP {'user_team': 'recsys'} END AS resource_tags
      FROM read_csv('${cur}', all_varchar = true)) TO '${curParquet}' (FORMAT parquet)`);
    const tagged = await readBillingFile(curParquet, OCT, { aws: { tags: { team: 'recsys' } } });
    expect(tagged.records.map((r) => r.usageType)).toEqual(['NatGateway-Hours']);
    expect(source).toContain('CUR 2.0');
    expect(records.find((r) => r.usageType === 'NatGateway-Hours')).toMatchObject({ provider: 'aws', serviceName: 'AmazonEC2', regionId: 'us-east-1' });
    expect(records.find((r) => r.usageType === 'NatGateway-Hours')?.billedCost.toFixed()).toBe('0.09');
    expect(records.find((r) => r.chargeCategory === 'Tax')?.billedCost.toFixed()).toBe('1.5');
  });

  it('filters on Tags stored as a MAP, as some Parquet exports write them', async () => {
    const mapped = join(dir, 'focus-map-tags.parquet');
    await duck(`COPY (SELECT * REPLACE (map_from_entries([('team', json_extract_string(Tags, '$.team'))]) AS Tags)
      FROM read_csv('${csv}', all_varchar = true)) TO '${mapped}' (FORMAT parquet)`);
    const { records } = await readBillingFile(mapped, OCT, { aws: { tags: { team: 'recsys' } }, gcp: { labels: { team: 'recsys' } } });
    expect(total(records)).toBe('-37.199999999877');
  });

  it("reads Google's cost table CSV: summary lines before the header, credits by credit type, no region", async () => {
    const table = join(dir, 'gcp-cost-table.csv');
    writeFileSync(
      table,
      `Billing account ID,01A2B3-C4D5E6-F7A8B9
Invoice month,202610
Currency,USD

Billing account name,Billing account ID,Project name,Project ID,Project hierarchy,Service description,Service ID,SKU description,SKU ID,Consumption model description,Credit type,Cost type,Usage start date,Usage end date,Usage amount,Usage unit,Unrounded Cost ($),Cost ($)
Main,01A2B3-C4D5E6-F7A8B9,Serving,recsys-serving-prod,example.com,Compute Engine,6F81,Nvidia L4 GPU running in Americas,7C2A,Default,,regular,2026-10-01,2026-10-31,"4,464",hour,2499.9186,2499.92
Main,01A2B3-C4D5E6-F7A8B9,Serving,recsys-serving-prod,example.com,Compute Engine,6F81,Nvidia L4 GPU running in Americas,7C2A,Default,Promotion,regular,2026-10-01,2026-10-31,0,hour,-300.5,-300.5
Main,01A2B3-C4D5E6-F7A8B9,Serving,recsys-serving-prod,example.com,Tax,TAX,State sales tax,T1,Default,,tax,2026-10-01,2026-10-31,0,,12.25,12.25
`,
    );
    const { records, source } = await readBillingFile(table, OCT, undefined);
    expect(source).toContain('Google Cloud cost table CSV');
    expect(records.map((r) => [r.provider, r.chargeCategory, r.usageType, r.billedCost.toFixed(), r.regionId]).sort()).toEqual([
      ['gcp', 'Credit', 'Nvidia L4 GPU running in Americas', '-300.5', ''],
      ['gcp', 'Tax', 'State sales tax', '12.25', ''],
      ['gcp', 'Usage', 'Nvidia L4 GPU running in Americas', '2499.9186', ''],
    ]);
    expect(records.find((r) => r.chargeCategory === 'Usage')?.consumedQuantity.toFixed()).toBe('4464');
    expect(records[0]?.chargePeriodEnd).toBe('2026-11-01T00:00:00Z');

    // Gzipped, and with a label selector the layout cannot apply: nothing is silently dropped, and it says so.
    const gzipped = join(dir, 'gcp-cost-table.csv.gz');
    writeFileSync(gzipped, gzipSync(readFileSync(table)));
    const labelled = await readBillingFile(gzipped, OCT, { gcp: { labels: { team: 'recsys' }, projects: ['recsys-serving-prod'] } });
    expect(labelled.records).toHaveLength(3);
    expect(labelled.notes).toEqual(['this Google Cloud cost table CSV file has no tags column: actuals.gcp.labels was not applied']);
  });

  it('says which columns it expected from a file that is no billing export', async () => {
    const odd = join(dir, 'odd.csv');
    writeFileSync(odd, 'a,b\n1,2\n');
    const e = await readBillingFile(odd, OCT, undefined).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/not a billing export.*\n.*hint: expected the columns of FOCUS \(ChargePeriodStart/);
  });

  it('reports a missing file or an unknown extension as bad input', async () => {
    await expect(readBillingFile(join(dir, 'nope.csv'), OCT, undefined)).rejects.toThrow(/billing file not found/);
    const txt = join(dir, 'bill.txt');
    writeFileSync(txt, 'x');
    await expect(readBillingFile(txt, OCT, undefined)).rejects.toThrow(/not a billing export file/);
  });
});
