import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { ActualsSelector } from '../../model/actuals-selector.js';
import { Decimal } from '../../model/decimal.js';
import type { BillingRecord } from '../../model/billing-record.js';
import { normalizeProvider } from '../../providers/index.js';
import { InputError } from '../../model/diagnostics.js';
import type { SourceResult } from '../source.js';
import type { CostBasis } from '../reconcile.js';
import { aggregateSql, columnLookup, detectDialect, DIALECTS, literal, type Dialect, type PeriodBasis } from './dialects.js';
import { badValue, coverageOf, emptyMonth, unrecognized } from './file-checks.js';
import { billingFiles, type BillingFiles } from './billing-files.js';
import { literalPath } from './duckdb-path.js';
import { specMatchingNotes } from './spec-matching.js';

/** How nulls are written: empty, or the literal NULL of the FOCUS sample and of database dumps. */
const NULLS = `['', 'NULL', 'null']`;

/** The DuckDB table function for billing files of one format; `skip` lines come before the header. */
export function tableFunction(files: BillingFiles, skip = 0): string {
  // DuckDB reads *, ? and [ in any path as a glob: only a pattern the user wrote is one.
  const paths = `[${files.paths.map((p) => literal(files.pattern ? p : literalPath(p))).join(', ')}]`;
  // Parts of one export may differ in columns (a tag first used mid-month): columns are matched by name.
  if (files.format === 'parquet') return `read_parquet(${paths}, union_by_name = true)`;
  // Every CSV column as text: DuckDB's type sniffing would read costs as DOUBLE. Gzip is detected from .gz.
  return `read_csv(${paths}, header = true, all_varchar = true, nullstr = ${NULLS}, union_by_name = true${skip ? `, skip = ${skip}` : ''})`;
}

export interface ReadOptions {
  /** Which rows belong to the month: by charge period (default) or by billing period (the invoice). */
  period?: PeriodBasis;
}

/**
 * Billing export files (FOCUS CSV/Parquet, AWS CUR 2.0 and legacy CUR, Azure cost details, Google's cost
 * table and Reports CSVs) read by DuckDB: the month's rows are filtered and summed in SQL and only the
 * per-day aggregates reach JavaScript, so a file of millions of rows costs a few thousand records.
 * `source` is a file, a folder of export parts, or a glob pattern.
 */
export async function readBillingFile(
  source: string,
  range: { start: string; end: string },
  selector: ActualsSelector | undefined,
  costBasis: CostBasis = 'billed',
  options: ReadOptions = {},
): Promise<SourceResult> {
  const files = billingFiles(source);
  const skip = files.format === 'parquet' ? 0 : headerLine(await leadingLines(files.paths[0]!));
  const from = tableFunction(files, skip);
  const period = options.period ?? 'charge';
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const file = files.display;
  try {
    await connection.run(`SET TimeZone = 'UTC'`);
    const described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRowObjectsJson();
    const columns = new Map(described.map((r) => [String(r.column_name), String(r.column_type)]));
    const dialect = detectDialect(columns);
    if (!dialect) throw unrecognized(file, columns, skip, files);
    if (costBasis === 'effective' && !(dialect.amortized && dialect.effective.some((c) => columnLookup(columns)(c) !== undefined))) {
      throw new InputError([
        {
          file,
          message: `this ${dialect.name} file has no amortized cost column${dialect.amortized ? ` (${dialect.effective.join(', ')})` : ''}, so --cost effective cannot be reported from it`,
          suggestion: 'use --cost billed, or a FOCUS export (its EffectiveCost is amortized)',
        },
      ]);
    }
    if (period === 'billing' && !(dialect.billingPeriod && columnLookup(columns)(dialect.billingPeriod))) {
      throw new InputError([
        {
          file,
          message: `this ${dialect.name} file has no billing period column${dialect.billingPeriod ? ` (${dialect.billingPeriod})` : ''}, so --period billing cannot select its invoice`,
          suggestion: '--period charge reads the rows by the days they were used',
        },
      ]);
    }
    const { sql, params, notes } = aggregateSql(dialect, columns, from, { range, selector, period, costBasis });
    let rows;
    try {
      rows = (await connection.runAndReadAll(sql, params)).getRowObjectsJson();
    } catch (e) {
      throw (await badValue(connection, dialect, columns, from, files, skip, costBasis)) ?? e;
    }
    const records = rows.map((r): BillingRecord => ({
      provider: normalizeProvider(String(r.provider ?? '')),
      chargePeriodStart: `${r.day}T00:00:00Z`,
      chargePeriodEnd: String(r.period_end),
      billedCost: new Decimal(String(r.billed ?? '0')),
      effectiveCost: new Decimal(String(r.effective ?? '0')),
      billingCurrency: String(r.currency),
      serviceName: String(r.service),
      serviceCategory: String(r.service_category),
      chargeCategory: String(r.charge_category),
      ...(r.charge_class ? { chargeClass: String(r.charge_class) } : {}),
      consumedQuantity: new Decimal(String(r.quantity ?? '0')),
      consumedUnit: String(r.unit),
      regionId: String(r.region),
      skuId: '',
      resourceId: '',
      tags: {},
      usageType: String(r.usage_type),
      estimated: r.estimated === true,
      ...(r.pricing_unit ? { pricingUnit: String(r.pricing_unit) } : {}),
      ...(r.resource_type ? { resourceType: String(r.resource_type) } : {}),
      ...(r.commitment_type ? { commitment: { type: String(r.commitment_type), status: String(r.commitment_status ?? '') } } : {}),
      ...(r.meter_category || r.vm_size
        ? { meter: { category: String(r.meter_category), subcategory: String(r.meter_subcategory), vmSize: String(r.vm_size) } }
        : {}),
    }));
    const label = `${file} (${dialect.name}${files.paths.length > 1 ? `, ${files.paths.length} files` : ''})`;
    const coverage = await coverageOf(connection, dialect, columns, from, range, records, period);
    if (coverage?.empty) throw emptyMonth(file, range, period, coverage);
    const find = columnLookup(columns);
    const matching = dialect.name === 'FOCUS' ? specMatchingNotes((c) => find(c) !== undefined, records) : {};
    return {
      source: label,
      records,
      notes,
      ...(Object.keys(matching).length ? { matching } : {}),
      ...(coverage ? { coverage: { first: coverage.first, last: coverage.last } } : {}),
    };
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError([{ file, message: `DuckDB could not read it: ${(e as Error).message.split('\n')[0]}` }]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * Google's cost table CSV opens with a few summary lines (account, invoice
 * total) before its header; the header is the first line naming every column
 * one of the layouts requires. Zero when the file starts with its header.
 */
export function headerLine(lines: readonly string[]): number {
  const index = lines.findIndex((line) => {
    const lower = line.toLowerCase();
    return DIALECTS.some((d) => d.requires.every((r) => (typeof r === 'string' ? [r] : r).some((c) => lower.includes(c.toLowerCase()))));
  });
  return Math.max(index, 0);
}

/** The first lines of a (possibly gzipped) CSV: 64 KiB at most is read, never the whole file. */
async function leadingLines(file: string): Promise<string[]> {
  const raw = createReadStream(file, { start: 0, end: 65_535 });
  const stream = /\.gz$/i.test(file) ? raw.pipe(createGunzip()) : raw;
  let text = '';
  try {
    for await (const chunk of stream) {
      text += String(chunk);
      if (text.length >= 65_536) break;
    }
  } catch {
    // A gzip stream cut at 64 KiB ends with an error after yielding what it could.
  } finally {
    raw.destroy();
  }
  return text.split(/\r?\n/).slice(0, 50);
}
