import type { ActualsSelector } from '../../model/actuals-selector.js';
import { CLOUDS } from '../../providers/index.js';
import type { FileSelector } from '../../providers/provider.js';

/**
 * Billing export layouts, each mapped onto the normalized record as SQL
 * expressions so that DuckDB does the reading, filtering and summing. A layout
 * is recognized by its columns.
 */
/** A column the layout needs, or alternatives of which one must be present (EA's `Cost` or MCA's `costInBillingCurrency`). */
export type Requirement = string | readonly string[];

export interface Dialect {
  name: string;
  /** Columns that must all be present for this layout. */
  requires: Requirement[];
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
  /** The first of these present names the service. */
  service: string[];
  serviceCategory?: string;
  chargeCategory: string;
  /** SQL for the charge category when no single column holds it; `col` quotes a column or gives NULL. */
  chargeCategorySql?: (col: (c: string) => string) => string;
  /** The first of these present names the commitment a charge is about (FOCUS CommitmentDiscountType, Azure PricingModel, Google's credit type); commitmentStatus its status (FOCUS CommitmentDiscountStatus). */
  commitmentType?: string[];
  commitmentStatus?: string;
  /** FOCUS ChargeClass: `Correction` marks a row that corrects an earlier period. */
  chargeClass?: string;
  quantity: string;
  quantitySql?: (col: (c: string) => string) => string;
  unit: string;
  region: string[];
  usageType: string[];
  /** FOCUS PricingUnit and ResourceType: read when present, to tell a charge whose description says too little. */
  pricingUnit?: string;
  resourceType?: string;
  /** Azure's meter category and subcategory columns, and the JSON columns whose ServiceType names a VM's size. */
  meter?: { category: string; subcategory: string; details: string[] };
  account?: string;
  tags?: string;
  /** Tags kept one column per key (legacy CUR's `resourceTags/user:team`): the columns a key may be in. */
  tagColumns?: (key: string) => string[];
  /** The start of the billing period (invoice month) a row belongs to, for `--period billing`. */
  billingPeriod?: string;
  /** CUR leaves the invoice id blank "until the report is final" (docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2-bill.html): such rows are estimated. */
  invoiceId?: string;
  /** Rows that are no charge at all (the Reports download's subtotal lines): SQL true for the rows to keep. */
  rowFilter?: (col: (c: string) => string) => string;
  /** The layout's days: end of the charge period exclusive (FOCUS, CUR) or the last day inclusive (Google's cost table). */
  endInclusive?: boolean;
  /** strptime formats of dates written other than ISO 8601 (ISO dates are still read). */
  dateFormats?: string[];
}

export const DIALECTS: Dialect[] = [
  {
    // FOCUS 1.0–1.2: AWS Data Exports, Google Cloud, Azure and OCI cost exports.
    name: 'FOCUS',
    requires: ['ChargePeriodStart', 'BilledCost', 'ServiceName', 'ChargeCategory'],
    start: 'ChargePeriodStart',
    end: 'ChargePeriodEnd',
    billed: ['BilledCost'],
    effective: ['EffectiveCost'],
    amortized: true,
    currency: ['BillingCurrency'],
    provider: (has) => (has('ProviderName') ? q('ProviderName') : has('ServiceProviderName') ? q('ServiceProviderName') : `''`),
    service: ['ServiceName'],
    serviceCategory: 'ServiceCategory',
    chargeCategory: 'ChargeCategory',
    chargeClass: 'ChargeClass',
    // Google's FOCUS view may fill only CommitmentDiscountCategory (Usage, Spend) on CUD-covered rows.
    commitmentType: ['CommitmentDiscountType', 'CommitmentDiscountCategory'],
    commitmentStatus: 'CommitmentDiscountStatus',
    quantity: 'ConsumedQuantity',
    unit: 'ConsumedUnit',
    region: ['RegionId'],
    // AWS adds its usage type as x_UsageType; Microsoft its meter name as x_SkuMeterName (1.0),
    // renamed SkuMeter in 1.2. Without them the spec's ChargeDescription says what was charged
    // (Google's SKU description; AWS's "$0.34 per On Demand Linux c5.2xlarge Instance Hour").
    usageType: ['x_UsageType', 'x_SkuMeterName', 'SkuMeter', 'ChargeDescription', 'SkuId'],
    pricingUnit: 'PricingUnit',
    resourceType: 'ResourceType',
    meter: { category: 'x_SkuMeterCategory', subcategory: 'x_SkuMeterSubcategory', details: ['x_SkuDetails', 'SkuPriceDetails'] },
    account: 'SubAccountId',
    tags: 'Tags',
    billingPeriod: 'BillingPeriodStart',
  },
  {
    // AWS Cost and Usage Report 2.0 (Data Exports, "CUR 2.0" table), and the legacy CUR's Parquet columns.
    name: 'CUR 2.0',
    requires: ['line_item_usage_start_date', 'line_item_unblended_cost', 'line_item_usage_type', 'line_item_line_item_type'],
    start: 'line_item_usage_start_date',
    end: 'line_item_usage_end_date',
    billed: ['line_item_unblended_cost'],
    effective: ['line_item_net_unblended_cost'],
    currency: ['line_item_currency_code'],
    provider: () => `'AWS'`,
    service: ['product_product_name', 'line_item_product_code'],
    chargeCategory: 'line_item_line_item_type',
    quantity: 'line_item_usage_amount',
    unit: 'pricing_unit',
    region: ['product_region_code', 'product_region'],
    usageType: ['line_item_usage_type'],
    account: 'line_item_usage_account_id',
    tags: 'resource_tags',
    billingPeriod: 'bill_billing_period_start_date',
    invoiceId: 'bill_invoice_id',
  },
  {
    // The legacy AWS Cost and Usage Report as CSV (still the most common AWS export): `category/Column` headers,
    // costs often in E-notation (1.81E-8), user tags one column each (resourceTags/user:team).
    name: 'CUR (legacy)',
    requires: ['lineItem/UsageStartDate', 'lineItem/UnblendedCost', 'lineItem/UsageType', 'lineItem/LineItemType'],
    start: 'lineItem/UsageStartDate',
    end: 'lineItem/UsageEndDate',
    billed: ['lineItem/UnblendedCost'],
    // Its amortized cost is spread over reservation/* and savingsPlan/* columns by line item type: not one column.
    effective: [],
    currency: ['lineItem/CurrencyCode'],
    provider: () => `'AWS'`,
    service: ['product/ProductName', 'lineItem/ProductCode'],
    chargeCategory: 'lineItem/LineItemType',
    quantity: 'lineItem/UsageAmount',
    unit: 'pricing/unit',
    region: ['product/regionCode', 'product/region'],
    usageType: ['lineItem/UsageType'],
    account: 'lineItem/UsageAccountId',
    tagColumns: (key) => [`resourceTags/${key}`, `resourceTags/user:${key}`],
    billingPeriod: 'bill/BillingPeriodStartDate',
    invoiceId: 'bill/InvoiceId',
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
    service: ['Service description'],
    // A credit row names its credit type; otherwise the cost type says usage, tax or adjustment. Public
    // copies of the download disagree on how usage is written ("regular" in one, "Usage" in another).
    chargeCategory: 'Cost type',
    // A CUD's credit names it ("Committed use discount", COMMITTED_USAGE_DISCOUNT…): src/actuals/commitment-charges.ts.
    commitmentType: ['Credit type'],
    chargeCategorySql: (col) =>
      `CASE WHEN NULLIF(${col('Credit type')}, '') IS NOT NULL THEN 'Credit' ELSE CASE lower(${col('Cost type')}) WHEN 'regular' THEN 'Usage' WHEN 'usage' THEN 'Usage' WHEN 'tax' THEN 'Tax' ELSE 'Adjustment' END END`,
    quantity: 'Usage amount',
    // Amounts are written with thousands separators ("1,000").
    quantitySql: (col) => `replace(${col('Usage amount')}, ',', '')`,
    unit: 'Usage unit',
    region: [],
    usageType: ['SKU description'],
    account: 'Project ID',
  },
  {
    // The console's Reports page downloaded as CSV, grouped by day and SKU: `Date, Service description, SKU
    // description, …, Unrounded subtotal ($), Subtotal ($)`. The subtotal is after savings (credits are inside
    // it); the file ends with summary lines that name no service.
    name: 'Google Cloud Reports CSV',
    requires: ['Date', 'Service description', 'SKU description', ['Unrounded subtotal ($)', 'Subtotal ($)']],
    start: 'Date',
    end: 'Date',
    endInclusive: true,
    dateFormats: ['%b %d, %Y', '%m/%d/%Y'],
    billed: ['Unrounded subtotal ($)', 'Subtotal ($)'],
    effective: [],
    currency: [],
    provider: () => `'Google Cloud'`,
    service: ['Service description'],
    chargeCategory: 'Cost type',
    chargeCategorySql: () => `'Usage'`,
    quantity: 'Usage amount',
    quantitySql: (col) => `replace(${col('Usage amount')}, ',', '')`,
    unit: 'Usage unit',
    region: [],
    usageType: ['SKU description'],
    account: 'Project ID',
    rowFilter: (col) => `NULLIF(trim(${col('Service description')}), '') IS NOT NULL`,
  },
  {
    // Azure's cost details from Cost Management exports or the Cost Details API, actual or amortized cost:
    // Microsoft Customer Agreement camelCase (`costInBillingCurrency`), Enterprise Agreement PascalCase
    // (`CostInBillingCurrency`, or `Cost` in the older EA layout): one row per resource × meter × day,
    // dated MM/DD/YYYY by most exports.
    name: 'Azure cost details',
    requires: ['date', 'meterCategory', 'meterName', ['costInBillingCurrency', 'Cost']],
    start: 'date',
    end: 'date',
    endInclusive: true,
    dateFormats: ['%m/%d/%Y'],
    billed: ['costInBillingCurrency', 'Cost'],
    // The amortized export has the same columns: nothing says which one a file is.
    effective: [],
    currency: ['billingCurrency', 'billingCurrencyCode'],
    provider: () => `'Microsoft'`,
    service: ['meterCategory'],
    serviceCategory: 'serviceFamily',
    chargeCategory: 'chargeType',
    commitmentType: ['pricingModel'],
    quantity: 'quantity',
    unit: 'unitOfMeasure',
    // resourceLocation is "eastus" or "EastUS"; location the meter region, "US East".
    region: ['resourceLocation', 'location'],
    usageType: ['meterName'],
    meter: { category: 'meterCategory', subcategory: 'meterSubCategory', details: ['additionalInfo'] },
    // Tags are written as "key": "value" pairs without braces (EA), or as JSON (some MCA exports).
    tags: 'tags',
    account: 'SubscriptionId',
    billingPeriod: 'billingPeriodStartDate',
  },
  {
    // Azure's older usage details (pay-as-you-go and Microsoft Online Subscription Program exports, the
    // consumption API before Cost Details): `UsageDateTime`, `PreTaxCost` or `costInBillingCurrency`,
    // `UsageQuantity`, `Currency`. Localized downloads name each column in brackets after their own
    // word ("Kategorie der Verbrauchseinheit (MeterCategory)"), which the column lookup finds.
    name: 'Azure usage details',
    requires: ['UsageDateTime', 'MeterCategory', ['PreTaxCost', 'costInBillingCurrency']],
    start: 'UsageDateTime',
    end: 'UsageDateTime',
    endInclusive: true,
    dateFormats: ['%m/%d/%Y'],
    billed: ['PreTaxCost', 'costInBillingCurrency'],
    effective: [],
    currency: ['Currency', 'billingCurrency'],
    provider: () => `'Microsoft'`,
    service: ['MeterCategory'],
    chargeCategory: 'ChargeType',
    commitmentType: ['PricingModel'],
    quantity: 'UsageQuantity',
    unit: 'UnitOfMeasure',
    region: ['ResourceLocation', 'MeterRegion'],
    usageType: ['MeterName'],
    meter: { category: 'MeterCategory', subcategory: 'MeterSubcategory', details: ['AdditionalInfo'] },
    tags: 'Tags',
    account: 'SubscriptionGuid',
  },
];

export function q(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * Column names as the file spells them, found case-insensitively (SQL identifiers are). A localized
 * Azure export writes the English name in brackets ("Name der Verbrauchseinheit (MeterName)"), and
 * some exports start with a UTF-8 byte order mark: both are found by the English name.
 */
export function columnLookup(columns: ReadonlyMap<string, string>): (c: string) => string | undefined {
  const byLower = new Map<string, string>();
  for (const c of columns.keys()) {
    const bare = c.replace(/^\uFEFF/, '').trim();
    const english = /\(([A-Za-z][A-Za-z0-9]*)\)$/.exec(bare)?.[1];
    for (const name of [bare, ...(english ? [english] : [])]) if (!byLower.has(name.toLowerCase())) byLower.set(name.toLowerCase(), c);
  }
  return (c) => byLower.get(c.toLowerCase());
}

/** Whether a requirement is met, and how to name it in a message ("Cost or costInBillingCurrency"). */
export function requirementMet(r: Requirement, find: (c: string) => string | undefined): boolean {
  return typeof r === 'string' ? find(r) !== undefined : r.some((c) => find(c) !== undefined);
}

export function requirementName(r: Requirement): string {
  return typeof r === 'string' ? r : r.join(' or ');
}

export function detectDialect(columns: ReadonlyMap<string, string>): Dialect | undefined {
  const find = columnLookup(columns);
  return DIALECTS.find((d) => d.requires.every((r) => requirementMet(r, find)));
}

/**
 * The layout a file that no layout fits looks most like, and what it lacks: a FOCUS file without
 * BilledCost is a FOCUS file with a column missing, not "no billing export". Undefined when no
 * layout has even half of its columns there.
 */
export function nearestDialect(columns: ReadonlyMap<string, string>): { dialect: Dialect; missing: string[] } | undefined {
  const find = columnLookup(columns);
  const scored = DIALECTS.map((dialect) => ({ dialect, missing: dialect.requires.filter((r) => !requirementMet(r, find)).map(requirementName) }));
  const best = scored.filter((s) => s.missing.length * 2 <= s.dialect.requires.length).sort((a, b) => a.missing.length - b.missing.length)[0];
  return best;
}

/** Which rows a check takes: by the day they were used (charge period) or by the invoice they are on (billing period). */
export type PeriodBasis = 'charge' | 'billing';
export const PERIOD_BASES = ['charge', 'billing'] as const satisfies readonly PeriodBasis[];

export interface AggregateOptions {
  range: { start: string; end: string };
  selector: ActualsSelector | undefined;
  /** Default `charge`. */
  period?: PeriodBasis;
  /** The cost the report compares: its column is read strictly, the other leniently. Default `billed`. */
  costBasis?: 'billed' | 'effective';
}

export interface AggregateSql {
  sql: string;
  params: string[];
  /** Parts of the selector this layout cannot apply (no tag column), said out loud. */
  notes: string[];
}

/** The SQL pieces of one layout over one file's columns: quoting, first-present columns, dates. */
export function dialectSql(d: Dialect, columns: ReadonlyMap<string, string>) {
  const find = columnLookup(columns);
  const has = (c: string) => find(c) !== undefined;
  const col = (c: string | undefined, fallback = 'NULL') => {
    const actual = c === undefined ? undefined : find(c);
    return actual === undefined ? fallback : q(actual);
  };
  // Empty text counts as missing, so the next column in line gets its turn.
  const firstOf = (cs: readonly string[], fallback: string) => {
    const present = cs.flatMap((c) => {
      const actual = find(c);
      if (actual === undefined) return [];
      return [columns.get(actual) === 'VARCHAR' ? `NULLIF(${q(actual)}, '')` : q(actual)];
    });
    return present.length ? `COALESCE(${present.join(', ')}, ${fallback})` : fallback;
  };
  /**
   * A date column as TIMESTAMPTZ. `strict`: a value that is there but no date stops the query (a
   * required column); otherwise it reads as NULL. Layouts with their own formats try them first.
   */
  const ts = (e: string, strict: boolean) => {
    const cast = strict ? 'CAST' : 'TRY_CAST';
    const text = `CAST(${e} AS VARCHAR)`;
    const formats = (d.dateFormats ?? []).map((f) => `try_strptime(${text}, ${literal(f)})`);
    return formats.length ? `CAST(COALESCE(${formats.join(', ')}, ${cast}(${e} AS TIMESTAMP)) AS TIMESTAMPTZ)` : `${cast}(${e} AS TIMESTAMPTZ)`;
  };
  return { find, has, col, firstOf, ts };
}

/** The SQL type a required column is read as, for a message naming what its values should be. */
export const MONEY_TYPE = 'DECIMAL(38,12)';

/**
 * The one query a billing file gets: rows of the month (and of the scenario's
 * selector) summed per UTC day × provider × service × charge category × usage
 * type × region × unit. Money is summed as DECIMAL(38,12) and read back as
 * text, so no cent passes through a binary float. `from` is the table
 * function reading the file; selector values travel as parameters. Only the
 * start date and the compared cost are required: any other column that is
 * missing or unreadable in a row reads as empty, never stopping the check.
 */
export function aggregateSql(d: Dialect, columns: ReadonlyMap<string, string>, from: string, o: AggregateOptions): AggregateSql {
  const { range, selector } = o;
  const { find, has, col, firstOf, ts } = dialectSql(d, columns);
  const money = (e: string, strict: boolean) => `SUM(${strict ? 'CAST' : 'TRY_CAST'}(${e} AS ${MONEY_TYPE}))::VARCHAR`;
  const billed = firstOf(d.billed, 'NULL');
  const start = ts(col(d.start), true);
  const periodEnd = has(d.end) ? (d.endInclusive ? `${ts(col(d.end), false)} + INTERVAL 1 DAY` : ts(col(d.end), false)) : start;
  const provider = `lower(${d.provider(has)})`;
  const params: string[] = [];
  const param = (v: string) => {
    params.push(v);
    return `$${params.length}`;
  };

  const periodColumn = o.period === 'billing' && d.billingPeriod ? ts(col(d.billingPeriod), true) : undefined;
  const startColumn = find(d.start);
  const where = [
    ...(periodColumn
      ? [`${periodColumn} >= ${literal(`${range.start} 00:00:00+00`)}::TIMESTAMPTZ`, `${periodColumn} < ${literal(`${range.end} 00:00:00+00`)}::TIMESTAMPTZ`]
      : monthFilter(col(d.start), startColumn === undefined ? undefined : columns.get(startColumn), start, range)),
    ...(d.rowFilter ? [d.rowFilter(col)] : []),
  ];
  const notes: string[] = [];
  const providerFilter = (match: string, { tags, accounts, what, account = (sql: string) => sql }: FileSelector) => {
    const conds: string[] = [];
    const tagged = (d.tags !== undefined && has(d.tags)) || d.tagColumns !== undefined;
    if (tags && Object.keys(tags).length && !tagged) notes.push(`this ${d.name} file has no tags column: ${what} was not applied`);
    for (const [key, value] of Object.entries(tagged ? (tags ?? {}) : {})) {
      // AWS writes user-defined tags as `user:team` (FOCUS) or `user_team` (CUR 2.0); `team` finds all three.
      const spellings = d.tagColumns
        ? d.tagColumns(key).flatMap((c) => (has(c) ? [`NULLIF(${col(c)}, '')`] : []))
        : [key, `user:${key}`, `user_${key}`].map((k) => tagValue(d, columns, param(k)));
      conds.push(spellings.length ? `COALESCE(${spellings.join(', ')}) = ${param(value)}` : 'false');
    }
    if (accounts?.length && d.account && has(d.account)) conds.push(`${account(`CAST(${col(d.account)} AS VARCHAR)`)} IN (${accounts.map(param).join(', ')})`);
    return conds.length ? `(NOT (${match}) OR (${conds.join(' AND ')}))` : undefined;
  };
  for (const c of Object.values(CLOUDS)) {
    const filter = providerFilter(c.bill.providerNameSql(provider), c.bill.fileSelector(selector));
    if (filter) where.push(filter);
  }

  const effectiveStrict = o.costBasis === 'effective';
  const sql = `SELECT
  strftime(${start}, '%Y-%m-%d') AS day,
  strftime(max(${periodEnd}), '%Y-%m-%dT%H:%M:%SZ') AS period_end,
  ${d.provider(has)} AS provider,
  ${firstOf(d.service, "''")} AS service,
  COALESCE(${col(d.serviceCategory, "''")}, '') AS service_category,
  COALESCE(${d.chargeCategorySql ? d.chargeCategorySql(col) : col(d.chargeCategory)}, '') AS charge_category,
  COALESCE(${col(d.chargeClass, "''")}, '') AS charge_class,
  ${firstOf(d.commitmentType ?? [], "''")} AS commitment_type,
  COALESCE(${col(d.commitmentStatus, "''")}, '') AS commitment_status,
  ${firstOf(d.usageType, "''")} AS usage_type,
  ${firstOf(d.region, "''")} AS region,
  ${meterColumns(d, col, firstOf)},
  COALESCE(${col(d.unit)}, '') AS unit,
  COALESCE(${col(d.pricingUnit, "''")}, '') AS pricing_unit,
  COALESCE(${col(d.resourceType, "''")}, '') AS resource_type,
  ${firstOf(d.currency, "''")} AS currency,
  ${d.invoiceId && has(d.invoiceId) ? `bool_or(NULLIF(CAST(${col(d.invoiceId)} AS VARCHAR), '') IS NULL)` : 'false'} AS estimated,
  ${money(billed, !effectiveStrict)} AS billed,
  ${money(firstOf(d.effective, billed), effectiveStrict)} AS effective,
  ${money(d.quantitySql ? d.quantitySql(col) : col(d.quantity), false)} AS quantity
FROM ${from}
WHERE ${where.join('\n  AND ')}
GROUP BY ALL`;
  return { sql, params, notes };
}

/**
 * The rows of the month. A timestamp column (Parquet) is compared as stored, with
 * bounds of its own type: casting every row to TIMESTAMPTZ before filtering costs
 * a third of the scan, and a TIMESTAMP read in UTC (the session's time zone) is the
 * same instant either way. Text (CSV) is cast first, since its spellings vary.
 */
function monthFilter(column: string, type: string | undefined, cast: string, range: { start: string; end: string }): string[] {
  const bound = (day: string) => {
    if (type === 'DATE') return `DATE ${literal(day)}`;
    if (type === 'TIMESTAMP WITH TIME ZONE') return `${literal(`${day} 00:00:00+00`)}::TIMESTAMPTZ`;
    if (type !== undefined && /^TIMESTAMP(_S|_MS|_NS)?$/.test(type)) return `${literal(`${day} 00:00:00`)}::${type}`;
    return undefined;
  };
  const [start, end] = [bound(range.start), bound(range.end)];
  if (start && end) return [`${column} >= ${start}`, `${column} < ${end}`];
  return [`${cast} >= ${literal(`${range.start} 00:00:00+00`)}::TIMESTAMPTZ`, `${cast} < ${literal(`${range.end} 00:00:00+00`)}::TIMESTAMPTZ`];
}

/** Azure's meter category, subcategory and VM size as text ('' when the layout or the row has none). */
function meterColumns(d: Dialect, col: (c: string | undefined, fallback?: string) => string, firstOf: (cs: readonly string[], fallback: string) => string): string {
  const details = d.meter ? firstOf(d.meter.details, 'NULL') : 'NULL';
  // A row whose details are not JSON (or absent) has no size; the meter name still names it. Microsoft's
  // FOCUS 1.2 prefixes the keys it adds to SkuPriceDetails with x_.
  const text = `CAST(${details} AS VARCHAR)`;
  const size = `CASE WHEN json_valid(${text}) THEN COALESCE(json_extract_string(${text}, '$.ServiceType'), json_extract_string(${text}, '$.x_ServiceType')) END`;
  return [
    `COALESCE(${col(d.meter?.category, "''")}, '') AS meter_category`,
    `COALESCE(${col(d.meter?.subcategory, "''")}, '') AS meter_subcategory`,
    `COALESCE(${size}, '') AS vm_size`,
  ].join(',\n  ');
}

/**
 * A tag's value whether Tags is JSON text (FOCUS CSV), a MAP (Parquet) or Azure's EA pairs without
 * braces (`"env": "prod","team": "ml"`, made JSON by adding them); text that is no JSON has no tags.
 */
function tagValue(d: Dialect, columns: ReadonlyMap<string, string>, keyParam: string): string {
  const column = d.tags ? columnLookup(columns)(d.tags) : undefined;
  const type = column === undefined ? undefined : columns.get(column);
  if (column === undefined || type === undefined) return 'NULL';
  if (type.startsWith('MAP')) return `${q(column)}[${keyParam}]`;
  const raw = `trim(CAST(${q(column)} AS VARCHAR))`;
  const text = `CASE WHEN starts_with(${raw}, '{') THEN ${raw} ELSE '{' || ${raw} || '}' END`;
  return `CASE WHEN json_valid(${text}) THEN json_extract_string(${text}, '$."' || replace(${keyParam}, '"', '\\"') || '"') END`;
}
