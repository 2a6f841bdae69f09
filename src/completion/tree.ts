// What `tollgate completion` offers, built from the verb specs (src/cli/verbs.ts), so
// a new verb or option completes without touching this file. @bomb.sh/tab does the
// shells' side and the matching; this file only says what the candidates are.
import { existsSync } from 'node:fs';
import { RootCommand, type Command, type Complete } from '@bomb.sh/tab';
import { globSync } from 'tinyglobby';
import { FORMATS } from '../cli/verb.js';
import type { Verb } from '../cli/verb.js';
import { varyPaths } from '../engine/vary.js';
import { loadScenario } from '../model/load-scenario.js';
import { PROVIDERS } from '../model/scenario.js';
import { catalogRows } from '../pricing/catalog.js';
import { loadPricingBook } from '../pricing/load.js';

type Candidates = (complete: Complete) => void;

/** The bundled catalog, read once per completion and only when a value needs it. */
function catalog() {
  const { tables } = loadPricingBook(PROVIDERS, []);
  return catalogRows(Object.values(tables), {});
}

const each = (values: Iterable<string>, description = ''): Candidates => (complete) => {
  for (const v of new Set(values)) complete(v, description);
};

/** YAML files under the working directory (a few levels, never node_modules): the scenarios. */
const yamlFiles: Candidates = (complete) => {
  for (const f of globSync('**/*.{yaml,yml}', { deep: 3, ignore: ['**/node_modules/**', '**/.git/**'] }).sort()) complete(f, '');
};

const scenariosIn = (args: readonly string[]) =>
  args.filter((a) => /\.ya?ml$/i.test(a) && existsSync(a)).flatMap((f) => {
    try {
      return [loadScenario(f).scenario];
    } catch {
      return []; // a broken file completes nothing rather than failing the shell
    }
  });

/** Candidates for an option's value, by option name; options not listed take a free value. */
function valuesFor(option: string, args: readonly string[]): Candidates | undefined {
  switch (option) {
    case 'format':
      return each(FORMATS);
    case 'provider':
    case 'providers':
      return each(PROVIDERS);
    case 'purchase':
      return each(['on-demand', 'spot']);
    case 'source':
    case 'actuals-source':
      return (complete) => {
        each(['aws', 'gcp', 'sample'])(complete);
        for (const f of globSync('**/*.{csv,csv.gz,parquet}', { deep: 3, ignore: ['**/node_modules/**'] })) complete(f, 'billing export');
      };
    case 'region':
    case 'regions':
    case 'exclude':
      return (complete) => each(catalog().map((r) => r.region))(complete);
    case 'gpu':
      return (complete) => each(catalog().flatMap((r) => (r.gpu ? [r.gpu.model] : [])))(complete);
    case 'vary':
      // `place` varies where a node group sits; the other verbs vary a quantity.
      if (args[0] === 'place') return (complete) => each(scenariosIn(args).flatMap((s) => (s.nodes ?? []).map((n) => `nodes.${n.name}`)), 'node group to place')(complete);
      return (complete) => each(scenariosIn(args).flatMap(varyPaths), 'quantity to vary')(complete);
    case 'spot':
      return (complete) => each(scenariosIn(args).flatMap((s) => (s.nodes ?? []).map((n) => n.name)), 'node group')(complete);
    case 'pricing':
    case 'input':
    case 'out':
      return yamlFiles;
    case 'cost':
      return each(['billed', 'effective']);
    case 'percentile':
      return each(['p50', 'p90', 'p95', 'p99']);
    default:
      return undefined;
  }
}

function addOptions(cmd: Command, verb: Verb, args: readonly string[]): void {
  for (const [name, spec] of Object.entries({ ...verb.options, help: { type: 'boolean' } })) {
    if (spec.type === 'boolean') cmd.option(name, '');
    // tab treats an option without a handler as a flag: a value option always gets one.
    else cmd.option(name, '', valuesFor(name, args) ?? (() => {}));
  }
}

/** The completion tree for one request; `args` are the words typed so far. */
export function completionTree(verbs: readonly Verb[], args: readonly string[]): RootCommand {
  const root = new RootCommand();
  for (const verb of verbs) {
    if (verb.name === 'pricing') {
      for (const sub of ['show', 'diff', 'update']) {
        const cmd = root.command(`pricing ${sub}`, `pricing ${sub}`);
        addOptions(cmd, verb, args);
        if (sub === 'show') cmd.argument('instance', (complete) => each(catalog().map((r) => r.instance), 'instance type')(complete));
        else cmd.argument('table', each([...PROVIDERS, ...globSync('**/*.yaml', { deep: 2, ignore: ['**/node_modules/**'] })]), true);
      }
      root.command('pricing', verb.summary);
      continue;
    }
    const cmd = root.command(verb.name, verb.summary);
    addOptions(cmd, verb, args);
    if (verb.name === 'completion') cmd.argument('shell', each(['bash', 'zsh', 'fish']));
    else if (verb.name !== 'config') cmd.argument('scenario', yamlFiles, true);
  }
  root.option('help', '');
  root.option('version', '');
  return root;
}
