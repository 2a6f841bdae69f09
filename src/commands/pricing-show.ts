import { formatOption } from '../cli/format-option.js';
import { pricesOption } from '../cli/prices-option.js';
import { EXIT, UsageError, listOption, stringOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { cachedSourcesNote, catalogJson, catalogTable, networkTable } from '../format/catalog.js';
import { componentRatesTable, networkComponentRates, storageRates } from '../format/component-rates.js';
import { Decimal } from '../model/decimal.js';
import { PROVIDERS, type Provider } from '../model/scenario.js';
import { didYouMean, listSome } from '../model/suggest.js';
import { catalogRows, gpuMatches, isRegionGlob, matchingRegions, networkRegions, type CatalogQuery } from '../pricing/catalog.js';
import { loadPricingBook } from '../pricing/load.js';

function providerOption(args: ParsedArgs): Provider | undefined {
  const p = stringOption(args, 'provider');
  if (p === undefined) return undefined;
  if ((PROVIDERS as readonly string[]).includes(p)) return p as Provider;
  const hint = didYouMean(p, PROVIDERS);
  throw new UsageError(`unknown --provider ${JSON.stringify(p)}${hint ? `; ${hint}` : ''} (one of ${PROVIDERS.join(', ')})`);
}

/** A non-negative number option (--max-price 4.5, --count 8), exact. */
function numberOption(args: ParsedArgs, name: string, integer = false): Decimal | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const pattern = integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
  if (!pattern.test(text)) throw new UsageError(`--${name} takes ${integer ? 'a whole number' : 'a number'}, got ${JSON.stringify(text)}${name === 'max-price' ? ' (dollars, e.g. 4.5)' : ''}`);
  return new Decimal(text);
}

function machineFilters(query: CatalogQuery): boolean {
  return Boolean(query.instance || query.gpu || query.minGpuMemory || query.count || query.maxPrice);
}

export function run(args: ParsedArgs, io: Io): number {
  if (args.positionals.length > 1) throw new UsageError('pricing show takes at most one INSTANCE');
  const format = formatOption(args, ['table', 'json']);
  const query: CatalogQuery = {
    instance: args.positionals[0],
    gpu: stringOption(args, 'gpu'),
    region: stringOption(args, 'region'),
    provider: providerOption(args),
    minGpuMemory: numberOption(args, 'min-gpu-memory'),
    count: numberOption(args, 'count', true),
    maxPrice: numberOption(args, 'max-price'),
  };
  const book = loadPricingBook(query.provider ? [query.provider] : PROVIDERS, listOption(args, 'pricing').map((path) => ({ path })), undefined, { prices: pricesOption(args) });
  const tables = Object.values(book.tables);

  // A miss names what the tables do have, so a typo is one step from the answer.
  const allInstances = tables.flatMap((t) => Object.keys(t.instances ?? {}));
  if (query.instance && !allInstances.some((i) => i.toLowerCase() === query.instance!.toLowerCase())) {
    // A storage class is the likelier mistake than a typo of a machine that merely looks alike (s3-standard, c3-standard-8).
    const storage = Object.entries(book.tables).find(([, t]) => Object.keys(t.storage ?? {}).some((c) => c.toLowerCase() === query.instance!.toLowerCase()));
    if (storage) {
      const [provider, table] = storage;
      const regions = Object.keys(table.storage![query.instance]?.rates ?? {});
      throw new UsageError(
        `${JSON.stringify(query.instance)} is a storage class (${provider}), not an instance type: pricing show lists machines; it is priced in ${listSome(regions)}; price it in a scenario's storage: list (tollgate estimate)`,
      );
    }
    throw new UsageError(`no priced instance type ${JSON.stringify(query.instance)}; ${didYouMean(query.instance, allInstances) ?? `priced: ${listSome(allInstances)}`}`);
  }
  const allRegions = tables.flatMap((t) => Object.keys(t.regions ?? {}));
  if (query.region && matchingRegions(tables, query.region).length === 0) {
    const what = isRegionGlob(query.region) ? 'region matches' : 'region';
    throw new UsageError(`no priced ${what} ${JSON.stringify(query.region)}; ${didYouMean(query.region, allRegions) ?? `priced: ${listSome(allRegions)}`}`);
  }
  if (query.gpu) {
    const models = [...new Set(tables.flatMap((t) => Object.values(t.instances ?? {}).flatMap((i) => (i.gpu ? [i.gpu.model] : []))))];
    if (!models.some((m) => gpuMatches(m, query.gpu!))) {
      throw new UsageError(`no priced instance has a ${query.gpu} GPU; ${didYouMean(query.gpu, models) ?? `GPU models: ${listSome(models)}`}`);
    }
  }

  // --storage / --network list the plan components' rates instead of machines.
  const storage = args.values.storage === true;
  const network = args.values.network === true;
  if (storage || network) {
    if (machineFilters(query)) throw new UsageError('--storage and --network list component rates: use them with --provider and --region only');
    const inRegion = <T extends { region: string }>(rows: T[]) => (query.region ? rows.filter((r) => r.region === query.region || r.region === 'all') : rows);
    const parts: { title: string; rows: ReturnType<typeof storageRates> }[] = [];
    if (storage) parts.push({ title: 'storage, disks and clusters', rows: inRegion(tables.flatMap(storageRates)) });
    if (network) parts.push({ title: 'network components', rows: inRegion(tables.flatMap(networkComponentRates)) });
    if (format === 'json') io.stdout.write(`${JSON.stringify(Object.fromEntries(parts.map((x) => [x.title, x.rows])), null, 2)}\n`);
    else io.stdout.write(parts.map((x) => componentRatesTable(x.title, x.rows)).join('\n'));
    return EXIT.ok;
  }

  const rows = catalogRows(tables, query);
  // Network prices belong to a region, so they are shown when browsing one region, not one machine.
  const machineQuery = machineFilters(query);
  const networks = machineQuery ? [] : networkRegions(tables, query);
  if (format === 'json') io.stdout.write(catalogJson(rows, networks, book.sources));
  else io.stdout.write([catalogTable(rows), ...networks.map(networkTable), cachedSourcesNote(book.sources)].filter(Boolean).join('\n'));
  return EXIT.ok;
}
