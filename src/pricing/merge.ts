import type { Decimal } from '../model/decimal.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { InputError } from '../model/diagnostics.js';
import type { PriceDate, PricingTableInput } from '../model/pricing.js';
import { didYouMean, listSome } from '../model/suggest.js';
import { locate, type SourceFile } from '../model/yaml-source.js';

type Rates = Record<string, Decimal>;

function mergeRates(base: Rates | undefined, over: Rates | undefined): Rates | undefined {
  return over ? { ...base, ...over } : base;
}

/**
 * The dates of merged rates, region by region: an overridden region carries
 * the override's date, the others keep the bundled one, so a fresh override
 * never makes an old bundled price look new (or the other way round).
 */
function mergeDates(
  base: { rates?: Record<string, unknown>; date?: PriceDate; asOf: string },
  over: { rates?: Record<string, unknown>; date?: PriceDate; asOf: string },
): PriceDate | undefined {
  if (!over.rates) return base.date;
  const at = (d: PriceDate | undefined, region: string, asOf: string) => (d === undefined ? asOf : typeof d === 'string' ? d : (d[region] ?? asOf));
  const dates: Record<string, string> = {};
  for (const region of Object.keys(base.rates ?? {})) dates[region] = at(base.date, region, base.asOf);
  for (const region of Object.keys(over.rates)) dates[region] = at(over.date, region, over.asOf);
  return dates;
}

/**
 * Apply a user pricing file (negotiated rates, a discount, a new instance) on
 * top of a table. Anything it names must exist — or be fully defined — so a
 * typo'd instance cannot silently price nothing.
 */
export function applyOverride(base: PricingTableInput, over: PricingTableInput, source: SourceFile): PricingTableInput {
  const problems: Diagnostic[] = [];
  const problem = (path: (string | number)[], message: string, suggestion?: string, key = true) =>
    problems.push({ file: source.file, position: locate(source, path, key), message, suggestion });

  if (over.units && (over.units.transfer !== (base.units?.transfer ?? 'GB') || over.units.storage !== (base.units?.storage ?? 'GB'))) {
    problem(['units'], `units differ from the bundled ${base.provider} table`, `write rates per ${base.units?.transfer ?? 'GB'}, as the bundled table does`);
  }
  const regions = { ...base.regions, ...over.regions };
  const regionNames = Object.keys(regions);
  const checkRegions = (rates: Rates | undefined, path: (string | number)[]) => {
    for (const region of Object.keys(rates ?? {})) {
      if (!(region in regions)) {
        problem([...path, region], `unknown ${base.provider} region ${JSON.stringify(region)}`, didYouMean(region, regionNames) ?? `add it under regions: (priced: ${listSome(regionNames)})`);
      }
    }
  };

  const instances = { ...base.instances };
  for (const [name, entry] of Object.entries(over.instances ?? {})) {
    const known = instances[name];
    if (!known && (entry.vcpus === undefined || entry.memory_gb === undefined)) {
      problem(
        ['instances', name],
        `instance ${JSON.stringify(name)} is not in the bundled ${base.provider} table`,
        didYouMean(name, Object.keys(instances)) ?? 'to add a new instance type give its vcpus and memory_gb (and gpu) as well as its prices',
      );
      continue;
    }
    checkRegions(entry.on_demand, ['instances', name, 'on_demand']);
    checkRegions(entry.spot, ['instances', name, 'spot']);
    checkRegions(entry.capacity_block, ['instances', name, 'capacity_block']);
    checkRegions(entry.flex_start, ['instances', name, 'flex_start']);
    const sides = (kind: 'on_demand' | 'spot', dateKey: 'as_of' | 'spot_as_of') =>
      mergeDates({ rates: known?.[kind], date: known?.[dateKey], asOf: base.as_of }, { rates: entry[kind], date: entry[dateKey], asOf: over.as_of });
    instances[name] = {
      ...known,
      ...entry,
      on_demand: mergeRates(known?.on_demand, entry.on_demand),
      as_of: sides('on_demand', 'as_of'),
      spot: mergeRates(known?.spot, entry.spot),
      spot_as_of: sides('spot', 'spot_as_of'),
      capacity_block: mergeRates(known?.capacity_block, entry.capacity_block),
      flex_start: mergeRates(known?.flex_start, entry.flex_start),
      // An override's commitment rates come first, so they win over the bundled ones of the same kind.
      commitments: entry.commitments || known?.commitments ? [...(entry.commitments ?? []), ...(known?.commitments ?? [])] : undefined,
    };
  }

  const storage = { ...base.storage };
  for (const [name, entry] of Object.entries(over.storage ?? {})) {
    const known = storage[name];
    if (!known && entry.description === undefined) {
      problem(
        ['storage', name],
        `storage class ${JSON.stringify(name)} is not in the bundled ${base.provider} table`,
        didYouMean(name, Object.keys(storage)) ?? 'to add a new class give it a description as well as its rates',
      );
      continue;
    }
    for (const region of Object.keys(entry.rates ?? {})) {
      if (!(region in regions)) problem(['storage', name, 'rates', region], `unknown ${base.provider} region ${JSON.stringify(region)}`, didYouMean(region, regionNames));
    }
    const as_of = mergeDates({ rates: known?.rates, date: known?.as_of, asOf: base.as_of }, { rates: entry.rates, date: entry.as_of, asOf: over.as_of });
    storage[name] = { ...known, ...entry, rates: { ...known?.rates, ...entry.rates }, as_of };
  }

  const net = over.network ?? {};
  checkRegions(net.nat?.per_gb, ['network', 'nat', 'per_gb']);
  checkRegions(net.nat?.per_hour, ['network', 'nat', 'per_hour']);
  const network = {
    ...base.network,
    ...net,
    // The user's rules come first so they win over a bundled rule of equal specificity.
    inter_region: [...(net.inter_region ?? []), ...(base.network?.inter_region ?? [])],
    nat: net.nat
      ? { ...base.network?.nat, ...net.nat, per_gb: { ...base.network?.nat?.per_gb, ...net.nat.per_gb }, per_hour: mergeRates(base.network?.nat?.per_hour, net.nat.per_hour) }
      : base.network?.nat,
  };

  if (problems.length) throw new InputError(problems);
  return { ...base, regions, instances, storage, network };
}
