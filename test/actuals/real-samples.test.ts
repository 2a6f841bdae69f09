import { describe, expect, it } from 'vitest';
import { readBillingFile } from '../../src/actuals/sources/focus-file.js';
import { Decimal } from '../../src/model/decimal.js';
import type { BillingRecord } from '../../src/model/billing-record.js';
import { tollgate } from '../cli-run.js';
import { SHARED, sample } from '../shared-samples.js';
import { duck } from './duckdb.js';

/**
 * The real exports in ../shared/billing-samples and ../shared/api-captures (provenance and licences
 * in their READMEs): the FinOps Foundation's FOCUS 1.0 sample, Microsoft's EA cost-details samples
 * and an anonymized legacy CUR. Every expected sum here is DuckDB SQL written in this file over the
 * raw file, not tollgate's query.
 */
const SEP = { start: '2024-09-01', end: '2024-10-01' };
const PLAN = 'test/fixtures/actuals/focus-sample-plan.yaml';

const sql = duck;

/** Sum of a CSV's cost column per group, by hand: the literal NULL is the sample's null. */
async function csvSums(file: string, cost: string, group: string, where = 'true'): Promise<Map<string, Decimal>> {
  const rows = await sql(`SELECT ${group} AS k, SUM(CAST("${cost}" AS DECIMAL(38,15)))::VARCHAR AS s
    FROM read_csv('${file}', all_varchar = true, nullstr = 'NULL') WHERE ${where} GROUP BY ALL`);
  return new Map(rows.map((r) => [r.k!, new Decimal(r.s!)]));
}

const total = (rs: readonly BillingRecord[], pred: (r: BillingRecord) => boolean) => rs.filter(pred).reduce((s, r) => s.plus(r.billedCost), new Decimal(0));

describe.skipIf(!SHARED)('the FinOps Foundation FOCUS 1.0 sample (AWS, Microsoft, Oracle; 2024-09)', () => {
  const csv = SHARED ? sample('billing-samples/focus-1.0/focus_sample.csv') : '';
  const copies = ['focus_sample.csv', 'focus_sample.csv.gz', 'focus_sample.nullfix.csv', 'focus_sample.nullfix.csv.gz', 'focus_sample.parquet', 'focus_sample.double.parquet', 'focus_sample.tagsmap.parquet'];

  it.each(copies)('%s loads, NULL read as null, and its sums per provider and charge category are the file’s own', async (name) => {
    const expected = await csvSums(csv, 'BilledCost', `ProviderName || '/' || ChargeCategory`);
    const { records } = await readBillingFile(sample(`billing-samples/focus-1.0/${name}`), SEP, undefined);
    const got = new Map<string, Decimal>();
    for (const r of records) {
      const k = `${{ aws: 'AWS', azure: 'Microsoft' }[r.provider] ?? 'Oracle'}/${r.chargeCategory}`;
      got.set(k, (got.get(k) ?? new Decimal(0)).plus(r.billedCost));
    }
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    // DECIMAL(38,12) keeps 12 places: the file's 15-place sums agree to them.
    for (const [k, v] of expected) expect(got.get(k)?.toDecimalPlaces(11).toFixed(), k).toBe(v.toDecimalPlaces(11).toFixed());
  });

  it('applies a tag selector even though Tags is NULL on most rows and no JSON', async () => {
    const expected = await csvSums(csv, 'BilledCost', `'x'`, `ProviderName = 'AWS' AND json_valid(Tags) AND json_extract_string(Tags, '$.environment') = 'dev'`);
    const { records } = await readBillingFile(csv, SEP, { aws: { tags: { environment: 'dev' } } });
    expect(total(records, (r) => r.provider === 'aws').toFixed()).toBe(expected.get('x')!.toFixed());
  });

  it('tollgate actuals: compares the AWS plan with AWS rows only; Microsoft and Oracle are reported apart', async () => {
    const { code, stdout, stderr } = await tollgate(['actuals', PLAN, '--month', '2024-09', '--source', csv, '--format', 'json', '--max-age', '3650']); // the plan's 2024 override is old on purpose
    expect(stderr).toBe('');
    expect(code).toBe(4);
    const out = JSON.parse(stdout);
    const usage = await csvSums(csv, 'BilledCost', 'ProviderName', `ChargeCategory = 'Usage'`);
    expect(new Decimal(out.total.actual).toDecimalPlaces(10).toFixed()).toBe(usage.get('AWS')!.toDecimalPlaces(10).toFixed());
    expect(out.providers.map((p: { provider: string }) => p.provider)).toEqual(['aws']);
    expect(out.other_providers.map((o: { provider: string; usage: string }) => [o.provider, new Decimal(o.usage).toDecimalPlaces(10).toFixed()])).toEqual([
      ['azure', usage.get('Microsoft')!.toDecimalPlaces(10).toFixed()],
      ['oracle', usage.get('Oracle')!.toDecimalPlaces(10).toFixed()],
    ]);
    // The AWS credit only: Oracle's adjustment is not this plan's.
    expect(out.adjustments).toEqual([{ kind: 'credit', cost: '-2.6137' }]);
    const table = await tollgate(['actuals', PLAN, '--month', '2024-09', '--source', csv]);
    expect(table.stdout).toContain('other providers in this bill, not compared with the plan: Microsoft $1.98,\n  Oracle $0.27');
  });

  it('--provider chooses: Microsoft compared too (it has no plan line, so all of it is unplanned)', async () => {
    const out = JSON.parse((await tollgate(['actuals', PLAN, '--month', '2024-09', '--source', csv, '--format', 'json', '--provider', 'aws,Microsoft'])).stdout);
    expect(out.providers.map((p: { provider: string }) => p.provider)).toEqual(['aws', 'azure']);
    expect(out.other_providers.map((o: { provider: string }) => o.provider)).toEqual(['oracle']);
    const azure = out.providers.find((p: { provider: string }) => p.provider === 'azure');
    expect(new Decimal(azure.actual).toDecimalPlaces(8).toFixed()).toBe('1.97651419');
    // Compared now, so how its usage was (not) matched is said; reported apart, it was not.
    // No meter columns: matched on ChargeDescription, and what could not be told to a line kind is said with its cost.
    expect(out.notes.join('\n')).toMatch(/no x_SkuMeterName or SkuMeter column: Microsoft usage was matched on ChargeDescription.*; \$1\.98 of usage could not be told to a kind of plan line/);
    const apart = JSON.parse((await tollgate(['actuals', PLAN, '--month', '2024-09', '--source', csv, '--format', 'json'])).stdout);
    expect(apart.notes.join('\n')).not.toMatch(/SkuMeter/);
  });

  it('with only the spec columns (no x_UsageType) it still meets the plan: instance, egress and S3 from ChargeDescription, and says so', async () => {
    const out = JSON.parse((await tollgate(['actuals', PLAN, '--month', '2024-09', '--source', csv, '--format', 'json'])).stdout);
    const line = (name: string) => out.lines.find((l: { name: string }) => l.name === name);
    const g5 = await csvSums(csv, 'BilledCost', `'x'`, `ChargeDescription LIKE '%On Demand Linux g5.4xlarge Instance Hour' AND RegionId = 'us-east-1'`);
    expect(line('gpu-box').actual).toBe(g5.get('x')!.toFixed());
    expect(line('gpu-box').matched).toEqual(['$1.624 per On Demand Linux g5.4xlarge Instance Hour']);
    expect(new Decimal(line('downloads').actual).gt(0)).toBe(true);
    expect(out.notes.join('\n')).toMatch(/no x_UsageType column: AWS usage was matched on ChargeDescription/);
  });

  it('a flagged or matched line says billed quantity and effective rate against the plan', async () => {
    const out = JSON.parse((await tollgate(['actuals', PLAN, '--month', '2024-09', '--source', sample('billing-samples/focus-1.0/focus_sample.usagetype.csv'), '--format', 'json'])).stdout);
    const g5 = out.lines.find((l: { name: string }) => l.name === 'gpu-box');
    const [hours] = await sql(`SELECT SUM(CAST(ConsumedQuantity AS DECIMAL(38,12)))::VARCHAR AS q FROM read_csv('${sample('billing-samples/focus-1.0/focus_sample.usagetype.csv')}', all_varchar = true) WHERE x_UsageType = 'BoxUsage:g5.4xlarge'`);
    expect(g5.billed.quantity).toBe(new Decimal(hours!.q!).toFixed());
    expect(g5.billed.unit).toBe('hour');
    expect(new Decimal(g5.billed.rate).toDecimalPlaces(3).toFixed()).toBe('1.624');
    expect(g5.planned).toEqual({ quantity: '6.283056', unit: 'hour', rate: '1.624' });
  });

  it('the usage-type copy and Cost Explorer rows of the same AWS data land in the same categories', async () => {
    const { readFileSync } = await import('node:fs');
    const { classify } = await import('../../src/actuals/categorize.js');
    const { record } = await import('./records.js');
    const byCategory = (rs: BillingRecord[]) => {
      const m = new Map<string, Decimal>();
      for (const r of rs) {
        const c = classify(r);
        const k = c.kind === 'usage' ? `${c.category} ${JSON.stringify(c.detail ?? {})}` : c.kind;
        m.set(k, (m.get(k) ?? new Decimal(0)).plus(r.billedCost));
      }
      return Object.fromEntries([...m].map(([k, v]) => [k, v.toFixed()]).sort());
    };
    const focus = (await readBillingFile(sample('billing-samples/focus-1.0/focus_sample.usagetype.aws-only.csv'), SEP, undefined)).records;
    const ce = (JSON.parse(readFileSync(sample('billing-samples/ce-rows.json'), 'utf8')) as { service: string; usageType: string; recordType: string; unblended: string }[]).map(
      (x) => record({ serviceName: x.service, usageType: x.usageType, chargeCategory: x.recordType, billedCost: new Decimal(x.unblended) }),
    );
    expect(byCategory(ce)).toEqual(byCategory(focus));
  });

  it('a plan whose providers have no row in the bill exits 2 naming what the bill holds', async () => {
    const { code, stderr } = await tollgate(['actuals', 'scenarios/azure-training.yaml', '--month', '2024-09', '--source', sample('billing-samples/focus-1.0/focus_sample.usagetype.aws-only.csv')]);
    expect(code).toBe(2);
    expect(stderr).toBe('tollgate: actuals: the bill has no rows for Microsoft, the providers compared: it holds AWS $20.62 (--provider chooses which are compared)\n');
  });

  it('a month the file has no rows for exits 2 and says what the file covers', async () => {
    const { code, stderr } = await tollgate(['actuals', PLAN, '--month', '2024-10', '--source', csv]);
    expect(code).toBe(2);
    expect(stderr).toContain('no rows for 2024-10: the file covers 2024-09-01..2024-09-30');
  });

  it('--period billing reads the invoice: the Oracle row charged on 2024-09-30 is on October’s', async () => {
    const expected = await csvSums(csv, 'BilledCost', 'ProviderName', `BillingPeriodStart = '2024-10-01 00:00:00'`);
    const billing = await readBillingFile(csv, { start: '2024-10-01', end: '2024-11-01' }, undefined, 'billed', { period: 'billing' });
    expect(billing.records.map((r) => [r.provider, r.chargePeriodStart, r.billedCost.toFixed()])).toEqual([['oracle', '2024-09-30T00:00:00Z', expected.get('Oracle')!.toFixed()]]);
    const september = await readBillingFile(csv, SEP, undefined, 'billed', { period: 'billing' });
    const charged = await readBillingFile(csv, SEP, undefined);
    expect(total(charged.records, () => true).minus(total(september.records, () => true)).toFixed()).toBe(expected.get('Oracle')!.toFixed());
  });
});

describe.skipIf(!SHARED)("Microsoft's EA cost details (the older layout's Cost column)", () => {
  const file = (name: string) => sample(`billing-samples/azure-ea/${name}`);
  it.each(['ms-EA_ActualCost_Small.csv', 'ms-EA_AmortizedCost_Small.csv', 'ms-EA_ActualCost_Small.renamed-CostInBillingCurrency.csv'])('%s is read and sums to its Cost column', async (name) => {
    const cost = name.includes('renamed') ? 'CostInBillingCurrency' : 'Cost';
    const [row] = await sql(`SELECT SUM(CAST("${cost}" AS DECIMAL(38,12)))::VARCHAR AS s FROM read_csv('${file(name)}', all_varchar = true)
      WHERE strptime("Date", '%m/%d/%Y') >= DATE '2023-09-01' AND strptime("Date", '%m/%d/%Y') < DATE '2023-10-01'`);
    const { records, source } = await readBillingFile(file(name), { start: '2023-09-01', end: '2023-10-01' }, undefined);
    expect(source).toContain('Azure cost details');
    expect(total(records, () => true).toFixed()).toBe(new Decimal(row!.s!).toFixed());
    expect(new Set(records.map((r) => r.provider))).toEqual(new Set(['azure']));
  });
});

describe.skipIf(!SHARED)('the legacy CUR (anonymized, 2023-11, E-notation costs)', () => {
  const cur = SHARED ? sample('api-captures/aws-cur/focus_converters-legacy-cur-anonymized-2023-11.csv') : '';
  it('is read: usage and tax are the file’s own sums; a mid-month export with blank invoice ids is estimated and partial', async () => {
    const expected = await csvSums(cur, 'lineItem/UnblendedCost', '"lineItem/LineItemType"');
    const { records, source, coverage } = await readBillingFile(cur, { start: '2023-11-01', end: '2023-12-01' }, undefined);
    expect(source).toContain('CUR (legacy)');
    expect(total(records, (r) => r.chargeCategory === 'Usage').toFixed()).toBe(expected.get('Usage')!.toFixed());
    expect(total(records, (r) => r.chargeCategory === 'Tax').toFixed()).toBe(expected.get('Tax')!.toFixed());
    expect(records.every((r) => r.estimated)).toBe(true);
    expect(coverage).toEqual({ first: '2023-11-01', last: '2023-11-14' });
  });

  it('tollgate actuals says so in the verdict', async () => {
    const { stdout } = await tollgate(['actuals', PLAN, '--month', '2023-11', '--source', cur]);
    expect(stdout.replace(/\s+/g, ' ')).toContain('the provider still marks this month estimated: figures may change; the bill ends 2023-11-14, before the month does: the figures are partial');
  });
});
