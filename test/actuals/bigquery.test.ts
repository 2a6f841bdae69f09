import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OAuth2Client } from 'google-auth-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { billingExportQuery, exportTableFor, invoiceWindow, partitioningOf } from '../../src/actuals/sources/bigquery-sql.js';
import { parseScanSize, scanText } from '../../src/actuals/sources/bigquery-scan.js';
import { readBigQuery, rowsToRecords, type BigQuerySourceOptions } from '../../src/actuals/sources/bigquery.js';
import { SourceError } from '../../src/actuals/source.js';
import { Decimal } from '../../src/model/decimal.js';
import { InputError } from '../../src/model/diagnostics.js';
import { billingExport, FIVE_GIB, jobCalls, startGoogle, type Seen } from './bq-server.js';

function auth() {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: 'local-test-token', expiry_date: Date.now() + 3_600_000 });
  return client;
}

let google: Awaited<ReturnType<typeof startGoogle>> | undefined;
beforeEach(() => {
  // October 2026 is over and past its late-data window (2026-11-15): a settled month.
  vi.stubEnv('TOLLGATE_NOW', '2026-11-20T09:00:00Z');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await google?.close();
  google = undefined;
});

const OCT = { start: '2026-10-01', end: '2026-11-01' };
const OCTOBER = { month: '2026-10', elapsedDays: 31, days: 31 };
const TABLE = 'billing-admin.billing.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9';
const GIB = 2 ** 30;

function read(o: Partial<BigQuerySourceOptions> = {}) {
  return readBigQuery({
    range: OCT,
    period: OCTOBER,
    selector: { billing_export: TABLE, labels: { team: 'recsys' } },
    refresh: false,
    clientOptions: { apiEndpoint: `http://127.0.0.1:${google!.port}`, authClient: auth() },
    cacheRoot: mkdtempSync(join(tmpdir(), 'tollgate-bq-')),
    ...o,
  });
}

const params = (s: Seen) => Object.fromEntries((s.body.queryParameters as { name: string; parameterValue: { value: string } }[]).map((p) => [p.name, p.parameterValue.value]));

describe('BigQuery billing export: the real client against a local REST server', () => {
  it('reads the table metadata, dry-runs, then queries the invoice month with a partition filter and a byte cap', async () => {
    google = await startGoogle(billingExport({ timePartitioning: { type: 'DAY' } }));
    const scans: string[] = [];
    const jobs: number[] = [];
    const r = await read({ onScan: (b) => scans.push(b.toFixed()), onRequest: (n) => jobs.push(n) });
    const [meta, dry, query, page2] = google.seen;
    expect([meta!.method, meta!.path.split('?')[0]]).toEqual(['GET', `/projects/billing-admin/datasets/billing/tables/${TABLE.split('.')[2]}`]);
    expect(query!.authorization).toBe('Bearer local-test-token');

    expect(dry!.body.configuration).toMatchObject({ dryRun: true });
    const sql = String((dry!.body.configuration as { query: { query: string } }).query.query);
    expect(sql).toContain('invoice.month = @invoice_month');
    expect(sql).toContain('_PARTITIONTIME >= TIMESTAMP(@scan_start)');
    expect(sql).toContain('_PARTITIONTIME < TIMESTAMP(@scan_end)');
    expect(sql).toContain(`FROM \`${TABLE}\``);
    expect(sql).not.toContain('usage_start_time >=');

    // The query is the dry-run one, with the cap: 100 GiB by default = 100 × 2^30 bytes.
    expect(query!.body.query).toBe(sql);
    expect(query!.body.maximumBytesBilled).toBe(String(100 * GIB));
    // October's invoice and its partitions: Oct 1 up to 14 days after the month (Nov 15).
    expect(params(query!)).toMatchObject({ invoice_month: '202610', scan_start: '2026-10-01', scan_end: '2026-11-15', label_key_0: 'team', label_value_0: 'recsys' });
    expect(params(query!)).not.toHaveProperty('through');
    expect(page2!.method).toBe('GET');

    expect(scans).toEqual([FIVE_GIB]);
    expect(jobs).toEqual([1, 2]);
    // 5 GiB at $6.25/TiB: 5/1024 × 6.25 = 0.030517578125.
    expect(r.requests).toMatchObject({ count: 2, cached: false, what: 'BigQuery jobs' });
    expect(r.requests!.cost.toFixed()).toBe('0.030517578125');
    expect(r.requests!.scannedBytes!.toFixed()).toBe(FIVE_GIB);
    expect(r.source).toBe(`Google Cloud billing export ${TABLE}, invoice month 2026-10`);
    expect(r.records.map((x) => [x.chargeCategory, x.usageType, x.billedCost.toFixed()])).toEqual([
      ['Usage', 'Nvidia L4 GPU running in Americas', '80.64576'],
      ['Credit', 'Nvidia L4 GPU running in Americas', '-10.5'],
      ['Usage', 'G2 Instance Core running in Americas', '28.78670592'],
      ['Usage', 'Network Internet Data Transfer Out from Americas to Americas', '9.123456789'],
    ]);
    expect(r.records[0]).toMatchObject({ provider: 'gcp', regionId: 'us-central1', chargePeriodStart: '2026-10-01T00:00:00Z', chargePeriodEnd: '2026-10-02T00:00:00Z' });
  });

  it('adds no partition filter when tables.get says the table is not partitioned', async () => {
    google = await startGoogle(billingExport({}));
    await read();
    const [dry, query] = jobCalls(google.seen);
    for (const s of [dry!, query!]) {
      const sql = String(s.body.query ?? (s.body.configuration as { query: { query: string } }).query.query);
      expect(sql).toContain('invoice.month = @invoice_month');
      expect(sql).not.toContain('_PARTITIONTIME');
      expect(sql).not.toContain('@scan_start');
    }
    expect(params(query!)).not.toHaveProperty('scan_start');
  });

  it('filters a column-partitioned copy on its column, typed as the schema says', async () => {
    google = await startGoogle(billingExport({ timePartitioning: { type: 'DAY', field: 'usage_start_time' } }));
    await read();
    expect(String(jobCalls(google.seen)[1]!.body.query)).toContain('`usage_start_time` >= TIMESTAMP(@scan_start)');
  });

  it('sends --max-scan as maximumBytesBilled', async () => {
    google = await startGoogle(billingExport());
    await read({ maxScan: parseScanSize('50GB') });
    expect(jobCalls(google.seen)[1]!.body.maximumBytesBilled).toBe('50000000000');
  });

  it('refuses to run a query whose dry run is past the cap, saying what it would scan (exit 2)', async () => {
    google = await startGoogle(billingExport({ bytes: String(200 * GIB) }));
    const e = await read().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    // 200 GiB at $6.25/TiB = 200/1024 × 6.25 = $1.220703125 → $1.22.
    expect((e as Error).message).toBe(
      `--max-scan: error: BigQuery would scan 200.00 GiB (≈ $1.22 at the on-demand rate of $6.25/TiB) of ${TABLE}, more than --max-scan allows (100.00 GiB); the query was not run\n` +
        '  hint: if this is the right table, raise the cap: --max-scan 200GiB',
    );
    // The dry run only: the query that would have been billed never went out.
    expect(jobCalls(google.seen).map((s) => s.path.split('?')[0])).toEqual(['/projects/billing-admin/jobs']);
  });

  it('turns BigQuery refusing to bill past maximumBytesBilled into the same cap error', async () => {
    const exportReplies = billingExport({ bytes: String(GIB) });
    google = await startGoogle((s) =>
      s.path.startsWith('/projects/billing-admin/queries')
        ? { status: 400, body: { error: { code: 400, message: 'Query exceeded limit for bytes billed: 1073741824. 2147483648 or higher required.', errors: [{ reason: 'bytesBilledLimitExceeded', message: 'Query exceeded limit for bytes billed' }] } } }
        : exportReplies(s),
    );
    const e = await read({ maxScan: parseScanSize('1GiB') }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    // What BigQuery said it needs: 2147483648 bytes = 2 GiB, at $6.25/TiB = $0.012 → $0.01.
    expect((e as Error).message).toMatch(/^--max-scan: error: BigQuery would scan 2\.00 GiB \(≈ \$0\.01 .*more than --max-scan allows \(1\.00 GiB\)/);
  });

  it('caches a settled month: the second run sends no request at all; --refresh fetches again', async () => {
    const cacheRoot = mkdtempSync(join(tmpdir(), 'tollgate-bq-'));
    google = await startGoogle(billingExport());
    const first = await read({ cacheRoot });
    const files = readdirSync(join(cacheRoot, 'bigquery')).map((f) => join(cacheRoot, 'bigquery', f));
    expect(files).toHaveLength(1);
    expect(statSync(files[0]!).mode & 0o777).toBe(0o600);
    await google.close();

    google = await startGoogle(billingExport());
    const second = await read({ cacheRoot });
    expect(google.seen).toEqual([]);
    expect(second.requests).toMatchObject({ count: 0, cached: true, what: 'BigQuery jobs' });
    expect(second.source).toBe(first.source);
    expect(second.records.map((r) => r.billedCost.toFixed())).toEqual(first.records.map((r) => r.billedCost.toFixed()));

    const refreshed = await read({ cacheRoot, refresh: true });
    expect(jobCalls(google.seen)).toHaveLength(2);
    expect(refreshed.requests).toMatchObject({ count: 2, cached: false });
  });

  it('does not cache a month Google may still add late usage to, and says so', async () => {
    vi.stubEnv('TOLLGATE_NOW', '2026-11-05T09:00:00Z');
    const cacheRoot = mkdtempSync(join(tmpdir(), 'tollgate-bq-'));
    google = await startGoogle(billingExport());
    const r = await read({ cacheRoot });
    expect(r.notes).toEqual(['Google can still export late usage and credits for the 2026-10 invoice until 2026-11-15: not cached yet']);
    expect(readdirSync(cacheRoot)).toEqual([]);
  });

  it('keeps a month not over yet to its complete days', async () => {
    google = await startGoogle(billingExport());
    await read({ range: { start: '2026-10-01', end: '2026-10-16' }, period: { month: '2026-10', elapsedDays: 15, days: 31 } });
    const query = jobCalls(google.seen)[1]!;
    expect(String(query.body.query)).toContain("DATE(usage_start_time, 'America/Los_Angeles') < DATE(@through)");
    expect(params(query)).toMatchObject({ invoice_month: '202610', through: '2026-10-16' });
  });

  it('finds the export table from the project’s billing account (Cloud Billing API, REST fallback)', async () => {
    google = await startGoogle(billingExport());
    const r = await read({
      selector: { billing_export: 'billing-admin.billing', projects: ['recsys-serving-prod'] },
      // google-gax ships its own copy of google-auth-library: the client works, only the nominal types differ.
      billingClientOptions: { fallback: true, apiEndpoint: '127.0.0.1', port: google.port, protocol: 'http', authClient: auth() as never },
    });
    expect(google.seen[0]!.path).toMatch(/^\/v1\/projects\/recsys-serving-prod\/billingInfo/);
    expect(google.seen[1]!.path).toMatch(/\/tables\/gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9/);
    expect(r.source).toContain(TABLE);
  });

  it('turns an API error into a clear source error', async () => {
    google = await startGoogle(() => ({ status: 403, body: { error: { code: 403, message: 'Access Denied: Table billing-admin:billing.x: User does not have permission', errors: [{ reason: 'accessDenied', message: 'Access Denied' }] } } }));
    const e = await read({ selector: { billing_export: 'billing-admin.billing.x' } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SourceError);
    expect((e as Error).message).toMatch(/Access Denied/);
  });

  it('needs actuals.gcp.billing_export', async () => {
    await expect(readBigQuery({ range: OCT, period: OCTOBER, selector: undefined, refresh: false })).rejects.toThrow(/actuals\.gcp\.billing_export/);
  });
});

describe('billing export SQL and rows', () => {
  it('filters by projects and labels through parameters only', () => {
    const { query, params } = billingExportQuery('p-roj1.ds.t', { projects: ["x'; DROP TABLE t; --"], labels: { team: 'recsys' } }, { month: '2026-10' });
    expect(query).not.toContain('DROP');
    expect(query).toContain('project.id IN UNNEST(@projects)');
    expect(params).toEqual({ invoice_month: '202610', projects: ["x'; DROP TABLE t; --"], label_key_0: 'team', label_value_0: 'recsys' });
  });

  it('groups by the Pacific usage day, the invoice month’s calendar', () => {
    expect(billingExportQuery('p-roj1.ds.t', undefined, { month: '2026-10' }).query).toContain("FORMAT_DATE('%F', DATE(usage_start_time, 'America/Los_Angeles')) AS day");
  });

  it('scans the invoice month’s partitions and 14 days past it, across a year end', () => {
    expect(invoiceWindow('2026-12')).toEqual({ invoiceMonth: '202612', scanStart: '2026-12-01', scanEnd: '2027-01-15' });
  });

  it('reads the partitioning from tables.get metadata', () => {
    expect(partitioningOf({})).toBeUndefined();
    expect(partitioningOf({ timePartitioning: { type: 'DAY' } })).toEqual({ column: '_PARTITIONTIME', type: 'TIMESTAMP' });
    expect(partitioningOf({ timePartitioning: { type: 'MONTH', field: 'day' }, schema: { fields: [{ name: 'day', type: 'DATE' }] } })).toEqual({ column: '`day`', type: 'DATE' });
    // A column of a type a date range cannot filter: no filter rather than a failing query.
    expect(partitioningOf({ timePartitioning: { type: 'DAY', field: 'n' }, schema: { fields: [{ name: 'n', type: 'INTEGER' }] } })).toBeUndefined();
  });

  it('refuses a table name that is not project.dataset.table', () => {
    expect(() => billingExportQuery('p-roj1.ds.t`; DROP', undefined, { month: '2026-10' })).toThrow(SourceError);
  });

  it('names the export table after the billing account', () => {
    expect(exportTableFor('billingAccounts/01A2B3-C4D5E6-F7A8B9')).toBe('gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9');
  });

  it('refuses unreadable sums rather than guess', () => {
    expect(() => rowsToRecords([{ day: '2026-10-01', service: 's', sku: 'k', sku_id: '', region: '', unit: '', currency: 'USD', cost_type: 'regular', cost: '1.2e3x', quantity: null, credits: '0' }])).toThrow(/unreadable cost/);
  });
});

describe('--max-scan sizes', () => {
  it.each([
    ['50GB', '50000000000'],
    ['100GiB', String(100 * GIB)],
    ['1.5TiB', String(1.5 * 2 ** 40)],
    ['2048', '2048'],
    ['10 mib', String(10 * 2 ** 20)],
  ])('%s → %s bytes', (text, bytes) => {
    expect(parseScanSize(text).toFixed()).toBe(bytes);
  });

  it.each(['50 gigs', '-1GB', '0', ''])('refuses %j', (text) => {
    expect(() => parseScanSize(text)).toThrow(/--max-scan/);
  });

  it('prices a scan at the on-demand rate: 1 TiB = $6.25', () => {
    expect(scanText(new Decimal(2).pow(40))).toBe('1024.00 GiB (≈ $6.25 at the on-demand rate of $6.25/TiB)');
  });
});
