import { join } from 'node:path';
import { formatOption } from '../cli/format-option.js';
import { EXIT, UsageError, type Io, type ParsedArgs } from '../cli/verb.js';
import { diffJson, diffMarkdown, diffTable, type DiffSides } from '../format/pricing-diff.js';
import { PROVIDERS } from '../model/scenario.js';
import { diffTables } from '../pricing/diff.js';
import { bundledPricingDir, displayPath, readPricingFile } from '../pricing/load.js';

/** A provider name stands for its bundled table, so `pricing diff aws new.yaml` reads naturally. */
function tableFile(arg: string): string {
  return (PROVIDERS as readonly string[]).includes(arg) ? join(bundledPricingDir(), `${arg}.yaml`) : arg;
}

export function run(args: ParsedArgs, io: Io): number {
  const format = formatOption(args, ['table', 'json', 'markdown']);
  if (args.positionals.length !== 2) throw new UsageError('pricing diff needs two tables: OLD NEW (a file, or aws|gcp|azure for the bundled table)');
  const [oldFile, newFile] = args.positionals.map(tableFile) as [string, string];
  const older = readPricingFile(oldFile).table;
  const newer = readPricingFile(newFile).table;
  if (older.provider !== newer.provider) throw new UsageError(`cannot compare the ${older.provider} table with the ${newer.provider} table`);
  const units = (t: typeof older) => `${t.units?.transfer ?? 'GB'}/${t.units?.storage ?? 'GB'}`;
  if (units(older) !== units(newer)) throw new UsageError(`the tables quote rates in different units (${units(older)} vs ${units(newer)}); their rates cannot be compared`);
  const changes = diffTables(older, newer);
  const sides: DiffSides = {
    provider: newer.provider,
    old: { file: displayPath(oldFile), as_of: older.as_of },
    new: { file: displayPath(newFile), as_of: newer.as_of },
  };
  const render = format === 'json' ? diffJson : format === 'markdown' ? diffMarkdown : diffTable;
  io.stdout.write(render(changes, sides));
  return EXIT.ok;
}
