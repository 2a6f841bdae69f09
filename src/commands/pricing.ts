import { UsageError, type Io, type ParsedArgs } from '../cli/verb.js';
import { didYouMean } from '../model/suggest.js';

const SUBCOMMANDS = {
  show: () => import('./pricing-show.js'),
  diff: () => import('./pricing-diff.js'),
  update: () => import('./pricing-update.js'),
} as const;
type Subcommand = keyof typeof SUBCOMMANDS;

/** Options each subcommand reads; any other option given is a mistake worth saying so. */
const ACCEPTS: Record<Subcommand, readonly string[]> = {
  show: ['format', 'pricing', 'prices', 'gpu', 'min-gpu-memory', 'count', 'max-price', 'region', 'provider', 'storage', 'network'],
  diff: ['format', 'live', 'input', 'timeout'],
  update: ['format', 'regions', 'out', 'write', 'input', 'timeout', 'force', 'all'],
};

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const [sub, ...positionals] = args.positionals;
  const names = Object.keys(SUBCOMMANDS);
  if (sub === undefined) throw new UsageError(`pricing needs a subcommand: ${names.join(', ')}`);
  if (!(sub in SUBCOMMANDS)) {
    const hint = didYouMean(sub, names);
    throw new UsageError(`unknown pricing subcommand ${JSON.stringify(sub)}${hint ? `; ${hint}` : ''} (one of ${names.join(', ')})`);
  }
  const name = sub as Subcommand;
  for (const [option, value] of Object.entries(args.values)) {
    if (value !== undefined && !ACCEPTS[name].includes(option)) throw new UsageError(`pricing ${name} does not take --${option}`);
  }
  const impl = await SUBCOMMANDS[name]();
  return impl.run({ values: args.values, positionals }, io);
}
