import { dirname, join } from 'node:path';
import { actualsOptions } from '../cli/actuals-options.js';
import { pricesOption } from '../cli/prices-option.js';
import { EXIT, UsageError, listOption, stringOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { formatTable } from '../format/table.js';
import { displayPath } from '../model/diagnostics.js';
import { bundledPricingDir } from '../pricing/load.js';
import type { ActualsSetup } from '../tui/actuals-state.js';
import { loadDoc } from '../tui/load.js';
import { defaultActualsSetup } from '../tui/state.js';

/** The bundled example, found next to the install so a bare `tollgate` works from any folder. */
function bundledExample(): string {
  return displayPath(join(dirname(bundledPricingDir()), 'scenarios', 'recsys-feature-store.yaml'));
}

const MOST = 4;

/**
 * The actuals view's options, parsed as `tollgate actuals` parses them (--source, or
 * --actuals-source as `open` first called it): bad ones are refused before any screen opens.
 */
function actualsSetup(args: ParsedArgs): ActualsSetup {
  const [source, alias] = [stringOption(args, 'source'), stringOption(args, 'actuals-source')];
  if (source !== undefined && alias !== undefined && source !== alias) throw new UsageError('give --source or --actuals-source, not both');
  return { ...defaultActualsSetup(), ...actualsOptions(args, source ?? alias) };
}

/**
 * The interactive session on a terminal; without one (pipes, CI) the static
 * estimate table, exit 0. Every scenario is loaded and priced first, so input
 * errors are reported as file:line:col before any screen opens.
 */
export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const files = args.positionals.length ? args.positionals : [bundledExample()];
  const setup = actualsSetup(args);
  if (files.length > MOST) throw new UsageError(`the session opens at most ${MOST} scenarios side by side (got ${files.length})`);
  const interactive = Boolean(io.stdout.isTTY && io.stdin.isTTY);
  // Ink draws only the last frame when CI is set; with a terminal on both ends a
  // person is at the keyboard (a CI variable left in a shell must not freeze it).
  if (interactive) for (const v of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[v];
  // Ink and React load only on a terminal, so the non-interactive paths never pay for
  // them; started before the scenarios are read, Yoga's WebAssembly compiles meanwhile.
  const session = interactive ? import('../tui/run.js') : undefined;
  session?.catch(() => {}); // a scenario error below is the one to report
  const docs = files.map((f) => loadDoc(f, listOption(args, 'pricing'), pricesOption(args)));
  if (!session) {
    io.stdout.write(docs.map((d) => formatTable(d.current.estimate)).join('\n'));
    return EXIT.ok;
  }
  const { runSession } = await session;
  return runSession(docs, io, setup);
}
