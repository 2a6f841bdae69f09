import { ZERO, type Decimal } from '../model/decimal.js';
import type { ClusterKind, DiskClass, InstancePrice, InterRegionRule, PriceDate, PricingTableInput, Tier, VolumeUnit } from '../model/pricing.js';
import type { Provider } from '../model/scenario.js';
import { didYouMean, listSome } from '../model/suggest.js';
import type { PricingBook } from '../model/pricing-book.js';
import { cloud } from '../providers/index.js';

/** A rate the tables do not have; carries the hint the user needs to fix it. */
export class LookupError extends Error {
  constructor(
    message: string,
    readonly suggestion?: string,
    /** The scenario field at fault (region, instance, …), so the error can point at it. */
    public field?: string,
  ) {
    super(message);
  }
}

/** Run a lookup and blame `field` for any miss that does not already name one. */
export function blaming<T>(field: string, lookup: () => T): T {
  try {
    return lookup();
  } catch (e) {
    if (e instanceof LookupError && e.field === undefined) e.field = field;
    throw e;
  }
}

export function tableFor(book: PricingBook, provider: Provider): PricingTableInput {
  const table = book.tables[provider];
  if (!table) throw new LookupError(`no pricing table is loaded for ${provider}`, `add pricing/${provider}.yaml or a --pricing file for it`);
  return table;
}

export function transferUnit(table: PricingTableInput): VolumeUnit {
  return table.units?.transfer ?? 'GB';
}

export function storageUnit(table: PricingTableInput): VolumeUnit {
  return table.units?.storage ?? 'GB';
}

export function requireRegion(table: PricingTableInput, region: string): void {
  // Every line asks this: a key look-up, the region list only built for the error.
  if (table.regions && Object.hasOwn(table.regions, region)) return;
  const regions = Object.keys(table.regions ?? {});
  if (cloud(table.provider).prices.regions?.has(region)) {
    throw new LookupError(
      `${table.provider} region ${region} is not in this ${table.provider} table: no price there was confirmed from a dated source`,
      `\`tollgate pricing update --all\` builds the full catalog (every region of ${table.provider}'s public price files); or add the region and its rates in a pricing override file (regions: {${region}: {continent: …}}); priced regions: ${listSome(regions)}`,
    );
  }
  throw new LookupError(
    `unknown ${table.provider} region ${JSON.stringify(region)}`,
    didYouMean(region, regions) ?? `priced ${table.provider} regions: ${listSome(regions)}`,
  );
}

export function continentOf(table: PricingTableInput, region: string): string | undefined {
  return table.regions?.[region]?.continent;
}

/** A price's own date: per region, for the whole map, or (when the table says nothing more) the table's. */
export function dateFor(date: PriceDate | undefined, region: string, tableAsOf: string): string {
  if (date === undefined) return tableAsOf;
  return typeof date === 'string' ? date : (date[region] ?? tableAsOf);
}

/**
 * A row's own date in a region, for a line's as_of, when it is not its table's:
 * lines priced at the table's date carry none (the table's date covers them).
 */
export function rowDate(table: PricingTableInput, asOf: PriceDate | undefined, region = ''): { as_of?: string } {
  const date = dateFor(asOf, region, table.as_of);
  return date !== table.as_of ? { as_of: date } : {};
}

/** The unit a disk class is sized and priced in (its `gb:` taken as written). */
export function diskUnit(table: PricingTableInput, entry: DiskClass): VolumeUnit {
  return entry.unit ?? storageUnit(table);
}

/**
 * The unit a storage class is priced per, and whether a plan's `gb:` is a byte
 * volume converted to it (object storage on a GiB table) or a provisioned size
 * taken as written (a class with its own `unit`, sized so by the provider).
 */
export function storageSizing(table: PricingTableInput, cls: string): { unit: VolumeUnit; convert: boolean } {
  const own = table.storage?.[cls]?.unit;
  return own ? { unit: own, convert: false } : { unit: storageUnit(table), convert: true };
}

/** When the price an instance is bought at in a region was read. */
export function instancePriceDate(table: PricingTableInput, instance: string, region: string, purchase: 'on-demand' | 'spot'): string {
  const entry = table.instances?.[instance];
  return dateFor(purchase === 'spot' ? entry?.spot_as_of : entry?.as_of, region, table.as_of);
}

/** ", purchase: committed-use term: 1y ($…/h)" for each commitment sold in the region: the other way to buy a type with no on-demand rate. */
function committedHere(entry: InstancePrice, region: string): string {
  const offers = (entry.commitments ?? []).filter((c) => c.rates[region] !== undefined);
  return offers.map((c) => `, purchase: ${c.purchase}${c.plan ? ` plan: ${c.plan}` : ''} term: ${c.term} ($${c.rates[region]}/h)`).join('');
}

export function instanceRate(
  table: PricingTableInput,
  instance: string,
  region: string,
  purchase: 'on-demand' | 'spot',
): Decimal {
  const instances = table.instances ?? {};
  const entry = instances[instance];
  if (!entry) {
    throw new LookupError(
      `unknown ${table.provider} instance type ${JSON.stringify(instance)}`,
      didYouMean(instance, Object.keys(instances)) ?? `priced ${table.provider} instances: ${listSome(Object.keys(instances))}`,
      'instance',
    );
  }
  blaming('region', () => requireRegion(table, region));
  const onDemand = entry.on_demand ?? {};
  const prices = purchase === 'spot' ? (entry.spot ?? {}) : onDemand;
  const rate = prices[region];
  if (rate !== undefined) return rate;
  const priced = Object.keys(prices);
  if (purchase === 'on-demand' && entry.spot?.[region] !== undefined) {
    throw new LookupError(
      `${instance} has no on-demand price in ${region}${entry.note ? `: ${entry.note}` : ''}`,
      `use purchase: spot (priced at $${entry.spot[region]}/h)${committedHere(entry, region)}, or an instance type sold on demand`,
      'purchase',
    );
  }
  if (purchase === 'spot' && onDemand[region] !== undefined) {
    throw new LookupError(
      `no spot price for ${instance} in ${region} in the ${table.provider} table (spot prices move daily and are only listed where published)`,
      `put today's spot price in an override file (instances: {${instance}: {spot: {${region}: …}}}), snapshot it with \`tollgate pricing update --all\`, or use purchase: on-demand`,
      'purchase',
    );
  }
  // The regions on the asked region's continent first: the move a user is most likely to make.
  const continent = continentOf(table, region);
  const near = [...priced.filter((r) => continentOf(table, r) === continent), ...priced.filter((r) => continentOf(table, r) !== continent)];
  throw new LookupError(
    `${instance} is not priced in ${region}`,
    priced.length ? `priced regions for ${instance}${purchase === 'spot' ? ' (spot)' : ''}: ${listSome(near)}` : undefined,
    'region',
  );
}

export function storageRate(table: PricingTableInput, cls: string, region: string): Decimal | Tier[] {
  const classes = table.storage ?? {};
  const entry = classes[cls];
  if (!entry) {
    throw new LookupError(
      `unknown ${table.provider} storage class ${JSON.stringify(cls)}`,
      didYouMean(cls, Object.keys(classes)) ?? `priced classes: ${listSome(Object.keys(classes))}`,
      'class',
    );
  }
  blaming('region', () => requireRegion(table, region));
  const rate = entry.rates?.[region];
  if (rate === undefined) {
    throw new LookupError(`${cls} is not priced in ${region}`, `priced regions for ${cls}: ${listSome(Object.keys(entry.rates ?? {}))}`, 'region');
  }
  return rate;
}

/** A node group's disk class in its provider's table; a class of another cloud is named as such. */
export function diskClass(book: PricingBook, provider: Provider, cls: string, region: string): { entry: DiskClass; gbMonth: Decimal } {
  const table = tableFor(book, provider);
  const classes = Object.keys(table.disks ?? {});
  const entry = table.disks?.[cls];
  if (!entry) {
    const owner = Object.values(book.tables).find((t) => t?.disks?.[cls] !== undefined)?.provider;
    throw new LookupError(
      owner ? `${cls} is ${/^[aeiou]/.test(owner) ? 'an' : 'a'} ${owner} disk class; this node group runs on ${provider}` : `unknown ${provider} disk class ${JSON.stringify(cls)}`,
      didYouMean(cls, classes) ?? (classes.length ? `${provider} disk classes: ${listSome(classes)}` : `the ${provider} table prices no disks`),
      'disk.class',
    );
  }
  const gbMonth = entry.gb_month[region];
  if (gbMonth === undefined) {
    throw new LookupError(`${cls} is not priced in ${region}`, `priced regions for ${cls}: ${listSome(Object.keys(entry.gb_month))}`, 'region');
  }
  return { entry, gbMonth };
}

/** $ per public IPv4 address-hour in a region. */
export function publicIpv4Rate(table: PricingTableInput, region: string): Decimal {
  const rate = table.network?.public_ipv4?.per_hour[region];
  if (rate === undefined) {
    throw new LookupError(
      `no public IPv4 address price for ${table.provider} ${region}`,
      'price it in an override file (network: {public_ipv4: {per_hour: {…}, source: …}}), or leave out public_ipv4',
      'public_ipv4',
    );
  }
  return rate;
}

/** A control plane's $ per cluster-hour: its kind in the provider's table, the tier (or the kind's default), the region. */
export function clusterRate(table: PricingTableInput, kind: string, tier: string | undefined, region: string): { entry: ClusterKind; tier: string; rate: Decimal } {
  const kinds = Object.keys(table.clusters ?? {});
  const entry = table.clusters?.[kind];
  if (!entry) {
    throw new LookupError(
      `unknown ${table.provider} cluster kind ${JSON.stringify(kind)}`,
      didYouMean(kind, kinds) ?? (kinds.length ? `${table.provider} cluster kinds: ${listSome(kinds)}` : `the ${table.provider} table prices no clusters`),
      'kind',
    );
  }
  const chosen = tier ?? entry.default_tier;
  const rates = entry.tiers[chosen];
  if (!rates) throw new LookupError(`unknown ${kind} tier ${JSON.stringify(chosen)}`, didYouMean(chosen, Object.keys(entry.tiers)) ?? `tiers: ${Object.keys(entry.tiers).join(', ')}`, 'tier');
  blaming('region', () => requireRegion(table, region));
  const rate = rates[region];
  if (rate === undefined) throw new LookupError(`${kind} ${chosen} is not priced in ${region}`, `priced regions: ${listSome(Object.keys(rates))}`, 'region');
  return { entry, tier: chosen, rate };
}

export type RequestOp = 'get' | 'put';

/** $ per 1,000 requests of one kind on a class in a region (the class itself already looked up by storageRate). */
export function requestRate(table: PricingTableInput, cls: string, region: string, op: RequestOp): Decimal {
  const rates = table.storage?.[cls]?.requests?.[op] ?? {};
  const rate = rates[region];
  if (rate !== undefined) return rate;
  const priced = Object.keys(rates);
  throw new LookupError(
    `no ${op.toUpperCase()} request price for ${cls} in ${region} in the ${table.provider} table`,
    priced.length
      ? `${op.toUpperCase()} requests on ${cls} are priced in: ${listSome(priced)}; or price them in an override file (storage: {${cls}: {requests: {${op}: {${region}: …}}}})`
      : `price them in an override file (storage: {${cls}: {requests: {${op}: {${region}: …}}}}), or leave out ${op}_requests_per_month`,
    `${op}_requests_per_month`,
  );
}

function specificity(table: PricingTableInput, pattern: string, region: string): number {
  if (pattern === region) return 2;
  if (pattern === continentOf(table, region)) return 1;
  if (pattern === 'any') return 0;
  return -1;
}

/**
 * Each table's answers by `from\0to`: a plan of 10^4 transfers names a handful of
 * pairs, and every rule would be scored for each. A loaded table is never changed
 * (an override makes a new one), so its answers hold.
 */
const interRegionAnswers = new WeakMap<PricingTableInput, Map<string, { rate: Decimal; rule: InterRegionRule }>>();

export function interRegionRate(table: PricingTableInput, from: string, to: string): { rate: Decimal; rule: InterRegionRule } {
  let answers = interRegionAnswers.get(table);
  if (!answers) interRegionAnswers.set(table, (answers = new Map()));
  const key = `${from}\u0000${to}`;
  let answer = answers.get(key);
  if (!answer) answers.set(key, (answer = bestInterRegionRate(table, from, to)));
  return answer;
}

/** The most specific rule for a pair: region beats continent beats "any", the source side first. */
function bestInterRegionRate(table: PricingTableInput, from: string, to: string): { rate: Decimal; rule: InterRegionRule } {
  let best: { rule: InterRegionRule; score: number } | undefined;
  for (const rule of table.network?.inter_region ?? []) {
    const f = specificity(table, rule.from, from);
    const t = specificity(table, rule.to, to);
    if (f < 0 || t < 0) continue;
    const score = f * 3 + t;
    if (!best || score > best.score) best = { rule, score };
  }
  if (!best) {
    throw new LookupError(
      `no ${table.provider} inter-region rate from ${from} to ${to}`,
      'add an inter_region rule for this pair in a pricing override file',
    );
  }
  return { rate: best.rule.rate, rule: best.rule };
}

/** What receiving data costs (usually nothing, still shown). */
export function ingressRate(table: PricingTableInput): Decimal {
  return table.network?.ingress ?? ZERO;
}

/** Object storage <-> compute in one region; only asked for when the table has the row (classifyPath checks). */
export function sameRegionStorageRate(table: PricingTableInput): Decimal {
  return table.network?.same_region_storage?.rate ?? ZERO;
}

/** The inter-zone rate per unit moved, every billed side included (AWS charges both); undefined when the table has none. */
export function interZoneRate(table: PricingTableInput): Decimal | undefined {
  const iz = table.network?.inter_zone;
  return iz ? iz.rate.times(iz.sides) : undefined;
}

export function internetEgressTiers(table: PricingTableInput, region: string): { tiers: Tier[]; schedule: string } {
  const egress = table.network?.internet_egress;
  if (!egress) throw new LookupError(`the ${table.provider} table has no internet_egress tiers`);
  if (egress.unpriced?.includes(region)) {
    throw new LookupError(
      `internet egress from ${table.provider} ${region} is not priced (its published tiers could not be confirmed)`,
      `add internet_egress.regions.${region} tiers in a pricing override file`,
    );
  }
  const own = egress.regions?.[region];
  return own ? { tiers: own, schedule: region } : { tiers: egress.tiers, schedule: 'default' };
}

export function natRates(table: PricingTableInput, region: string): { perGB: Decimal; perHour?: Decimal } {
  const nat = table.network?.nat;
  const perGB = nat?.per_gb[region];
  if (!nat || perGB === undefined) {
    throw new LookupError(
      `no NAT gateway price for ${table.provider} ${region}`,
      `put the region's rates in a pricing override file (network: {nat: {per_gb: {${region}: …}, per_hour: {${region}: …}}})${nat ? `; NAT is priced in: ${listSome(Object.keys(nat.per_gb))}` : ''}`,
      'via',
    );
  }
  return { perGB, perHour: nat.per_hour?.[region] };
}
