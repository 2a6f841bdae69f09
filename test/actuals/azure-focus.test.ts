import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/actuals/reconcile.js';
import { readBillingFile } from '../../src/actuals/sources/focus-file.js';
import { projectFile } from '../../src/projection.js';
import { Decimal } from '../../src/model/decimal.js';
import { InputError } from '../../src/model/diagnostics.js';
import { tollgate } from '../cli-run.js';
import { REPO } from '../helpers.js';

/**
 * scenarios/actuals/azure-training-2026-10.focus.csv: a hand-written, trimmed Cost Management
 * export (FOCUS 1.0 "Cost and usage details"), one row per resource per day as Microsoft writes
 * them. Columns and their values follow Microsoft's FOCUS metadata (finops-toolkit
 * src/open-data/dataset-metadata/FocusCost_1.0.json, 1.2-preview): ProviderName "Microsoft",
 * RegionId "eastus" beside RegionName "East US", x_SkuMeterCategory/Subcategory/Name as the Retail
 * Prices API's meterCategory/meterSubCategory/meterName, x_SkuDetails as the old AdditionalInfo
 * JSON ({"ImageType", "ServiceType": "<VM size>", "VMName", "UsageType": "ComputeHR"}, per
 * learn.microsoft.com's usage-details field reference), ConsumedUnit as the meter's unit of
 * measure ("1 Hour", "1 GB", "1 GB/Month"). Costs are the pricing table's rates times the
 * quantities. The rows the scenario does not plan (no rate in the table) use figures quoted
 * elsewhere: the NAT gateway's $0.045/h and $0.045/GB as public cost tables give Azure's list
 * price, the blob's $0.0184/GB-month as the first Hot LRS tier found for eastus2 (copies for
 * eastus disagree, which is why pricing/azure.yaml leaves it out). Two rows belong to another
 * subscription (SubAccountId "/subscriptions/<GUID>", Microsoft's spelling), which the scenario's
 * `actuals.azure.subscriptions` leaves out.
 */
const FIXTURE = join(REPO, 'scenarios/actuals/azure-training-2026-10.focus.csv');
/**
 * The same month in the older layout, "Cost and usage details (actual cost)" as a Microsoft
 * Customer Agreement export writes it: camelCase columns (the Cost Details API's 2025-03-01
 * header, trimmed), a byte-order mark, dates MM/DD/YYYY, resourceLocation "EastUS", meterRegion
 * "US East" (bandwidth "Zone 1"), additionalInfo as above, tags as "key": "value" pairs.
 */
const DETAILS = join(REPO, 'test/fixtures/actuals/azure-training-2026-10.cost-details.csv');
const SCENARIO = 'scenarios/azure-training.yaml';
const OCT = { start: '2026-10-01', end: '2026-11-01' };

describe('an Azure FOCUS export, read by DuckDB and matched to an Azure plan', async () => {
  const { loaded, estimate } = projectFile(join(REPO, SCENARIO));
  const { records, source } = await readBillingFile(FIXTURE, OCT, loaded.scenario.actuals);
  const against = (rs: typeof records) =>
    reconcile(estimate, loaded.scenario, rs, { threshold: new Decimal('0.1'), period: { month: '2026-10', elapsedDays: 31, days: 31 } });
  const r = against(records);
  const line = (name: string) => r.lines.find((l) => l.line.name === name)!;
  const figures = (name: string) => {
    const l = line(name);
    return [l.projected.toFixed(), l.actual.toFixed(), l.difference.toFixed(), l.flag];
  };

  it('carries the meter name as the usage type and the size from x_SkuDetails', () => {
    expect(source).toBe(`${FIXTURE} (FOCUS)`);
    const h100 = records.filter((x) => x.usageType === 'ND96isr H100 v5');
    expect(h100.map((x) => x.chargePeriodStart).sort()).toEqual(['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08'].map((d) => `${d}T00:00:00Z`));
    expect(h100[0]).toMatchObject({ provider: 'azure', regionId: 'eastus', meter: { category: 'Virtual Machines', subcategory: 'NDsrH100v5 Series', vmSize: 'Standard_ND96isr_H100_v5' } });
    expect(records.find((x) => x.usageType === 'Standard Data Transfer Out')?.meter).toEqual({ category: 'Bandwidth', subcategory: '', vmSize: '' });
  });

  it('reads the size from a Parquet export, where x_SkuDetails is typed JSON', async () => {
    const parquet = join(mkdtempSync(join(tmpdir(), 'tollgate-azure-')), 'focus.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    await c.run(`COPY (SELECT * REPLACE (CAST(x_SkuDetails AS JSON) AS x_SkuDetails) FROM read_csv('${FIXTURE}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    c.closeSync();
    instance.closeSync();
    const fromParquet = (await readBillingFile(parquet, OCT, undefined)).records;
    expect(new Set(fromParquet.flatMap((x) => (x.meter?.vmSize ? [x.meter.vmSize] : [])))).toEqual(new Set(['Standard_ND96isr_H100_v5', 'Standard_NC24ads_A100_v4']));
  });

  it('puts each VM size on its node group', () => {
    // planned 2 × 72 h × 98.32; billed 6 days-of-a-VM × 24 h + 6 h = 150 h × 98.32
    expect(figures('h100-trainers')).toEqual(['14158.08', '14748', '589.92', undefined]);
    expect(line('h100-trainers').matched).toEqual(['ND96isr H100 v5']);
    // planned and billed 4 × 24 h × 3.673
    expect(figures('a100-eval')).toEqual(['352.608', '352.608', '0', undefined]);
  });

  it('puts internet egress, inter-region transfer and ingress on their transfer lines', () => {
    // planned (2,000 − 100 free) × 0.087; billed (1,500 − 100 free) + 900 GB = 2,300 × 0.087
    expect(figures('model-release')).toEqual(['165.3', '200.1', '34.8', 'over']);
    expect(line('model-release').matched).toEqual(['Standard Data Transfer Out']);
    // planned 5,000 GB × 0.02; billed 2,500 + 2,300 GB × 0.02
    expect(figures('checkpoints-to-dr')).toEqual(['100', '96', '-4', undefined]);
    expect(line('checkpoints-to-dr').matched).toEqual(['Intra Continent Data Transfer Out']);
    expect(line('dataset-download').matched).toEqual(['Standard Data Transfer In']);
    expect(r.unused).toEqual([]);
  });

  it('leaves the unplanned NAT gateway and blob storage as unplanned spend', () => {
    expect(r.unplanned.map((u) => [u.category, u.region, u.usageType, u.cost.toFixed()])).toEqual([
      ['storage', 'eastus', 'Hot LRS Data Stored', '18.4'],
      ['network', 'eastus', 'Standard Data Processed', '18'],
      ['network', 'eastus', 'Standard Gateway', '1.08'],
    ]);
  });

  it('totals: +4.5% overall, egress +11.6% fails the 10% check', () => {
    // 14,158.08 + 352.608 + 165.3 + 100 projected; 14,748 + 352.608 + 200.1 + 96 + 18.4 + 18 + 1.08 billed
    expect([r.total.projected.toFixed(), r.total.actual.toFixed(), r.total.difference.toFixed()]).toEqual(['14775.988', '15434.188', '658.2']);
    const egress = r.categories.find((c) => c.category === 'egress')!;
    expect([egress.projected.toFixed(), egress.actual.toFixed(), egress.flag]).toEqual(['265.3', '296.1', 'over']);
    expect(r.over).toBe(true);
  });

  it("without the scenario's subscription, another team's H100 day and downloads land on the plan's lines", async () => {
    const everything = against((await readBillingFile(FIXTURE, OCT, undefined)).records);
    const on = (name: string) => everything.lines.find((l) => l.line.name === name)!.actual.toFixed();
    // + 24 h × 98.32 and + 500 GB × 0.087 from /subscriptions/1111…
    expect([on('h100-trainers'), on('model-release')]).toEqual(['17107.68', '243.6']);
    const byGuid = await readBillingFile(FIXTURE, OCT, { azure: { subscriptions: ['11111111-1111-1111-1111-111111111111'] } });
    expect(byGuid.records.map((x) => x.billedCost.toFixed()).sort()).toEqual(['2359.68', '43.5']);
  });

  it('selects by tag in a FOCUS export and in the cost details ("key": "value" pairs without braces) alike', async () => {
    const byTag = await readBillingFile(FIXTURE, OCT, { azure: { tags: { team: 'research' } } });
    expect(byTag.records.map((x) => x.billedCost.toFixed()).sort()).toEqual(['2359.68', '43.5']);
    const details = await readBillingFile(DETAILS, OCT, { azure: { tags: { team: 'research' } } });
    expect(details.notes).toEqual([]);
    expect(details.records.map((x) => x.billedCost.toFixed()).sort()).toEqual(['2359.68', '43.5']);
  });

  it('reads the older cost-details layout of the same month to the same figures, day by day', async () => {
    const details = await readBillingFile(DETAILS, OCT, loaded.scenario.actuals);
    expect(details.source).toBe(`${DETAILS} (Azure cost details)`);
    const older = against(details.records);
    const shown = (x: typeof r) => ({
      lines: x.lines.map((l) => [l.line.name, l.actual.toFixed(), l.matched]),
      unplanned: x.unplanned.map((u) => [u.category, u.region, u.usageType, u.cost.toFixed()]),
      daily: x.daily.map((d) => [d.day, d.cost.toFixed()]),
    });
    expect(shown(older)).toEqual(shown(r));
    expect(older.total.actual.toFixed()).toBe('15434.188');
  });

  it('refuses --cost effective on cost details: an amortized export has the same columns', async () => {
    await expect(readBillingFile(DETAILS, OCT, undefined, 'effective')).rejects.toThrow(InputError);
  });

  it('tollgate actuals on the export exits 4 and names the over-run', async () => {
    const { code, stdout, stderr } = await tollgate(['actuals', SCENARIO, '--month', '2026-10', '--source', 'scenarios/actuals/azure-training-2026-10.focus.csv']);
    expect(stderr).toBe('');
    expect(code).toBe(4);
    expect(stdout).toMatch(/model-release +\$165\.30 +\$200\.10 +\+\$34\.80 +\+21\.1% ▲/);
    expect(stdout).toContain('OVER: egress +11.6% past the 10% threshold (exit 4)');
  });
});
