import type { ActualsSelector } from '../../model/actuals-selector.js';
import { CLOUDS } from '../../providers/index.js';
import type { FileSelector } from '../../providers/provider.js';

/**
 * Billing export layouts, each mapped onto the normalized record as SQL
 * expressions so that DuckDB does the reading, filtering and summing. A layout
 * is recognized by its columns.
 */
export interface Dialect {
  name: string;
  /** Columns that must all be present for this layout. */
  requires: string[];
  start: string;
  end: string;
  /** The first of these present is the billed cost. */
  billed: string[];
  effective: string[];
  /**
   * The effective column is the amortized cost (commitment fees spread over the usage they
   * cover), so `--cost effective` can use it. CUR 2.0's net unblended cost is not amortized.
   */
  amortized?: boolean;
  /** The first of these present is the billing currency. */
  currency: string[];
  /** SQL producing the provider name. */
  provider: (has: (c: string) => boolean) => string;
  service: string;
  serviceCategory?: string;
  chargeCategory: string;
  /** SQL for the charge category when no single column holds it; `col` quotes a column or gives NULL. */
  chargeCategorySql?: (col: (c: string) => string) => string;
  quantity: string;
  quantitySql?: (col: (c: string) => string) => string;
  unit: string;
  region: string[];
  usageType: string[];
  /** Azure's meter category and subcategory columns, and the JSON columns whose ServiceType names a VM's size. */
  meter?: { category: string; subcategory: string; details: string[] };
  account?: string;
  tags?: string;
  /** The layout's days: end of the charge period exclusive (FOCUS, CUR) or the last day inclusive (Google's cost table). */
  endInclusive?: boolean;
  /** strptime format of dates written other than ISO 8601 (ISO dates are still read). */
  dateFormat?: string;
}

export const DIALECTS: Dialect[] = [
  {
    // FOCUS 1.0–1.2: AWS Data Exports, Google Cloud and Azure cost exports.
    name: 'FOCUS',
    requires: ['ChargePeriodStart', 'BilledCost', 'ServiceName', 'ChargeCategory'],
    start: 'ChargePeriodStart',
    end: 'ChargePeriodEnd',
    billed: ['BilledCost'],
    effective: ['EffectiveCost'],
    amortized: true,
    currency: ['BillingCurrency'],
    provider: (has) => (has('ProviderName') ? q('ProviderName') : has('ServiceProviderName') ? q('ServiceProviderName') : `''`),
    service: 'ServiceName',
    serviceCategory: 'ServiceCategory',
    chargeCategory: 'ChargeCategory',
    quantity: 'ConsumedQuantity',
    unit: 'ConsumedUnit',
    region: ['RegionId'],
    // AWS adds its usage type as x_UsageType and Azure its meter name as x_SkuMeterName (1.0 and 1.2);
    // Google describes the SKU in ChargeDescription.
    usageType: ['x_UsageType', 'x_SkuMeterName', 'ChargeDescription', 'SkuId'],
    meter: { category: 'x_SkuMeterCategory', subcategory: 'x_SkuMeterSubcategory', details: ['x_SkuDetails', 'SkuPriceDetails'] },
    account: 'SubAccountId',
    tags: 'Tags',
  },
  {
    // AWS Cost and Usage Report 2.0 (Data Exports, "CUR 2.0" table).
    name: 'CUR 2.0',
    requires: ['line_item_usage_start_date', 'line_item_unblended_cost', 'line_item_usage_type', 'line_item_line_item_type'],
    start: 'line_item_usage_start_date',
    end: 'line_item_usage_end_date',
    billed: ['line_item_unblended_cost'],
    effective: ['line_item_net_unblended_cost'],
    currency: ['line_item_currency_code'],
    provider: () => `'AWS'`,
    service: 'line_item_product_code',
    chargeCategory: 'line_item_line_item_type',
    quantity: 'line_item_usage_amount',
    unit: 'pricing_unit',
    region: ['product_region_code'],
    usageType: ['line_item_usage_type'],
    account: 'line_item_usage_account_id',
    tags: 'resource_tags',
  },
  {
    // Google Cloud's cost table report, downloaded as CSV from the console (one row per
    // project × SKU × cost type for the invoice month). It has no region and no labels.
    name: 'Google Cloud cost table CSV',
    requires: ['Service description', 'SKU description', 'Usage start date', 'Cost type'],
    start: 'Usage start date',
    end: 'Usage end date',
    endInclusive: true,
    billed: ['Unrounded cost ($)', 'Cost ($)'],
    effective: [],
    currency: [],
    provider: () => `'Google Cloud'`,
    service: 'Service description',
    // A credit row names its credit type; otherwise the cost type says usage, tax or adjustment.
    chargeCategory: 'Cost type',
    chargeCategorySql: (col) =>
      `CASE WHEN NULLIF(${col('Credit type')}, '') IS NOT NULL THEN 'Credit' ELSE CASE lower(${col('Cost type')}) WHEN 'regular' THEN 'Usage' WHEN 'tax' THEN 'Tax' ELSE 'Adjustment' END END`,
    quantity: 'Usage amount',
    // Amounts are written with thousands separators ("1,000").
    quantitySql: (col) => `replace(${col('Usage amount')}, ',', '')`,
    unit: 'Usage unit',
    region: [],
    usageType: ['SKU description'],
    account: 'Project ID',
  },
  {
    // Azure's cost details from Cost Management exports or the Cost Details API, "actual cost"
    // (Microsoft Customer Agreement camelCase, Enterprise Agreement PascalCase): one row per
    // resource × meter × day, dated MM/DD/YYYY by most exports.
    name: 'Azure cost details',
    requires: ['date', 'meterCategory', 'meterName', 'costInBillingCurrency'],
    start: 'date',
    end: 'date',
    endInclusive: true,
    dateFormat: '%m/%d/%Y',
    billed: ['costInBillingCurrency'],
    // The amortized export has the same columns: nothing says which one a file is.
    effective: [],
    currency: ['billingCurrency', 'billingCurrencyCode'],
    provider: () => `'Microsoft'`,
    service: 'meterCategory',
    serviceCategory: 'serviceFamily',
    chargeCategory: 'chargeType',
    quantity: 'quantity',
    unit: 'unitOfMeasure',
    // resourceLocation is "eastus" or "EastUS"; location the meter region, "US East".
    region: ['resourceLocation', 'location'],
    usageType: ['meterName'],
    meter: { category: 'meterCategory', subcategory: 'meterSubCategory', details: ['additionalInfo'] },
    // Tags are written as "key": "value" pairs without braces, not JSON, so they are not read.
    account: 'SubscriptionId',
  },
];

export function q(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Column names as the file spells them, found case-insensitively (SQL identifiers are). */
export function columnLookup(columns: ReadonlyMap<string, string>): (c: string) => string | undefined {
  const byLower = new Map([...columns.keys()].map((c) => [c.toLowerCase(), c]));
  return (c) => byLower.get(c.toLowerCase());
}

export function detectDialect(columns: ReadonlyMap<string, string>): Dialect | undefined {
  const find = columnLookup(columns);
  return DIALECTS.find((d) => d.requires.every((c) => find(c) !== undefined));
}

export interface AggregateSql {
  sql: string;
  params: string[];
  /** Parts of the selector this layout cannot apply (no tag column), said out loud. */
  notes: string[];
}

/**
 * The one query a billing file gets: rows of the month (and of the scenario's
 * selector) summed per UTC day × provider × service × charge category × usage
 * type × region × unit. Money is summed as DECIMAL(38,12) and read back as
 * text, so no cent passes through a binary float. `from` is the table
 * function reading the file; selector values travel as parameters.
 */
export function aggregateSql(
  d: Dialect,
  columns: ReadonlyMap<string, string>,
  from: string,
  range: { start: string; end: string },
  selector: ActualsSelector | undefined,
): AggregateSql {
  const find = columnLookup(columns);
  const has = (c: string) => find(c) !== undefined;
  const col = (c: string | undefined, fallback = 'NULL') => {
    const actual = c === undefined ? undefined : find(c);
    return actual === undefined ? fallback : q(actual);
  };
  // Empty text counts as missing, so the next column in line gets its turn.
  const firstOf = (cs: string[], fallback: string) => {
    const present = cs.flatMap((c) => {
      const actual = find(c);
      if (actual === undefined) return [];
      return [columns.get(actual) === 'VARCHAR' ? `NULLIF(${q(actual)}, '')` : q(actual)];
    });
    return present.length ? `COALESCE(${present.join(', ')}, ${fallback})` : fallback;
  };
  const money = (e: string) => `SUM(CAST(${e} AS DECIMAL(38,12)))::VARCHAR`;
  const ts = (c: string) =>
    d.dateFormat
      ? `CAST(COALESCE(try_strptime(CAST(${col(c)} AS VARCHAR), ${literal(d.dateFormat)}), TRY_CAST(${col(c)} AS TIMESTAMP)) AS TIMESTAMPTZ)`
      : `CAST(${col(c)} AS TIMESTAMPTZ)`;
  const billed = firstOf(d.billed, 'NULL');
  const periodEnd = has(d.end) ? (d.endInclusive ? `${ts(d.end)} + INTERVAL 1 DAY` : ts(d.end)) : ts(d.start);
  const provider = `lower(${d.provider(has)})`;
  const params: string[] = [];
  const param = (v: string) => {
    params.push(v);
    return `$${params.length}`;
  };

  const where = [`${ts(d.start)} >= ${literal(`${range.start} 00:00:00+00`)}::TIMESTAMPTZ`, `${ts(d.start)} < ${literal(`${range.end} 00:00:00+00`)}::TIMESTAMPTZ`];
  const notes: string[] = [];
  const providerFilter = (match: string, { tags, accounts, what, account = (sql: string) => sql }: FileSelector) => {
    const conds: string[] = [];
    const tagged = d.tags !== undefined && has(d.tags);
    if (tags && Object.keys(tags).length && !tagged) notes.push(`this ${d.name} file has no tags column: ${what} was not applied`);
    for (const [key, value] of Object.entries(tagged ? (tags ?? {}) : {})) {
      // AWS writes user-defined tags as `user:team` (FOCUS) or `user_team` (CUR 2.0); `team` finds all three.
      const spellings = [key, `user:${key}`, `user_${key}`].map((k) => tagValue(d, columns, param(k)));
      conds.push(`COALESCE(${spellings.join(', ')}) = ${param(value)}`);
    }
    if (accounts?.length && d.account && has(d.account)) conds.push(`${account(`CAST(${col(d.account)} AS VARCHAR)`)} IN (${accounts.map(param).join(', ')})`);
    return conds.length ? `(NOT (${match}) OR (${conds.join(' AND ')}))` : undefined;
  };
  for (const c of Object.values(CLOUDS)) {
    const filter = providerFilter(c.bill.providerNameSql(provider), c.bill.fileSelector(selector));
    if (filter) where.push(filter);
  }

  const sql = `SELECT
  strftime(${ts(d.start)}, '%Y-%m-%d') AS day,
  strftime(max(${periodEnd}), '%Y-%m-%dT%H:%M:%SZ') AS period_end,
  ${d.provider(has)} AS provider,
  COALESCE(${col(d.service)}, '') AS service,
  COALESCE(${col(d.serviceCategory, "''")}, '') AS service_category,
  COALESCE(${d.chargeCategorySql ? d.chargeCategorySql(col) : col(d.chargeCategory)}, '') AS charge_category,
  ${firstOf(d.usageType, "''")} AS usage_type,
  ${firstOf(d.region, "''")} AS region,
  ${meterColumns(d, col, firstOf)},
  COALESCE(${col(d.unit)}, '') AS unit,
  ${firstOf(d.currency, "''")} AS currency,
  ${money(billed)} AS billed,
  ${money(firstOf(d.effective, billed))} AS effective,
  ${money(d.quantitySql ? d.quantitySql(col) : col(d.quantity))} AS quantity
FROM ${from}
WHERE ${where.join('\n  AND ')}
GROUP BY ALL`;
  return { sql, params, notes };
}

/** Azure's meter category, subcategory and VM size as text ('' when the layout or the row has none). */
function meterColumns(d: Dialect, col: (c: string | undefined, fallback?: string) => string, firstOf: (cs: string[], fallback: string) => string): string {
  const details = d.meter ? firstOf(d.meter.details, 'NULL') : 'NULL';
  // A row whose details are not JSON (or absent) has no size; the meter name still names it.
  const size = `CASE WHEN json_valid(CAST(${details} AS VARCHAR)) THEN json_extract_string(CAST(${details} AS VARCHAR), '$.ServiceType') END`;
  return [
    `COALESCE(${col(d.meter?.category, "''")}, '') AS meter_category`,
    `COALESCE(${col(d.meter?.subcategory, "''")}, '') AS meter_subcategory`,
    `COALESCE(${size}, '') AS vm_size`,
  ].join(',\n  ');
}

/** A tag's value whether Tags is JSON text (FOCUS CSV) or a MAP (Parquet). */
function tagValue(d: Dialect, columns: ReadonlyMap<string, string>, keyParam: string): string {
  const type = d.tags ? columns.get(d.tags) : undefined;
  if (!d.tags || type === undefined) return 'NULL';
  if (type.startsWith('MAP')) return `${q(d.tags)}[${keyParam}]`;
  return `json_extract_string(CAST(${q(d.tags)} AS VARCHAR), '$."' || replace(${keyParam}, '"', '\\"') || '"')`;
}
