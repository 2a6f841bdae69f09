import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBillingFile } from '../../src/actuals/sources/focus-file.js';
import { classify } from '../../src/actuals/categorize.js';
import { Decimal } from '../../src/model/decimal.js';
import { InputError } from '../../src/model/diagnostics.js';
import type { BillingRecord } from '../../src/model/billing-record.js';
import { duck } from './duckdb.js';

/** Small hand-written exports for the layouts and mistakes the real samples lack. */
const dir = mkdtempSync(join(tmpdir(), 'tollgate-layouts-'));
const OCT = { start: '2026-10-01', end: '2026-11-01' };

function write(name: string, text: string): string {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const sum = (rs: readonly BillingRecord[], pred: (r: BillingRecord) => boolean = () => true) => rs.filter(pred).reduce((s, r) => s.plus(r.billedCost), new Decimal(0)).toFixed();
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as Error);

const FOCUS_HEAD = 'ProviderName,ServiceName,ServiceCategory,ChargeCategory,ChargeClass,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingCurrency,BilledCost,EffectiveCost,ConsumedQuantity,ConsumedUnit,RegionId,x_UsageType';

describe('required columns are strict, every other column lenient', () => {
  it('a cost that is no number is located: file, line and column, the column and the layout named', async () => {
    const bad = 'AWS,Amazon Elastic Compute Cloud,Compute,Usage,,2026-10-01T01:00:00Z,2026-10-01T02:00:00Z,2026-10-01T00:00:00Z,USD,n/a,0.5,1,Hrs,us-east-1,BoxUsage:m7i.xlarge';
    const file = write(
      'bad-cost.csv',
      `${FOCUS_HEAD}
AWS,Amazon Elastic Compute Cloud,Compute,Usage,,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,2026-10-01T00:00:00Z,USD,0.5,0.5,1,Hrs,us-east-1,BoxUsage:m7i.xlarge
${bad}
`,
    );
    const e = await failure(readBillingFile(file, OCT, undefined));
    expect(e).toBeInstanceOf(InputError);
    const col = bad.indexOf(',n/a,') + 2;
    expect(e!.message).toBe(`${file}:3:${col}: error: BilledCost is not a number: "n/a" (read as FOCUS)\n  hint: BilledCost is required to compare the bill; fix or remove that row`);
  });

  it('so is a start date that is no date, in a gzipped file too', async () => {
    const text = `${FOCUS_HEAD}\nAWS,EC2,Compute,Usage,,last tuesday,2026-10-01T01:00:00Z,2026-10-01T00:00:00Z,USD,0.5,0.5,1,Hrs,us-east-1,BoxUsage:m7i.xlarge\n`;
    const gz = join(dir, 'bad-date.csv.gz');
    writeFileSync(gz, gzipSync(text));
    const e = await failure(readBillingFile(gz, OCT, undefined));
    expect(e!.message).toMatch(/bad-date\.csv\.gz:2:\d+: error: ChargePeriodStart is not a date: "last tuesday" \(read as FOCUS\)/);
  });

  it('a quantity, an end date or Tags that cannot be read are empty, never a stop', async () => {
    const file = write(
      'lenient.csv',
      `${FOCUS_HEAD},Tags
AWS,EC2,Compute,Usage,,2026-10-02T00:00:00Z,soon,2026-10-01T00:00:00Z,USD,0.25,0.25,about two,Hrs,us-east-1,BoxUsage:m7i.xlarge,team=recsys
AWS,EC2,Compute,Usage,,2026-10-02T01:00:00Z,2026-10-02T02:00:00Z,2026-10-01T00:00:00Z,USD,0.5,0.5,2,Hrs,us-east-1,BoxUsage:m7i.xlarge,null
`,
    );
    // Neither row's Tags is JSON carrying team: the selector keeps none, which is said, not a DuckDB error.
    await expect(readBillingFile(file, OCT, { aws: { tags: { team: 'recsys' } } })).rejects.toThrow(/has rows for 2026-10, but none that the scenario's actuals selector keeps/);
    const all = await readBillingFile(file, OCT, undefined);
    expect(sum(all.records)).toBe('0.75');
    expect(all.records[0]!.consumedQuantity.toFixed()).toBe('2');
  });

  it('a file that looks like a layout but lacks a required column says which one', async () => {
    const file = write('no-billed.csv', 'ProviderName,ServiceName,ChargeCategory,ChargePeriodStart,EffectiveCost\nAWS,EC2,Usage,2026-10-01T00:00:00Z,1\n');
    const e = await failure(readBillingFile(file, OCT, undefined));
    expect(e!.message).toBe(`${file}:1:1: error: this looks like a FOCUS export, but it has no BilledCost column\n  hint: FOCUS needs ChargePeriodStart, BilledCost, ServiceName, ChargeCategory; export the file again with it`);
  });
});

describe('layouts', () => {
  it("Google's cost table writes usage as 'regular' or 'Usage': both are usage", async () => {
    const head = 'Billing account name,Project ID,Service description,SKU description,Credit type,Cost type,Usage start date,Usage end date,Usage amount,Usage unit,Unrounded Cost ($)';
    const file = write(
      'gcp-usage.csv',
      `${head}
Main,p1,Compute Engine,Nvidia L4 GPU running in Americas,,Usage,2026-10-01,2026-10-31,"1,000",hour,560.5
Main,p1,Compute Engine,G2 Instance Core running in Americas,,regular,2026-10-01,2026-10-31,10,hour,2.5
Main,p1,Tax,Sales tax,,Tax,2026-10-01,2026-10-31,0,,3
`,
    );
    const { records } = await readBillingFile(file, OCT, undefined);
    expect(records.map((r) => [r.chargeCategory, r.billedCost.toFixed()]).sort()).toEqual([['Tax', '3'], ['Usage', '2.5'], ['Usage', '560.5']]);
  });

  it("the console's Reports download: daily rows, its summary lines left out", async () => {
    const file = write(
      'My Billing Account_Reports, 2026-10-01 — 2026-10-31.csv',
      `Date,Service description,Service ID,SKU description,SKU ID,Usage amount,Usage unit,List cost ($),Negotiated savings ($),Savings programs ($),Other savings ($),Unrounded subtotal ($),Subtotal ($)
2026-10-01,Compute Engine,6F81,Nvidia L4 GPU running in Americas,7C2A,"1,024",hour,573.44,0,0,-20,553.44,553.44
2026-10-02,Cloud Storage,95FF,Standard Storage US Regional,E5F0,100,gibibyte month,0.0666,0,0,0,0.0666,0.07
,,,,,,,,,,,Subtotal,553.51
,,,,,,,,,,,Filtered total,553.51
`,
    );
    const { records, source } = await readBillingFile(file, OCT, undefined);
    expect(source).toContain('Google Cloud Reports CSV');
    expect(records.map((r) => [r.chargePeriodStart, r.usageType, r.billedCost.toFixed(), r.consumedQuantity.toFixed()])).toEqual([
      ['2026-10-01T00:00:00Z', 'Nvidia L4 GPU running in Americas', '553.44', '1024'],
      ['2026-10-02T00:00:00Z', 'Standard Storage US Regional', '0.0666', '100'],
    ]);
  });

  it("Microsoft's FOCUS 1.2 renames x_SkuMeterName to SkuMeter and x_-prefixes SkuPriceDetails' keys", async () => {
    const file = write(
      'azure-focus-1.2.csv',
      `ProviderName,ServiceName,ServiceCategory,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingCurrency,BilledCost,EffectiveCost,ConsumedQuantity,ConsumedUnit,RegionId,SkuMeter,x_SkuMeterCategory,x_SkuMeterSubcategory,SkuPriceDetails
Microsoft,Virtual Machines,Compute,Usage,2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,USD,98.2,98.2,1,1 Hour,eastus,NC24ads A100 v4,Virtual Machines,NCadsA100v4 Series,"{""x_ServiceType"":""Standard_NC24ads_A100_v4""}"
`,
    );
    const { records } = await readBillingFile(file, OCT, undefined);
    expect(records[0]).toMatchObject({ usageType: 'NC24ads A100 v4', meter: { category: 'Virtual Machines', vmSize: 'Standard_NC24ads_A100_v4' } });
    expect(classify(records[0]!)).toMatchObject({ kind: 'usage', category: 'compute', detail: { kind: 'node', instance: 'Standard_NC24ads_A100_v4' } });
  });

  it('the legacy CUR: E-notation costs, user tags one column each, blank invoice ids estimated', async () => {
    const file = write(
      'legacy-cur.csv',
      `identity/LineItemId,bill/InvoiceId,bill/BillingPeriodStartDate,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/CurrencyCode,lineItem/UnblendedCost,product/ProductName,product/regionCode,pricing/unit,resourceTags/user:team
a,,2026-10-01T00:00:00Z,111111111111,Usage,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,AmazonEC2,BoxUsage:m7i.xlarge,1,USD,2.016E-1,Amazon Elastic Compute Cloud,us-east-1,Hrs,recsys
b,,2026-10-01T00:00:00Z,111111111111,Usage,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,AmazonS3,TimedStorage-ByteHrs,0.5,USD,1.15E-2,Amazon Simple Storage Service,us-east-1,GB-Mo,search
`,
    );
    const { records, source } = await readBillingFile(file, OCT, { aws: { tags: { team: 'recsys' } } });
    expect(source).toContain('CUR (legacy)');
    expect(records.map((r) => [r.usageType, r.billedCost.toFixed(), r.serviceName, r.estimated])).toEqual([['BoxUsage:m7i.xlarge', '0.2016', 'Amazon Elastic Compute Cloud', true]]);
  });

  it("CUR 2.0's invoice id marks a final month; a FOCUS row of ChargeClass Correction is apart from usage", async () => {
    const cur = write(
      'cur2.csv',
      `bill_invoice_id,line_item_usage_start_date,line_item_usage_end_date,line_item_unblended_cost,line_item_currency_code,line_item_product_code,line_item_line_item_type,line_item_usage_amount,pricing_unit,product_region_code,line_item_usage_type
INV-1,2026-10-03T00:00:00Z,2026-10-03T01:00:00Z,0.045,USD,AmazonEC2,Usage,1,Hrs,us-east-1,NatGateway-Hours
`,
    );
    expect((await readBillingFile(cur, OCT, undefined)).records[0]?.estimated).toBe(false);
    const focus = write(
      'correction.csv',
      `${FOCUS_HEAD}
AWS,Amazon Elastic Compute Cloud,Compute,Usage,,2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,2026-10-01T00:00:00Z,USD,10,10,24,Hrs,us-east-1,BoxUsage:m7i.xlarge
AWS,Amazon Elastic Compute Cloud,Compute,Usage,Correction,2026-10-03T00:00:00Z,2026-10-04T00:00:00Z,2026-10-01T00:00:00Z,USD,-4,-4,-8,Hrs,us-east-1,BoxUsage:m7i.xlarge
`,
    );
    const { records } = await readBillingFile(focus, OCT, undefined);
    expect(records.map((r) => [r.billedCost.toFixed(), classify(r).kind]).sort()).toEqual([['-4', 'correction'], ['10', 'usage']]);
  });
});

describe('an export split into parts: a folder or a glob pattern', () => {
  const part = (day: string, cost: string) =>
    `AWS,Amazon Elastic Compute Cloud,Compute,Usage,,2026-10-${day}T00:00:00Z,2026-10-${day}T01:00:00Z,2026-10-01T00:00:00Z,USD,${cost},${cost},1,Hrs,us-east-1,BoxUsage:m7i.xlarge`;

  it('reads every part of a folder (nested by month, as exports write them) as one bill', async () => {
    write('parts/2026-10/part-0001.csv', `${FOCUS_HEAD}\n${part('01', '1.25')}\n`);
    write('parts/2026-10/part-0002.csv', `${FOCUS_HEAD}\n${part('02', '2.5')}\n`);
    write('parts/2026-09/part-0001.csv', `${FOCUS_HEAD}\n${part('01', '999').replace('2026-10-01T0', '2026-09-30T0')}\n`);
    const { records, source } = await readBillingFile(join(dir, 'parts'), OCT, undefined);
    expect(sum(records)).toBe('3.75');
    expect(source).toContain('3 files');
  });

  it('reads a glob pattern of Parquet parts; a pattern matching nothing is bad input', async () => {
    mkdirSync(join(dir, 'pq'), { recursive: true });
    const csv = write('pq-src.csv', `${FOCUS_HEAD}\n${part('01', '1.25')}\n${part('02', '2.5')}\n`);
    await duck(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true) WHERE ChargePeriodStart LIKE '2026-10-01%') TO '${join(dir, 'pq', 'a.parquet')}' (FORMAT parquet)`);
    await duck(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true) WHERE ChargePeriodStart LIKE '2026-10-02%') TO '${join(dir, 'pq', 'b.parquet')}' (FORMAT parquet)`);
    expect(sum((await readBillingFile(join(dir, 'pq', '*.parquet'), OCT, undefined)).records)).toBe('3.75');
    await expect(readBillingFile(join(dir, 'pq', 'c*.parquet'), OCT, undefined)).rejects.toThrow(InputError);
  });

  it('refuses a folder mixing CSV and Parquet, or holding no export', async () => {
    write('mixed/a.csv', `${FOCUS_HEAD}\n${part('01', '1')}\n`);
    await duck(`COPY (SELECT 1 AS x) TO '${join(dir, 'mixed', 'b.parquet')}' (FORMAT parquet)`);
    await expect(readBillingFile(join(dir, 'mixed'), OCT, undefined)).rejects.toThrow(/both CSV \(1\) and Parquet \(1\)/);
    mkdirSync(join(dir, 'empty'), { recursive: true });
    await expect(readBillingFile(join(dir, 'empty'), OCT, undefined)).rejects.toThrow(/holds no \.csv, \.csv\.gz or \.parquet export/);
  });
});

describe('an OCI FOCUS export', () => {
  it('is read; Oracle is a provider tollgate does not model, kept under its own name', async () => {
    const file = write(
      'oci-focus.csv',
      `ProviderName,ServiceName,ServiceCategory,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingCurrency,BilledCost,EffectiveCost,ConsumedQuantity,ConsumedUnit,RegionId,ChargeDescription
Oracle,Compute,Compute,Usage,2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,USD,1.2,1.2,24,OCPU Hours,us-ashburn-1,Compute - Standard - E4 - OCPU
`,
    );
    const { records } = await readBillingFile(file, OCT, undefined);
    expect(records.map((r) => [r.provider, r.billedCost.toFixed()])).toEqual([['oracle', '1.2']]);
  });
});
