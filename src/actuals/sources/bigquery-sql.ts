import type { ActualsSelector } from '../../model/actuals-selector.js';
import { SourceError } from '../source.js';

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

/**
 * The aggregation BigQuery runs over the billing export: one row per day ×
 * service × SKU × region × unit × cost type, costs summed as NUMERIC and sent
 * back as text (the export's `cost` is FLOAT64; NUMERIC keeps the sum exact to
 * 9 places). Credits are summed apart so they are never netted into usage.
 * Selector values are query parameters, never spliced into the SQL.
 */
export function billingExportQuery(table: string, selector: ActualsSelector['gcp']): { query: string; params: Record<string, unknown> } {
  const t = exportTable(table);
  const params: Record<string, unknown> = {};
  // No _PARTITIONTIME filter: not every export table is ingestion-time partitioned, and a query that
  // fails on an unknown column is worse than one that scans more bytes.
  const where = ['usage_start_time >= TIMESTAMP(@start)', 'usage_start_time < TIMESTAMP(@end)'];
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
  FORMAT_DATE('%F', DATE(usage_start_time)) AS day,
  service.description AS service,
  sku.description AS sku,
  sku.id AS sku_id,
  IFNULL(location.region, '') AS region,
  IFNULL(usage.unit, '') AS unit,
  currency,
  IFNULL(cost_type, 'regular') AS cost_type,
  CAST(SUM(CAST(cost AS NUMERIC)) AS STRING) AS cost,
  CAST(SUM(CAST(usage.amount AS NUMERIC)) AS STRING) AS quantity,
  CAST(SUM(IFNULL((SELECT SUM(CAST(c.amount AS NUMERIC)) FROM UNNEST(credits) AS c), 0)) AS STRING) AS credits
FROM \`${t.project}.${t.dataset}.${t.table}\`
WHERE ${where.join('\n  AND ')}
GROUP BY day, service, sku, sku_id, region, unit, currency, cost_type`;
  return { query, params };
}
