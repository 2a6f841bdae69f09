import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OAuth2Client } from 'google-auth-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commitmentCharge } from '../../src/actuals/commitment-charges.js';
import { reconcile, type Reconciliation } from '../../src/actuals/reconcile.js';
import { billingExportQuery } from '../../src/actuals/sources/bigquery-sql.js';
import { readBigQuery, rowsToRecords, type BigQueryRow } from '../../src/actuals/sources/bigquery.js';
import { readBillingFile } from '../../src/actuals/sources/focus-file.js';
import { Decimal } from '../../src/model/decimal.js';
import type { BillingRecord } from '../../src/model/billing-record.js';
import type { Estimate } from '../../src/model/estimate.js';
import { parseScenario, providersOf, type LoadedScenario } from '../../src/model/load-scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { priceLoaded } from '../../src/projection.js';
import { REPO, line } from '../helpers.js';
import { startGoogle, type Reply, type Seen } from './bq-server.js';

process.env.TOLLGATE_PRICING_MAX_AGE_DAYS = '3650';

const OCTOBER = { month: '2026-10', elapsedDays: 31, days: 31 };
const TABLE = 'billing-admin.billing.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9';
const CORE = 'A3 Instance Core running in Americas';
const FEE = 'Commitment v1: A3 Cpu in Americas for 1 Year';

function plan(body: string): { loaded: LoadedScenario; estimate: Estimate } {
  const loaded = parseScenario(`name: t\n${body}`, join(REPO, 'scenarios', 'inline.yaml'));
  return { loaded, estimate: priceLoaded(loaded, loadPricingBook(providersOf(loaded.scenario), loaded.overrides)) };
}
const scenarioFile = (name: string) => plan(readFileSync(join(REPO, 'scenarios', name), 'utf8').replace(/^name: .*\n/m, ''));
const check = (p: ReturnType<typeof plan>, records: BillingRecord[]): Reconciliation =>
  reconcile(p.estimate, p.loaded.scenario, records, { threshold: new Decimal('0.1'), period: OCTOBER });
const lineOf = (r: Reconciliation, name: string) => r.lines.find((l) => l.line.name === name)!;
const kinds = (r: Reconciliation) => r.adjustments.map((a) => [a.kind, a.cost.toFixed()]);

/** One aggregated export row of October 1st, in us-central1. */
function row(sku: string, cost: Decimal.Value, over: Partial<BigQueryRow> = {}): BigQueryRow {
  return { day: '2026-10-01', service: 'Compute Engine', sku, sku_id: '', region: 'us-central1', unit: 'hour', currency: 'USD', cost_type: 'regular', cost: new Decimal(cost).toFixed(), quantity: null, credits: '0', ...over };
}

describe('the billing export query sums a CUD’s credits apart', () => {
  const { query } = billingExportQuery(TABLE, undefined, { month: '2026-10' });
  it('three credit columns: every other type, resource-based CUD, spend-based CUD (types named in the SQL, not from input)', () => {
    expect(query).toContain("WHERE c.type IS NULL OR c.type NOT IN ('COMMITTED_USAGE_DISCOUNT', 'COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE', 'FEE_UTILIZATION_OFFSET')), 0)) AS STRING) AS credits,");
    expect(query).toContain("WHERE c.type = 'COMMITTED_USAGE_DISCOUNT'), 0)) AS STRING) AS cud_credits,");
    expect(query).toContain("WHERE c.type IN ('COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE', 'FEE_UTILIZATION_OFFSET')), 0)) AS STRING) AS spend_cud_credits");
  });
});

describe('rowsToRecords: a CUD’s credit is the CUD’s, the covered usage split off at on demand', () => {
  it('a row with a resource-based CUD credit: uncovered usage, covered usage and the credit, adding up to the row', () => {
    const records = rowsToRecords([row(CORE, '1000', { quantity: '100', cud_credits: '-600', credits: '-5' })]);
    expect(records.map((r) => [r.chargeCategory, r.billedCost.toFixed(), r.consumedQuantity.toFixed(), commitmentCharge(r)?.role ?? ''])).toEqual([
      ['Usage', '400', '40', ''],
      ['Usage', '600', '60', 'covered'],
      ['Credit', '-5', '0', ''],
      ['Credit', '-600', '0', 'negation'],
    ]);
    expect(records.every((r) => r.usageType === CORE)).toBe(true);
  });

  it('spend-based CUD credits are the CUD’s too, without a split (they are a discount, not the usage’s cost)', () => {
    const records = rowsToRecords([row(CORE, '1000', { quantity: '100', spend_cud_credits: '-250' })]);
    expect(records.map((r) => [r.chargeCategory, r.billedCost.toFixed(), commitmentCharge(r) ?? null])).toEqual([
      ['Usage', '1000', null],
      ['Credit', '-250', { type: 'cud', role: 'negation' }],
    ]);
  });

  it('an answer cached before the CUD columns (none given) reads as before', () => {
    const records = rowsToRecords([row(CORE, '10', { credits: '-1' })]);
    expect(records.map((r) => [r.chargeCategory, r.billedCost.toFixed(), commitmentCharge(r) ?? null])).toEqual([
      ['Usage', '10', null],
      ['Credit', '-1', null],
    ]);
  });
});

describe('a month of CUD on the plan lines (billed basis: Google’s export has no amortized cost)', () => {
  it('a commitments: CUD for 2 of 4 a3-highgpu-8g: the node line meets the uncovered usage, the CUD line its fee, other credits stay credits', () => {
    const p = plan('nodes:\n  - {name: trainers, provider: gcp, region: us-central1, instance: a3-highgpu-8g, count: 4}\ncommitments:\n  - {name: cud-a3, provider: gcp, kind: cud, term: 1y, units: 2, scope: {instance: a3-highgpu-8g, region: us-central1}}\n');
    const node = line(p.estimate, 'trainers', 'node');
    const cud = line(p.estimate, 'cud-a3', 'commitment');
    const covered = node.cost; // 2 instances all month at on demand: what the uncovered two cost too
    const records = rowsToRecords([
      row(CORE, covered.times(2), { quantity: '2920', cud_credits: covered.neg().toFixed(), credits: '-5' }),
      row(FEE, cud.cost, { quantity: '1460' }),
    ]);
    const r = check(p, records);
    expect(lineOf(r, 'trainers').actual.toFixed()).toBe(node.cost.toFixed());
    expect(lineOf(r, 'trainers').usage?.quantity.toFixed()).toBe('1460');
    expect(lineOf(r, 'cud-a3').actual.toFixed()).toBe(cud.cost.toFixed());
    expect(lineOf(r, 'cud-a3').matched).toEqual([CORE, FEE]);
    expect(kinds(r)).toEqual([['credit', '-5']]);
    expect(r.unplanned).toEqual([]);
  });

  it('a group bought committed-use (scenarios/h100-training-committed.yaml): usage, CUD credit and fee all meet it', () => {
    const p = scenarioFile('h100-training-committed.yaml');
    const node = line(p.estimate, 'trainers', 'node');
    const onDemand = line(scenarioFile('h100-training-on-demand.yaml').estimate, 'trainers', 'node').cost;
    const bill = rowsToRecords([row(CORE, onDemand, { quantity: '2400', cud_credits: onDemand.neg().toFixed() }), row(FEE, node.cost)]);
    const r = check(p, bill);
    expect(lineOf(r, 'trainers').actual.toFixed()).toBe(node.cost.toFixed());
    expect(r.adjustments).toEqual([]);
    expect(r.unplanned).toEqual([]);
    // The same bill against the on-demand plan: the fee is a purchase and the CUD credit a discount, never a generic credit.
    const apart = check(scenarioFile('h100-training-on-demand.yaml'), bill);
    expect(kinds(apart)).toEqual([
      ['discount', onDemand.neg().toFixed()],
      ['purchase', node.cost.toFixed()],
    ]);
    expect(apart.unplanned).toEqual([]);
  });
});

describe('BigQuery source against a local REST server: the CUD columns come back and are read', () => {
  let google: Awaited<ReturnType<typeof startGoogle>> | undefined;
  afterEach(async () => {
    vi.unstubAllEnvs();
    await google?.close();
  });

  it('the query asks for cud_credits; the answer’s CUD credit is a record of the CUD', async () => {
    vi.stubEnv('TOLLGATE_NOW', '2026-11-20T09:00:00Z');
    const fields = ['day', 'service', 'sku', 'sku_id', 'region', 'unit', 'currency', 'cost_type', 'cost', 'quantity', 'credits', 'cud_credits', 'spend_cud_credits'];
    const schema = { fields: fields.map((name) => ({ name, type: 'STRING', mode: 'NULLABLE' })) };
    const rows = [['2026-10-01', 'Compute Engine', CORE, 'A3C0', 'us-central1', 'hour', 'USD', 'regular', '1000', '100', '-5', '-600', '0']].map((v) => ({ f: v.map((x) => ({ v: x })) }));
    google = await startGoogle((s: Seen): Reply => {
      const job = { projectId: 'billing-admin', jobId: 'job-1', location: 'US' };
      if (s.method === 'GET' && s.path.includes('/tables/')) return { body: { kind: 'bigquery#table', schema: { fields: [] } } };
      if (s.method === 'POST' && s.path.startsWith('/projects/billing-admin/jobs')) {
        return { body: { kind: 'bigquery#job', jobReference: s.body.jobReference, status: { state: 'DONE' }, statistics: { totalBytesProcessed: '1000', query: { totalBytesProcessed: '1000' } } } };
      }
      if (s.method === 'POST' && s.path.startsWith('/projects/billing-admin/queries')) return { body: { kind: 'bigquery#queryResponse', jobComplete: true, jobReference: job, schema, rows, totalRows: '1' } };
      return { status: 404, body: { error: { code: 404, message: `unexpected ${s.method} ${s.path}` } } };
    });
    const auth = new OAuth2Client();
    auth.setCredentials({ access_token: 'local-test-token', expiry_date: Date.now() + 3_600_000 });
    const r = await readBigQuery({
      range: { start: '2026-10-01', end: '2026-11-01' },
      period: OCTOBER,
      selector: { billing_export: TABLE },
      refresh: false,
      clientOptions: { apiEndpoint: `http://127.0.0.1:${google.port}`, authClient: auth },
      cacheRoot: mkdtempSync(join(tmpdir(), 'tollgate-bq-cud-')),
    });
    const sent = google.seen.find((s) => s.path.startsWith('/projects/billing-admin/queries'))!;
    expect(String(sent.body.query)).toContain('AS cud_credits');
    expect(r.records.map((x) => [x.chargeCategory, x.billedCost.toFixed(), commitmentCharge(x)?.role ?? ''])).toEqual([
      ['Usage', '400', ''],
      ['Usage', '600', 'covered'],
      ['Credit', '-5', ''],
      ['Credit', '-600', 'negation'],
    ]);
  });
});

describe('Google billing files: a CUD’s credit and covered usage are told apart from the other credits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-gcp-cud-files-'));
  const OCT = { start: '2026-10-01', end: '2026-11-01' };
  const committed = scenarioFile('h100-training-committed.yaml');
  const fee = line(committed.estimate, 'trainers', 'node').cost;

  it('the cost table CSV: the "Committed use discount" credit meets the committed group with its fee; a promotion stays a credit', async () => {
    const onDemand = line(scenarioFile('h100-training-on-demand.yaml').estimate, 'trainers', 'node').cost;
    const head = 'Billing account name,Project ID,Service description,SKU description,Credit type,Cost type,Usage start date,Usage end date,Usage amount,Usage unit,Unrounded Cost ($)';
    const body = [
      `Main,p,Compute Engine,${CORE},,regular,2026-10-01,2026-10-31,2400,hour,${onDemand.toFixed()}`,
      `Main,p,Compute Engine,${CORE},Committed use discount,regular,2026-10-01,2026-10-31,0,hour,${onDemand.neg().toFixed()}`,
      `Main,p,Compute Engine,${CORE},Promotion,regular,2026-10-01,2026-10-31,0,hour,-7.5`,
      `Main,p,Compute Engine,${FEE},,regular,2026-10-01,2026-10-31,2920,hour,${fee.toFixed()}`,
    ];
    const file = join(dir, 'cost-table.csv');
    writeFileSync(file, [head, ...body, ''].join('\n'));
    const { records } = await readBillingFile(file, OCT, undefined);
    const r = check(committed, records);
    expect(lineOf(r, 'trainers').actual.toFixed()).toBe(fee.toFixed());
    expect(kinds(r)).toEqual([['credit', '-7.5']]);
    expect(r.unplanned).toEqual([]);
  });

  it('a Google FOCUS export naming only CommitmentDiscountCategory: the covered row and the fee meet the plan’s CUD', async () => {
    const p = plan('nodes:\n  - {name: trainers, provider: gcp, region: us-central1, instance: a3-highgpu-8g, count: 4}\ncommitments:\n  - {name: cud-a3, provider: gcp, kind: cud, term: 1y, units: 2, scope: {instance: a3-highgpu-8g, region: us-central1}}\n');
    const node = line(p.estimate, 'trainers', 'node');
    const cud = line(p.estimate, 'cud-a3', 'commitment');
    const head = 'ProviderName,ServiceName,ServiceCategory,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingCurrency,BilledCost,EffectiveCost,ConsumedQuantity,ConsumedUnit,RegionId,ChargeDescription,CommitmentDiscountCategory';
    const row = (cost: Decimal, qty: string, sku: string, category: string) => `Google Cloud,Compute Engine,Compute,Usage,2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,USD,${cost.toFixed()},${cost.toFixed()},${qty},hour,us-central1,${sku},${category}`;
    const file = join(dir, 'gcp.focus.csv');
    // Google's view nets the CUD credit into the covered row: billed $0.
    writeFileSync(file, [head, row(node.cost, '1460', CORE, ''), row(new Decimal(0), '1460', CORE, 'Usage'), row(cud.cost, '1460', FEE, ''), ''].join('\n'));
    const { records } = await readBillingFile(file, OCT, undefined);
    const r = check(p, records);
    expect(lineOf(r, 'trainers').actual.toFixed()).toBe(node.cost.toFixed());
    expect(lineOf(r, 'trainers').usage?.quantity.toFixed()).toBe('1460');
    expect(lineOf(r, 'cud-a3').actual.toFixed()).toBe(cud.cost.toFixed());
    expect(r.adjustments).toEqual([]);
    expect(r.unplanned).toEqual([]);
  });
});
