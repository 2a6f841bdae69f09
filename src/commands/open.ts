import { EXIT, listOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { formatTable } from '../format/table.js';
import { projectFile } from './project.js';

export const DEFAULT_SCENARIO = 'scenarios/recsys-feature-store.yaml';

/** Until the interactive session lands, `open` prints the same table `estimate` does. */
export function run(args: ParsedArgs, io: Io): number {
  const files = args.positionals.length ? args.positionals : [DEFAULT_SCENARIO];
  const pricing = listOption(args, 'pricing');
  const projections = files.map((f) => projectFile(f, pricing));
  io.stdout.write(projections.map((p) => formatTable(p.estimate)).join('\n'));
  return EXIT.ok;
}
