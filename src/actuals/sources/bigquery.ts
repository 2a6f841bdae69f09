import type { BigQueryOptions } from '@google-cloud/bigquery';
import type { CloudBillingClient as BillingClient } from '@google-cloud/billing';
import type { ActualsSelector } from '../../model/actuals-selector.js';
import { Decimal } from '../../model/decimal.js';
import type { BillingRecord } from '../record.js';
import { SourceError, type SourceResult } from '../source.js';
import { billingExportQuery, exportTableFor } from './bigquery-sql.js';

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
  credits: string;
}

function money(value: string | null | undefined, what: string): Decimal {
  if (value === null || value === undefined || value === '') return new Decimal(0);
  if (!DECIMAL.test(value)) throw new SourceError(`BigQuery returned an unreadable ${what} (${JSON.stringify(value)}); no total was computed from it`);
  return new Decimal(value);
}

/**
 * Aggregated export rows → records; a row's credits become a record of their own (ChargeCategory Credit).
 * The standard export has no amortized cost, so effectiveCost is only the billed cost again:
 * `--cost effective` refuses this source (fetch.ts) rather than report it as amortized.
 */
export function rowsToRecords(rows: readonly BigQueryRow[]): BillingRecord[] {
  const out: BillingRecord[] = [];
  for (const r of rows) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.day)) throw new SourceError(`BigQuery returned a row without a usable day (${JSON.stringify(r.day)})`);
    const end = new Date(Date.parse(`${r.day}T00:00:00Z`) + 86_400_000).toISOString().replace('.000Z', 'Z');
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
    out.push({ ...base, billedCost: cost, effectiveCost: cost, chargeCategory: COST_TYPES[r.cost_type] ?? r.cost_type, consumedQuantity: money(r.quantity, 'usage amount'), consumedUnit: r.unit });
    const credits = money(r.credits, `credits for ${r.sku}`);
    if (!credits.isZero()) out.push({ ...base, billedCost: credits, effectiveCost: credits, chargeCategory: 'Credit', consumedQuantity: new Decimal(0), consumedUnit: '' });
  }
  return out;
}

export interface BigQuerySourceOptions {
  range: { start: string; end: string };
  selector: ActualsSelector['gcp'];
  /** Test seam: apiEndpoint, projectId, authClient. Production uses Application Default Credentials. */
  clientOptions?: BigQueryOptions;
  /** Test seam for the billing-account lookup (google-gax REST fallback options). */
  billingClientOptions?: ConstructorParameters<typeof BillingClient>[0];
}

/**
 * One month of Google Cloud spend from the BigQuery billing export. BigQuery
 * does the aggregation; only the per-day × SKU sums come back (paged through
 * getQueryResults by the client).
 */
export async function readBigQuery(o: BigQuerySourceOptions): Promise<SourceResult> {
  const where = o.selector?.billing_export;
  if (!where) {
    throw new SourceError('the scenario has no actuals.gcp.billing_export: set it to the project.dataset (or project.dataset.table) of the Cloud Billing export to BigQuery');
  }
  const table = where.split('.').length === 3 ? where : `${where}.${await lookUpExportTable(o)}`;
  const { query, params } = billingExportQuery(table, o.selector);
  const { BigQuery } = await import('@google-cloud/bigquery');
  const bigquery = new BigQuery({ projectId: table.split('.')[0]!, ...o.clientOptions });
  try {
    const [rows] = await bigquery.query({ query, params: { ...params, start: o.range.start, end: o.range.end }, useLegacySql: false });
    return { source: `Google Cloud billing export ${table}, ${o.range.start} to ${o.range.end} (end exclusive)`, records: rowsToRecords(rows as BigQueryRow[]), notes: [] };
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(describe(e));
  }
}

/** Without a table name, the export table is named after the billing account of the first selected project. */
async function lookUpExportTable(o: BigQuerySourceOptions): Promise<string> {
  const project = o.selector?.projects?.[0] ?? o.selector!.billing_export!.split('.')[0]!;
  const { CloudBillingClient } = await import('@google-cloud/billing');
  const client = new CloudBillingClient(o.billingClientOptions);
  try {
    const [info] = await client.getProjectBillingInfo({ name: `projects/${project}` });
    if (!info.billingAccountName) throw new SourceError(`project ${project} has no billing account, so there is no billing export to read`);
    return exportTableFor(info.billingAccountName);
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(`could not find the billing account of project ${project}: ${describe(e)}`);
  } finally {
    await client.close();
  }
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
