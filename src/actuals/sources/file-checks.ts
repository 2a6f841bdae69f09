import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { BillingRecord } from '../../model/billing-record.js';
import { InputError, type Diagnostic } from '../../model/diagnostics.js';
import type { CostBasis } from '../reconcile.js';
import type { BillingFiles } from './billing-files.js';
import { dialectSql, DIALECTS, literal, MONEY_TYPE, nearestDialect, requirementName, type Dialect, type PeriodBasis } from './dialects.js';

/**
 * What a billing file gets wrong or lacks, said so the user can fix it: a layout it nearly is,
 * a required value that is no date or number (located), a month it has no rows for, or days it
 * stops short of.
 */

/** No layout fits: name the one it looks like and what it lacks, or list what each layout needs. */
export function unrecognized(file: string, columns: ReadonlyMap<string, string>, skip: number, files: BillingFiles): InputError {
  const near = nearestDialect(columns);
  const position = files.format === 'parquet' ? {} : { position: { line: skip + 1, col: 1 } };
  if (near) {
    const missing = near.missing.join(', ');
    return new InputError([
      {
        file: files.paths[0]!,
        ...position,
        message: `this looks like ${/^[AEIOU]/i.test(near.dialect.name) ? 'an' : 'a'} ${near.dialect.name} export, but it has no ${missing} column${near.missing.length > 1 ? 's' : ''}`,
        suggestion: `${near.dialect.name} needs ${near.dialect.requires.map(requirementName).join(', ')}; export the file again with ${near.missing.length > 1 ? 'them' : 'it'}`,
      },
    ]);
  }
  // DuckDB falls back to one column when no delimiter splits every line alike: the header is there, the rows are not in step with it.
  const [only] = columns.keys();
  if (columns.size === 1 && only && /[,;\t]/.test(only)) {
    return new InputError([
      {
        file: files.paths[0]!,
        ...position,
        message: 'its lines cannot be split into the columns the header names: rows have differing numbers of fields (a field holding commas that is not quoted?)',
        suggestion: 'export the file again, or quote fields that hold the delimiter',
      },
    ]);
  }
  const expected = DIALECTS.map((d) => `${d.name} (${d.requires.map(requirementName).join(', ')})`).join('; or ');
  return new InputError([{ file, message: 'not a billing export tollgate recognizes', suggestion: `expected the columns of ${expected}` }]);
}

/**
 * The query stopped on a value: find the first row whose required column (the start date, the
 * compared cost) holds something that is no date or number, and say where it is. Undefined when
 * no such value is found (the failure was something else).
 */
export async function badValue(
  connection: DuckDBConnection,
  d: Dialect,
  columns: ReadonlyMap<string, string>,
  from: string,
  files: BillingFiles,
  skip: number,
  costBasis: CostBasis,
): Promise<InputError | undefined> {
  const { find, ts } = dialectSql(d, columns);
  const costs = costBasis === 'effective' ? d.effective : d.billed;
  const checks: { column: string | undefined; what: string; bad: (v: string) => string }[] = [
    { column: find(d.start), what: 'a date', bad: (v) => `${ts(v, false)} IS NULL` },
    // The first cost column present is the one read (COALESCE), so it is the one checked.
    { column: costs.map(find).find((c) => c !== undefined), what: 'a number', bad: (v) => `TRY_CAST(${v} AS ${MONEY_TYPE}) IS NULL` },
  ];
  // One thread keeps the rows in file order, so a row's number is its place in the file.
  await connection.run('SET threads = 1');
  for (const { column, what, bad } of checks) {
    if (!column) continue;
    const v = `CAST("${column.replace(/"/g, '""')}" AS VARCHAR)`;
    const sql = `SELECT filename, n, v FROM (SELECT filename, row_number() OVER (PARTITION BY filename) AS n, ${v} AS v FROM ${from.replace(/\)$/, ', filename = true)')})
WHERE v IS NOT NULL AND ${bad('v')} LIMIT 1`;
    const found = (await connection.runAndReadAll(sql)).getRowObjectsJson()[0];
    if (!found) continue;
    const value = String(found.v);
    const path = String(found.filename);
    const row = Number(found.n);
    const diagnostic: Diagnostic =
      files.format === 'parquet'
        ? { file: path, message: `row ${row}: ${column} is not ${what}: ${JSON.stringify(value)} (read as ${d.name})` }
        : { file: path, position: await cellPosition(path, skip + 1 + row, value), message: `${column} is not ${what}: ${JSON.stringify(value)} (read as ${d.name})` };
    return new InputError([{ ...diagnostic, suggestion: `${column} is required to compare the bill; fix or remove that row` }]);
  }
  return undefined;
}

/** Where a value sits on a line of a CSV: the line's text is read (one line, streamed) to find its column. */
async function cellPosition(file: string, line: number, value: string): Promise<{ line: number; col: number }> {
  const raw = createReadStream(file);
  const lines = createInterface({ input: /\.gz$/i.test(file) ? raw.pipe(createGunzip()) : raw, crlfDelay: Infinity });
  let n = 0;
  let col = 1;
  for await (const text of lines) {
    if (++n < line) continue;
    col = columnOf(text, value);
    break;
  }
  lines.close();
  raw.destroy();
  return { line, col };
}

/** The 1-based column where a cell holding `value` starts on a CSV line (1 when it cannot be told). */
export function columnOf(text: string, value: string): number {
  for (const cell of [`"${value.replace(/"/g, '""')}"`, value]) {
    if (text.startsWith(`${cell},`) || text === cell) return 1;
    const at = [`,${cell},`, `,${cell}`].map((s) => text.indexOf(s)).find((i) => i >= 0);
    if (at !== undefined) return at + 2;
  }
  return 1;
}

export interface Coverage {
  first: string;
  last: string;
  /** Rows of the month there are, but the selector leaves none. */
  selected: boolean;
  empty: boolean;
}

/**
 * What days the file covers, asked only when the month's rows stop short of its last day (or
 * there are none): an export taken mid-month, or a file of another month. A month whose rows run
 * to its end costs no second scan.
 */
export async function coverageOf(
  connection: DuckDBConnection,
  d: Dialect,
  columns: ReadonlyMap<string, string>,
  from: string,
  range: { start: string; end: string },
  records: readonly BillingRecord[],
  period: PeriodBasis,
): Promise<Coverage | undefined> {
  const lastWanted = new Date(Date.parse(`${range.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const lastSeen = records.reduce((m, r) => (r.chargePeriodStart > m ? r.chargePeriodStart : m), '').slice(0, 10);
  if (records.length && (lastSeen >= lastWanted || period === 'billing')) return undefined;
  const { ts, col } = dialectSql(d, columns);
  const start = ts(col(d.start), false);
  const inMonth = `${start} >= ${literal(`${range.start} 00:00:00+00`)}::TIMESTAMPTZ AND ${start} < ${literal(`${range.end} 00:00:00+00`)}::TIMESTAMPTZ`;
  const sql = `SELECT strftime(min(${start}), '%Y-%m-%d') AS first, strftime(max(${start}), '%Y-%m-%d') AS last, count(*) FILTER (WHERE ${inMonth}) AS month_rows
FROM ${from}${d.rowFilter ? ` WHERE ${d.rowFilter(col)}` : ''}`;
  const row = (await connection.runAndReadAll(sql)).getRowObjectsJson()[0] ?? {};
  const first = String(row.first ?? '');
  const last = String(row.last ?? '');
  if (!records.length) return { first, last, selected: Number(row.month_rows ?? 0) > 0, empty: true };
  // Quiet last days in a file that runs on past them are no gap.
  return last < lastWanted ? { first, last, selected: true, empty: false } : undefined;
}

export function emptyMonth(file: string, range: { start: string; end: string }, period: PeriodBasis, c: Coverage): InputError {
  const month = range.start.slice(0, 7);
  const covers = c.first ? `the file covers ${c.first}..${c.last}` : 'the file has no dated rows';
  return new InputError([
    {
      file,
      message: c.selected
        ? `the file has rows for ${month}, but none that the scenario's actuals selector keeps (${covers})`
        : `no rows for ${month}${period === 'billing' ? ' (billing period)' : ''}: ${covers}`,
      suggestion: c.selected ? "check the scenario's actuals: tags, accounts, projects or subscriptions" : c.first ? `use --month ${c.first.slice(0, 7)}, or the export for ${month}` : 'export the month again',
    },
  ]);
}

