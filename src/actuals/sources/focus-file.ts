import { createReadStream, existsSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { ActualsSelector } from '../../model/actuals-selector.js';
import { Decimal } from '../../model/decimal.js';
import type { BillingRecord } from '../../model/billing-record.js';
import { normalizeProvider } from '../../providers/index.js';
import { InputError } from '../../model/diagnostics.js';
import type { SourceResult } from '../source.js';
import type { CostBasis } from '../reconcile.js';
import { aggregateSql, columnLookup, detectDialect, DIALECTS, literal } from './dialects.js';
import { literalPath } from './duckdb-path.js';

/** The DuckDB table function for a billing file, chosen by its name; `skip` lines come before the header. */
export function tableFunction(file: string, skip = 0): string {
  const path = literal(literalPath(file));
  if (/\.parquet$/i.test(file)) return `read_parquet(${path})`;
  // Every CSV column as text: DuckDB's type sniffing would read costs as DOUBLE. Gzip is detected from .gz.
  if (/\.csv(\.gz)?$/i.test(file)) return `read_csv(${path}, header = true, all_varchar = true${skip ? `, skip = ${skip}` : ''})`;
  throw new InputError([{ file, message: 'not a billing export file tollgate reads', suggestion: 'give a .csv, .csv.gz or .parquet export' }]);
}

/**
 * A billing export file (FOCUS CSV/Parquet, AWS CUR 2.0, Google's cost table CSV) read by DuckDB: the
 * month's rows are filtered and summed in SQL and only the per-day aggregates
 * reach JavaScript, so a file of millions of rows costs a few thousand records.
 */
export async function readBillingFile(
  file: string,
  range: { start: string; end: string },
  selector: ActualsSelector | undefined,
  costBasis: CostBasis = 'billed',
): Promise<SourceResult> {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new InputError([{ file, message: 'billing file not found', suggestion: '--source takes aws, gcp, sample or the path of a billing export file' }]);
  }
  const from = tableFunction(file, /\.parquet$/i.test(file) ? 0 : headerLine(await leadingLines(file)));
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`SET TimeZone = 'UTC'`);
    const described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRowObjectsJson();
    const columns = new Map(described.map((r) => [String(r.column_name), String(r.column_type)]));
    const dialect = detectDialect(columns);
    if (!dialect) {
      const expected = DIALECTS.map((d) => `${d.name} (${d.requires.join(', ')})`).join('; or ');
      throw new InputError([{ file, message: 'not a billing export tollgate recognizes', suggestion: `expected the columns of ${expected}` }]);
    }
    if (costBasis === 'effective' && !(dialect.amortized && dialect.effective.some((c) => columnLookup(columns)(c) !== undefined))) {
      throw new InputError([
        {
          file,
          message: `this ${dialect.name} file has no amortized cost column${dialect.amortized ? ` (${dialect.effective.join(', ')})` : ''}, so --cost effective cannot be reported from it`,
          suggestion: 'use --cost billed, or a FOCUS export (its EffectiveCost is amortized)',
        },
      ]);
    }
    const { sql, params, notes } = aggregateSql(dialect, columns, from, range, selector);
    const rows = (await connection.runAndReadAll(sql, params)).getRowObjectsJson();
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
      consumedQuantity: new Decimal(String(r.quantity ?? '0')),
      consumedUnit: String(r.unit),
      regionId: String(r.region),
      skuId: '',
      resourceId: '',
      tags: {},
      usageType: String(r.usage_type),
      estimated: false,
      ...(r.meter_category || r.vm_size
        ? { meter: { category: String(r.meter_category), subcategory: String(r.meter_subcategory), vmSize: String(r.vm_size) } }
        : {}),
    }));
    return { source: `${file} (${dialect.name})`, records, notes };
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
    return DIALECTS.some((d) => d.requires.every((c) => lower.includes(c.toLowerCase())));
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
