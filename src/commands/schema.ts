import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXIT, UsageError, type Io, type ParsedArgs } from '../cli/verb.js';
import { bundledPricingDir } from '../pricing/load.js';

/** The scenario JSON Schema the package ships (scenarios/schema.json, written by npm run schema). */
export function run(args: ParsedArgs, io: Io): number {
  if (args.positionals.length) throw new UsageError('schema takes no arguments');
  io.stdout.write(readFileSync(join(dirname(bundledPricingDir()), 'scenarios', 'schema.json'), 'utf8'));
  return EXIT.ok;
}
