import { UsageError, EXIT, type Io, type ParsedArgs } from '../cli/verb.js';
import { VERBS } from '../cli/verbs.js';
import { completionTree } from '../completion/tree.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;

/**
 * `tollgate completion SHELL` prints the script; the script then asks
 * `tollgate completion complete -- WORDS...` for the candidates at each Tab.
 * @bomb.sh/tab writes both with console.log, which is this process's stdout.
 */
export function run(args: ParsedArgs, _io: Io): number {
  const [first, ...rest] = args.positionals;
  if (first === 'complete') {
    completionTree(VERBS, rest).parse([...rest]);
    return EXIT.ok;
  }
  if (!first || !(SHELLS as readonly string[]).includes(first) || rest.length) {
    throw new UsageError(`completion needs one shell: ${SHELLS.join(', ')}`);
  }
  completionTree(VERBS, []).setup('tollgate', 'tollgate completion', first);
  return EXIT.ok;
}
