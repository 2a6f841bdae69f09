import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../model/diagnostics.js';

/** The files one `--source` names, all of one format, and how to name them in a report. */
export interface BillingFiles {
  paths: string[];
  format: 'csv' | 'parquet';
  display: string;
  /** The one path is a glob pattern the user wrote; other paths are files, read as named. */
  pattern?: boolean;
}

const CSV = /\.csv(\.gz)?$/i;
const PARQUET = /\.parquet$/i;
const GLOB = /[*?[]/;

/**
 * A billing export as given: one file, a folder of export parts (AWS and Azure split a month into
 * parts, and a folder may hold several months: the month is chosen by date, not by file), or a
 * glob pattern the user wrote. A literal file name is never read as a pattern.
 */
export function billingFiles(source: string): BillingFiles {
  if (existsSync(source)) {
    const stat = statSync(source);
    if (stat.isFile()) return { paths: [source], format: formatOf(source), display: source };
    if (stat.isDirectory()) return partsOf(source, listFiles(source), `${source} (a folder)`);
  }
  if (GLOB.test(source)) return { paths: [source], format: formatOf(source), display: source, pattern: true };
  throw new InputError([{ file: source, message: 'billing file not found', suggestion: '--source takes aws, gcp, sample, a billing export file, a folder of export parts or a glob pattern' }]);
}

function formatOf(file: string): 'csv' | 'parquet' {
  if (PARQUET.test(file)) return 'parquet';
  if (CSV.test(file)) return 'csv';
  throw new InputError([{ file, message: 'not a billing export file tollgate reads', suggestion: 'give a .csv, .csv.gz or .parquet export' }]);
}

function partsOf(folder: string, files: string[], display: string): BillingFiles {
  const parquet = files.filter((f) => PARQUET.test(f));
  const csv = files.filter((f) => CSV.test(f));
  if (parquet.length && csv.length) {
    throw new InputError([{ file: folder, message: `the folder holds both CSV (${csv.length}) and Parquet (${parquet.length}) exports`, suggestion: 'give a folder of one format, or a glob pattern such as DIR/**/*.parquet' }]);
  }
  if (!parquet.length && !csv.length) {
    throw new InputError([{ file: folder, message: 'the folder holds no .csv, .csv.gz or .parquet export', suggestion: 'give the folder the export writes its parts to' }]);
  }
  return parquet.length ? { paths: parquet, format: 'parquet', display } : { paths: csv, format: 'csv', display };
}

/** Every file under a folder, sorted, so the parts are read in the same order on every run. */
function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((f) => join(folder, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}
