import type { ActualsSelector } from '../../model/actuals-selector.js';
import { SourceError } from '../source.js';

const PACIFIC_DAY = "DATE(usage_start_time, 'America/Los_Angeles')";

/** `project.dataset.table` split and checked, so the name can go into SQL as one quoted identifier. */
export function exportTable(name: string): { project: string; dataset: string; table: string } {
  const m = /^([a-z][a-z0-9-]{4,61}[a-z0-9])\.(\w+)\.(\w+)$/.exec(name);
  if (!m) throw new SourceError(`billing export table ${JSON.stringify(name)} is not project.dataset.table`);
  return { project: m[1]!, dataset: m[2]!, table: m[3]! };
}

/** Google names the export table after the billing account: 012345-6789AB-CDEF01 → gcp_billing_export_v1_012345_6789AB_CDEF01. */
export function exportTableFor(billingAccountName: string): string {
  const id = billingAccountName.replace(/^billingAccounts\//, '');
  if (!/^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/i.test(id)) throw new SourceError(`unexpected billing account name ${JSON.stringify(billingAccountName)}`);
  return `gcp_billing_export_v1_${id.replace(/-/g, '_')}`;
}

/** How the export table is partitioned (tables.get): the column a filter on it prunes by, and that column's type. */
export interface Partitioning {
  column: string;
  type: 'TIMESTAMP' | 'DATE' | 'DATETIME';
}

export interface TableMetadata {
  timePartitioning?: { type?: string; field?: string };
  schema?: { fields?: { name?: string; type?: string }[] };
}

/**
 * The partition column to filter on, or none. How an export table is
 * partitioned cannot be assumed: ingestion-time (`_PARTITIONTIME`), on a column
 * (a copy or a view's base), or not at all (older exports). A filter on a
 * pseudo-column the table lacks fails the query, so the filter follows the
 * table's own metadata (tables.get → timePartitioning); without partitions the
 * query still runs, scanning the whole table, which the dry run shows first.
 */
export function partitioningOf(meta: TableMetadata): Partitioning | undefined {
  const tp = meta.timePartitioning;
  if (!tp) return undefined;
  if (!tp.field) return { column: '_PARTITIONTIME', type: 'TIMESTAMP' };
  const type = meta.schema?.fields?.find((f) => f.name === tp.field)?.type;
  if (!/^\w+$/.test(tp.field) || (type !== 'TIMESTAMP' && type !== 'DATE' && type !== 'DATETIME')) return undefined;
  return { column: `\`${tp.field}\``, type };
}

/**
 * Days after the invoice month during which its late usage, credits and
 * corrections are still exported. Google gives the export "no delivery or
 * latency guarantees"
 * (https://cloud.google.com/billing/docs/how-to/export-data-bigquery-tables):
 * a generous margin costs two weeks more of partitions, a short one loses money
 * that is on the invoice.
 */
export const LATE_DAYS = 14;

/** `2026-10` → the export's `invoice.month` (202610) and the partitions that can hold its rows: [2026-10-01, 2026-11-15). */
export function invoiceWindow(month: string): { invoiceMonth: string; scanStart: string; scanEnd: string } {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(year, index, 1 + LATE_DAYS));
  return { invoiceMonth: month.replace('-', ''), scanStart: `${month}-01`, scanEnd: end.toISOString().slice(0, 10) };
}

/**
 * The export's credit types that are a committed use discount's, summed apart from the other credits
 * (sustained use, promotions, free tier…) so they meet the plan's CUD
 * (https://cloud.google.com/billing/docs/how-to/cost-table, "Credit type"): a resource-based CUD's
 * credit cancels the covered usage at its on-demand price; a spend-based one's (legacy dollar-base,
 * or the new model's fee offset) is a discount on the usage or the fee.
 */
export const RESOURCE_CUD_CREDIT = 'COMMITTED_USAGE_DISCOUNT';
export const SPEND_CUD_CREDITS = ['COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE', 'FEE_UTILIZATION_OFFSET'];

/** A row's credits of the given types (or of every other type), summed as NUMERIC; constants only, never input. */
function creditSum(where: string): string {
  return `CAST(SUM(IFNULL((SELECT SUM(CAST(c.amount AS NUMERIC)) FROM UNNEST(credits) AS c WHERE ${where}), 0)) AS STRING)`;
}
const CUD_TYPES = [RESOURCE_CUD_CREDIT, ...SPEND_CUD_CREDITS].map((t) => `'${t}'`).join(', ');

export interface ExportQueryOptions {
  /** YYYY-MM: the invoice month to read. */
  month: string;
  partitioning?: Partitioning;
  /** For a month not over yet: only usage days (Pacific) before this date. */
  through?: string;
}

/**
 * The aggregation BigQuery runs over the billing export: one row per day ×
 * service × SKU × region × unit × cost type, costs summed as NUMERIC and sent
 * back as text (the export's `cost` is FLOAT64; NUMERIC keeps the sum exact to
 * 9 places). Credits are summed apart so they are never netted into usage, and a committed
 * use discount's credits apart from the others (resource-based and spend-based each), so they meet
 * the plan's CUD instead of the month's credits.
 * Selector values are query parameters, never spliced into the SQL.
 *
 * The month is selected by `invoice.month`, "the year and month (Pacific Time)
 * of the invoice that includes the cost line item"
 * (https://cloud.google.com/billing/docs/how-to/export-data-bigquery-tables/standard-usage),
 * as Google's example queries total a month
 * (https://cloud.google.com/billing/docs/how-to/bq-examples): the figure a
 * FinOps reader checks against the invoice, late usage and credits included.
 * Usage days are Pacific days for the same reason, so the invoice month's days
 * are exactly the month's days. `invoice.month` alone prunes nothing; the
 * partition filter (when the table has partitions) lets BigQuery skip every
 * other month (https://cloud.google.com/bigquery/docs/querying-partitioned-tables).
 */
export function billingExportQuery(table: string, selector: ActualsSelector['gcp'], o: ExportQueryOptions): { query: string; params: Record<string, unknown> } {
  const t = exportTable(table);
  const window = invoiceWindow(o.month);
  const params: Record<string, unknown> = { invoice_month: window.invoiceMonth };
  const where = ['invoice.month = @invoice_month'];
  if (o.partitioning) {
    const { column, type } = o.partitioning;
    Object.assign(params, { scan_start: window.scanStart, scan_end: window.scanEnd });
    where.push(`${column} >= ${type}(@scan_start)`, `${column} < ${type}(@scan_end)`);
  }
  if (o.through) {
    params.through = o.through;
    where.push(`${PACIFIC_DAY} < DATE(@through)`);
  }
  if (selector?.projects?.length) {
    params.projects = selector.projects;
    where.push('project.id IN UNNEST(@projects)');
  }
  Object.entries(selector?.labels ?? {}).forEach(([key, value], i) => {
    params[`label_key_${i}`] = key;
    params[`label_value_${i}`] = value;
    where.push(`EXISTS (SELECT 1 FROM UNNEST(labels) AS l WHERE l.key = @label_key_${i} AND l.value = @label_value_${i})`);
  });
  const query = `SELECT
  FORMAT_DATE('%F', ${PACIFIC_DAY}) AS day,
  service.description AS service,
  sku.description AS sku,
  sku.id AS sku_id,
  IFNULL(location.region, '') AS region,
  IFNULL(usage.unit, '') AS unit,
  currency,
  IFNULL(cost_type, 'regular') AS cost_type,
  CAST(SUM(CAST(cost AS NUMERIC)) AS STRING) AS cost,
  CAST(SUM(CAST(usage.amount AS NUMERIC)) AS STRING) AS quantity,
  ${creditSum(`c.type IS NULL OR c.type NOT IN (${CUD_TYPES})`)} AS credits,
  ${creditSum(`c.type = '${RESOURCE_CUD_CREDIT}'`)} AS cud_credits,
  ${creditSum(`c.type IN (${SPEND_CUD_CREDITS.map((t) => `'${t}'`).join(', ')})`)} AS spend_cud_credits
FROM \`${t.project}.${t.dataset}.${t.table}\`
WHERE ${where.join('\n  AND ')}
GROUP BY day, service, sku, sku_id, region, unit, currency, cost_type`;
  return { query, params };
}
