import { join } from 'node:path';
import { formatOption } from '../cli/format-option.js';
import { EXIT, UsageError, listOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { diffJson, diffMarkdown, diffTable, type DiffSides } from '../format/pricing-diff.js';
import { PROVIDERS } from '../model/scenario.js';
import { diffTables } from '../pricing/diff.js';
import { displayPath } from '../model/diagnostics.js';
import { bundledPricingDir, readPricingFile } from '../pricing/load.js';
import { cloud, offerFileClouds } from '../providers/index.js';
import { progressLine } from './pricing-progress.js';
import { timeoutOption } from '../cli/timeout-option.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../remote/discipline.js';

/** A provider name stands for its bundled table, so `pricing diff aws new.yaml` reads naturally. */
function tableFile(arg: string): string {
  return (PROVIDERS as readonly string[]).includes(arg) ? join(bundledPricingDir(), `${arg}.yaml`) : arg;
}

/** The table against its provider's API today: nothing is written. */
async function live(args: ParsedArgs, io: Io, format: string) {
  if (args.positionals.length !== 1) throw new UsageError('pricing diff --live needs one table: a file, or aws|gcp|azure for the bundled table');
  const file = tableFile(args.positionals[0]!);
  const older = readPricingFile(file).table;
  const inputs = listOption(args, 'input');
  if (inputs.length && !cloud(older.provider).prices.offerFiles) throw new UsageError(`--input (a bulk offer file) is only for ${offerFileClouds()}`);
  // The API clients load only on this path.
  const { refreshTable } = await import('../pricing/update/live.js');
  const onProgress = format === 'json' ? undefined : progressLine(io);
  const { merged, fetch } = await refreshTable(file, older, { inputs, onProgress, timeoutMs: timeoutOption(args, DEFAULT_TIMEOUT_SECONDS.pricing) });
  if (onProgress) io.stderr.write('\r\x1b[K');
  return { older, newer: merged.table, oldFile: file, newFile: fetch.source };
}

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const format = formatOption(args, ['table', 'json', 'markdown']);
  if (args.values.live !== true && args.values.input !== undefined) throw new UsageError('--input goes with --live');
  let older, newer, oldFile: string, newFile: string;
  if (args.values.live === true) ({ older, newer, oldFile, newFile } = await live(args, io, format));
  else {
    if (args.positionals.length !== 2) throw new UsageError('pricing diff needs two tables: OLD NEW (a file, or aws|gcp|azure for the bundled table), or one with --live');
    [oldFile, newFile] = args.positionals.map(tableFile) as [string, string];
    older = readPricingFile(oldFile).table;
    newer = readPricingFile(newFile).table;
  }
  if (older.provider !== newer.provider) throw new UsageError(`cannot compare the ${older.provider} table with the ${newer.provider} table`);
  const units = (t: typeof older) => `${t.units?.transfer ?? 'GB'}/${t.units?.storage ?? 'GB'}`;
  if (units(older) !== units(newer)) throw new UsageError(`the tables quote rates in different units (${units(older)} vs ${units(newer)}); their rates cannot be compared`);
  const changes = diffTables(older, newer);
  const sides: DiffSides = {
    provider: newer.provider,
    old: { file: displayPath(oldFile), as_of: older.as_of },
    new: { file: args.values.live === true ? newFile : displayPath(newFile), as_of: newer.as_of },
  };
  const render = format === 'json' ? diffJson : format === 'markdown' ? diffMarkdown : diffTable;
  io.stdout.write(render(changes, sides));
  return EXIT.ok;
}
