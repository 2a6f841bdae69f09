import type { BigQueryOptions } from '@google-cloud/bigquery';
import type { CloudBillingClient as BillingClient } from '@google-cloud/billing';
import type { ActualsSelector } from '../../model/actuals-selector.js';
import { Decimal } from '../../model/decimal.js';
import { InputError } from '../../model/diagnostics.js';
import { cacheKey, keepAnswer, readCache } from '../cache.js';
import { clockNow } from '../../clock.js';
import type { BillingRecord } from '../../model/billing-record.js';
import type { Period } from '../reconcile.js';
import { nextDay } from '../period.js';
import { SourceError, type SourceResult } from '../source.js';
import { allPages, Deadline, DEFAULT_TIMEOUT_SECONDS, RemoteGaveUp } from '../../remote/discipline.js';
import { gib } from '../../model/numbers.js';
import { capFor, DEFAULT_MAX_SCAN, parseScanSize, scanCost, scanText } from './bigquery-scan.js';
import { billingExportQuery, exportTable, exportTableFor, invoiceWindow, partitioningOf, type TableMetadata } from './bigquery-sql.js';

const DECIMAL = /^-?\d+(\.\d+)?$/;
/** The export's cost_type → FOCUS ChargeCategory. */
const COST_TYPES: Record<string, string> = { regular: 'Usage', tax: 'Tax', adjustment: 'Adjustment', rounding_error: 'Adjustment' };

export interface BigQueryRow {
  day: string;
  service: string;
  sku: string;
  sku_id: string;
  region: string;
  unit: string;
  currency: string;
  cost_type: string;
  cost: string;
  quantity: string | null;
  /** Every credit but a CUD's. */
  credits: string;
  /** Resource-based CUD credits (COMMITTED_USAGE_DISCOUNT) and spend-based ones; absent from answers cached before they were asked for. */
  cud_credits?: string | null;
  spend_cud_credits?: string | null;
}

/** What a CUD's records say they are about (read by src/actuals/commitment-charges.ts). */
const CUD = { type: 'Committed Use', status: 'Used' };

function money(value: string | null | undefined, what: string): Decimal {
  if (value === null || value === undefined || value === '') return new Decimal(0);
  if (!DECIMAL.test(value)) throw new SourceError(`BigQuery returned an unreadable ${what} (${JSON.stringify(value)}); no total was computed from it`);
  return new Decimal(value);
}

/**
 * Aggregated export rows → records; a row's credits become a record of their own (ChargeCategory Credit).
 * A CUD's credits are records of their own too, marked as the CUD's. A resource-based CUD credit is
 * the covered usage at its on-demand cost, cancelled: the row is split into its uncovered usage and
 * the covered part (both at on demand; the quantity in the same proportion, one price per row), so
 * the covered part and the credit meet the plan's CUD together and the node line keeps the rest.
 * A row's day is its Pacific usage day (the invoice's calendar), kept as that date's UTC midnight.
 * The standard export has no amortized cost, so effectiveCost is only the billed cost again:
 * `--cost effective` refuses this source (fetch.ts) rather than report it as amortized.
 */
export function rowsToRecords(rows: readonly BigQueryRow[]): BillingRecord[] {
  const out: BillingRecord[] = [];
  for (const r of rows) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.day)) throw new SourceError(`BigQuery returned a row without a usable day (${JSON.stringify(r.day)})`);
    const end = `${nextDay(r.day)}T00:00:00Z`;
    const base = {
      provider: 'gcp',
      chargePeriodStart: `${r.day}T00:00:00Z`,
      chargePeriodEnd: end,
      billingCurrency: r.currency,
      serviceName: r.service,
      serviceCategory: '',
      regionId: r.region,
      skuId: r.sku_id,
      resourceId: '',
      tags: {},
      usageType: r.sku,
      estimated: false,
    };
    const cost = money(r.cost, `cost for ${r.sku}`);
    const quantity = money(r.quantity, 'usage amount');
    const chargeCategory = COST_TYPES[r.cost_type] ?? r.cost_type;
    const cud = money(r.cud_credits, `CUD credits for ${r.sku}`);
    const covered = cud.neg();
    const split = chargeCategory === 'Usage' && cost.gt(0) && covered.gt(0) && covered.lte(cost);
    const coveredQuantity = split ? quantity.times(covered).div(cost) : new Decimal(0);
    const usage = (billed: Decimal, q: Decimal) => ({ ...base, billedCost: billed, effectiveCost: billed, chargeCategory, consumedQuantity: q, consumedUnit: r.unit });
    out.push(usage(split ? cost.minus(covered) : cost, quantity.minus(coveredQuantity)));
    if (split) out.push({ ...usage(covered, coveredQuantity), commitment: CUD });
    const credit = (amount: Decimal, commitment?: typeof CUD): BillingRecord => ({ ...base, billedCost: amount, effectiveCost: amount, chargeCategory: 'Credit', consumedQuantity: new Decimal(0), consumedUnit: '', ...(commitment ? { commitment } : {}) });
    const credits = money(r.credits, `credits for ${r.sku}`);
    if (!credits.isZero()) out.push(credit(credits));
    if (!cud.isZero()) out.push(credit(cud, CUD));
    const spend = money(r.spend_cud_credits, `spend-based CUD credits for ${r.sku}`);
    if (!spend.isZero()) out.push(credit(spend, CUD));
  }
  return out;
}

export interface BigQuerySourceOptions {
  range: { start: string; end: string };
  period: Period;
  selector: ActualsSelector['gcp'];
  /** Fetch again even when the month is cached. */
  refresh: boolean;
  /** maximumBytesBilled, and the dry run's limit: a query that would scan more is not run. Default DEFAULT_MAX_SCAN. */
  maxScan?: Decimal | undefined;
  /** Called as jobs are started (the free dry run, then the query), for the progress line. */
  onRequest?: ((count: number) => void) | undefined;
  /** Called with the dry run's estimate, before the query that costs it runs. */
  onScan?: ((bytes: Decimal) => void) | undefined;
  /** Test seam: apiEndpoint, projectId, authClient. Production uses Application Default Credentials. */
  clientOptions?: BigQueryOptions;
  /** Test seam for the billing-account lookup (google-gax REST fallback options). */
  billingClientOptions?: ConstructorParameters<typeof BillingClient>[0];
  cacheRoot?: string;
  /** The command's deadline for every request; default DEFAULT_TIMEOUT_SECONDS.actuals from now. */
  deadline?: Deadline;
}

/** Result pages (and polls of a running job) before the answer is taken for a loop: the per-day × SKU sums fit in a few. */
export const MAX_PAGES = 200;

const CACHE_NAMESPACE = 'bigquery';
const QUERY = 'BigQuery getQueryResults';
const JOBS = 'BigQuery jobs';

interface CachedAnswer {
  table: string;
  rows: BigQueryRow[];
}

function sourceText(table: string, month: string): string {
  return `Google Cloud billing export ${table}, invoice month ${month}`;
}

/**
 * One invoice month of Google Cloud spend from the BigQuery billing export.
 * BigQuery does the aggregation; only the per-day × SKU sums come back (paged
 * through getQueryResults by the client). A free dry run first says what the
 * query will scan; past `maxScan` it is refused before anything is billed. A
 * settled month (over, and past the late-data window) is cached on disk and
 * never queried twice.
 */
export async function readBigQuery(o: BigQuerySourceOptions): Promise<SourceResult> {
  const where = o.selector?.billing_export;
  if (!where) {
    throw new SourceError('the scenario has no actuals.gcp.billing_export: set it to the project.dataset (or project.dataset.table) of the Cloud Billing export to BigQuery');
  }
  const { month } = o.period;
  const finished = o.period.elapsedDays === o.period.days;
  // The export as written (its project included) and the selector decide the answer; credentials never enter the key.
  // 2: a CUD's credits apart from the others; entries of version 1 summed them together.
  const key = cacheKey({ v: 2, export: where, selector: o.selector, month });
  if (finished && !o.refresh) {
    const hit = readCache(CACHE_NAMESPACE, key, o.cacheRoot) as Partial<CachedAnswer> | undefined;
    if (typeof hit?.table === 'string' && Array.isArray(hit.rows)) {
      return { source: sourceText(hit.table, month), records: rowsToRecords(hit.rows), requests: { count: 0, cost: new Decimal(0), cached: true, what: JOBS }, notes: [] };
    }
  }

  const deadline = o.deadline ?? new Deadline(DEFAULT_TIMEOUT_SECONDS.actuals * 1000);
  const table = where.split('.').length === 3 ? where : `${where}.${await lookUpExportTable(o, deadline)}`;
  const t = exportTable(table);
  const maxScan = o.maxScan ?? parseScanSize(DEFAULT_MAX_SCAN);
  const { BigQuery } = await import('@google-cloud/bigquery');
  const bigquery = new BigQuery({ projectId: t.project, ...o.clientOptions });
  let jobs = 0;
  const started = () => {
    jobs += 1;
    o.onRequest?.(jobs);
  };
  let scanned: Decimal | undefined;
  try {
    const [meta] = await deadline.race('BigQuery tables.get', bigquery.dataset(t.dataset, { projectId: t.project }).table(t.table).getMetadata());
    const { query, params } = billingExportQuery(table, o.selector, {
      month,
      partitioning: partitioningOf(meta as TableMetadata),
      ...(finished ? {} : { through: o.range.end }),
    });
    const request = { query, params, useLegacySql: false };
    started();
    const [, dryRun] = await deadline.race('BigQuery dry run', bigquery.createQueryJob({ ...request, dryRun: true }));
    scanned = bytesOf(dryRun);
    o.onScan?.(scanned);
    if (scanned.gt(maxScan)) throw scanCapError(table, scanned, maxScan);
    started();
    const rows = await queryPages(bigquery, { ...request, maximumBytesBilled: maxScan.toFixed(0) }, deadline);
    // Only past the late-data window can the answer no longer change.
    const { scanEnd } = invoiceWindow(month);
    const settled = finished && clockNow().toISOString().slice(0, 10) >= scanEnd;
    const records = rowsToRecords(rows);
    const cacheNotes = settled ? keepAnswer(CACHE_NAMESPACE, key, { table, rows } satisfies CachedAnswer, o.cacheRoot) : [];
    const notes = [...(finished && !settled ? [`Google can still export late usage and credits for the ${month} invoice until ${scanEnd}: not cached yet`] : []), ...cacheNotes];
    return {
      source: sourceText(table, month),
      records,
      requests: { count: jobs, cost: scanCost(scanned), cached: false, what: JOBS, scannedBytes: scanned },
      notes,
    };
  } catch (e) {
    if (e instanceof SourceError || e instanceof InputError) throw e;
    if (e instanceof RemoteGaveUp) throw new SourceError(e.message);
    // The estimate was low and BigQuery itself refused to bill past the cap; its message says what the query needs.
    if (reasonsOf(e).includes('bytesBilledLimitExceeded')) throw scanCapError(table, requiredBytes(e) ?? scanned ?? maxScan, maxScan);
    throw new SourceError(describe(e));
  }
}

type Client = InstanceType<typeof import('@google-cloud/bigquery').BigQuery>;
type NextQuery = { pageToken?: string; job?: { getQueryResults: (o: object) => Promise<unknown[]> } } | null | undefined;

/**
 * The query's rows, page by page under the page cap and the deadline. The
 * client would follow page tokens (and poll a job still running) without end;
 * here each page is asked for in turn.
 */
async function queryPages(bigquery: Client, request: object, deadline: Deadline): Promise<BigQueryRow[]> {
  let next: NextQuery;
  let polls = 0;
  return allPages<BigQueryRow>({ what: QUERY, maxPages: MAX_PAGES, deadline }, async () => {
    const [rows, nextQuery] = (next?.job
      ? await next.job.getQueryResults({ ...next, autoPaginate: false })
      : await bigquery.query(request, { autoPaginate: false })) as [BigQueryRow[], NextQuery];
    next = nextQuery;
    // A next query without a page token is the client polling a job still running: a fresh mark each time, bounded by the cap.
    return { items: rows, next: next ? (next.pageToken ?? `(job still running, poll ${++polls})`) : undefined };
  });
}

function bytesOf(job: unknown): Decimal {
  const text = (job as { statistics?: { totalBytesProcessed?: string } } | undefined)?.statistics?.totalBytesProcessed;
  if (!text || !/^\d+$/.test(text)) throw new SourceError(`BigQuery's dry run gave no usable bytes estimate (${JSON.stringify(text ?? null)}); nothing was run`);
  return new Decimal(text);
}

/** Past the cap: a bad argument (exit 2), with what it would have scanned and how to let it through. */
function scanCapError(table: string, bytes: Decimal, cap: Decimal): InputError {
  return new InputError([
    {
      file: '--max-scan',
      message: `BigQuery would scan ${scanText(bytes)} of ${table}, more than --max-scan allows (${gib(cap)}); the query was not run`,
      suggestion: `if this is the right table, raise the cap: --max-scan ${capFor(bytes)}`,
    },
  ]);
}

/** Without a table name, the export table is named after the billing account of the first selected project. */
async function lookUpExportTable(o: BigQuerySourceOptions, deadline: Deadline): Promise<string> {
  const project = o.selector?.projects?.[0] ?? o.selector!.billing_export!.split('.')[0]!;
  const { CloudBillingClient } = await import('@google-cloud/billing');
  const client = new CloudBillingClient(o.billingClientOptions);
  try {
    const [info] = await deadline.race('Cloud Billing getProjectBillingInfo', client.getProjectBillingInfo({ name: `projects/${project}` }, { timeout: deadline.remaining() }));
    if (!info.billingAccountName) throw new SourceError(`project ${project} has no billing account, so there is no billing export to read`);
    return exportTableFor(info.billingAccountName);
  } catch (e) {
    if (e instanceof SourceError) throw e;
    if (e instanceof RemoteGaveUp) throw new SourceError(e.message);
    throw new SourceError(`could not find the billing account of project ${project}: ${describe(e)}`);
  } finally {
    await client.close();
  }
}

/** "Query exceeded limit for bytes billed: 1000. 10485760 or higher required." → 10485760 */
function requiredBytes(e: unknown): Decimal | undefined {
  const err = e as { message?: string; errors?: { message?: string }[] };
  const m = /(\d+) or higher required/.exec([err.message, ...(err.errors ?? []).map((x) => x.message)].join(' '));
  return m ? new Decimal(m[1]!) : undefined;
}

function reasonsOf(e: unknown): string[] {
  return ((e as { errors?: { reason?: string }[] }).errors ?? []).map((x) => x.reason ?? '');
}

function describe(e: unknown): string {
  const err = e as { code?: number | string; message?: string; errors?: { message?: string }[] };
  // Google's ApiError puts "Multiple errors occurred" first and the useful reasons in `errors`.
  const reasons = (err.errors ?? []).map((x) => x.message).filter(Boolean);
  const first = (reasons.length ? reasons.join('; ') : (err.message ?? String(e)).split('\n')[0]!).slice(0, 300);
  if (/Could not load the default credentials|Unable to detect a Project Id/i.test(first)) {
    return 'no Google credentials: run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS; the account needs roles/bigquery.jobUser and roles/bigquery.dataViewer on the export dataset';
  }
  return `${err.code ? `HTTP ${err.code}: ` : ''}${first}`;
}
