import picomatch from 'picomatch';
import type { Decimal } from '../model/decimal.js';
import type { Commitment, PricingTableInput, Tier } from '../model/pricing.js';
import { commitmentLabel } from '../model/purchase.js';
import type { Provider } from '../model/scenario.js';
import { internetEgressTiers, interRegionRate, LookupError } from './lookup.js';

/** One instance type priced in one region: what `pricing show` lists. */
export interface CatalogRow {
  provider: Provider;
  instance: string;
  region: string;
  gpu?: { model: string; count: Decimal; memory_gb?: Decimal };
  vcpus?: Decimal;
  memory_gb?: Decimal;
  on_demand?: Decimal;
  spot?: Decimal;
  on_demand_per_gpu?: Decimal;
  spot_per_gpu?: Decimal;
  /** The cheapest 1-year commitment rate published for the type there, and what kind it is. */
  commit_1y?: { rate: Decimal; kind: string };
  commit_1y_per_gpu?: Decimal;
}

export interface CatalogQuery {
  instance?: string;
  gpu?: string;
  /** A region name, or a glob over region names (`eu-*`, `europe-west?`). */
  region?: string;
  provider?: Provider;
  /** Per GPU, in GB. */
  minGpuMemory?: Decimal;
  /** GPUs per instance, exactly. */
  count?: Decimal;
  /** Upper bound on the price the rows are sorted by ($/GPU-hour with `gpu`, $/hour otherwise). */
  maxPrice?: Decimal;
}

function cheapest1y(commitments: readonly Commitment[] | undefined, region: string): CatalogRow['commit_1y'] {
  let best: CatalogRow['commit_1y'];
  for (const c of commitments ?? []) {
    const rate = c.term === '1y' ? c.rates[region] : undefined;
    if (rate && (!best || rate.lt(best.rate))) best = { rate, kind: commitmentLabel(c) };
  }
  return best;
}

export const isRegionGlob = (pattern: string) => /[*?[{]/.test(pattern);

/** A region test from the query: the exact name, or a glob when it has one of * ? [ {. */
function regionTest(pattern: string | undefined): (region: string) => boolean {
  if (pattern === undefined) return () => true;
  return isRegionGlob(pattern) ? picomatch(pattern) : (r) => r === pattern;
}

/**
 * A GPU model matches its own name and its variants (A100 matches A100-80GB and
 * A100-80GB-PCIe) but not a longer model number (H10 does not match H100).
 */
export function gpuMatches(model: string, wanted: string): boolean {
  const m = model.toLowerCase();
  const w = wanted.toLowerCase();
  return m === w || m.startsWith(`${w}-`);
}

/** The GPU part of a query (`pricing show`, the session's picker): at least `minGpuMemory` per GPU, exactly `count` GPUs. */
export function gpuFits(gpu: { count: Decimal; memory_gb?: Decimal } | undefined, query: Pick<CatalogQuery, 'minGpuMemory' | 'count'>): boolean {
  if (query.minGpuMemory && !gpu?.memory_gb?.gte(query.minGpuMemory)) return false;
  return !query.count || Boolean(gpu?.count.eq(query.count));
}

/**
 * Every (instance, region) pair the tables price, filtered by the query and
 * sorted cheapest first: per GPU-hour when asking for a GPU model (the number
 * that compares an 8-GPU node with a 1-GPU node), per hour otherwise.
 */
export function catalogRows(tables: readonly PricingTableInput[], query: CatalogQuery): CatalogRow[] {
  const inRegion = regionTest(query.region);
  const byGpu = query.gpu !== undefined || query.minGpuMemory !== undefined || query.count !== undefined;
  const key = (r: CatalogRow) => (byGpu ? (r.on_demand_per_gpu ?? r.spot_per_gpu) : (r.on_demand ?? r.spot));
  const rows: CatalogRow[] = [];
  for (const table of tables) {
    if (query.provider && table.provider !== query.provider) continue;
    for (const [name, entry] of Object.entries(table.instances ?? {})) {
      if (query.instance && name.toLowerCase() !== query.instance.toLowerCase()) continue;
      const gpu = entry.gpu;
      if (query.gpu && !(gpu && gpuMatches(gpu.model, query.gpu))) continue;
      if (!gpuFits(gpu, query)) continue;
      const regions = new Set([...Object.keys(entry.on_demand ?? {}), ...Object.keys(entry.spot ?? {})]);
      const gpus = gpu?.count;
      // Per-GPU rates, one division per distinct rate: regions often share a rate (the same Decimal, see compiled.ts).
      const perGpuOf = new Map<Decimal, Decimal>();
      const perGpu = (d: Decimal | undefined) => {
        if (!gpus || !d) return undefined;
        let q = perGpuOf.get(d);
        if (q === undefined) perGpuOf.set(d, (q = d.div(gpus)));
        return q;
      };
      for (const region of regions) {
        if (!inRegion(region)) continue;
        const onDemand = entry.on_demand?.[region];
        const spot = entry.spot?.[region];
        const commit = cheapest1y(entry.commitments, region);
        const row: CatalogRow = {
          provider: table.provider,
          instance: name,
          region,
          gpu: gpu ? { model: gpu.model, count: gpu.count, memory_gb: gpu.memory_gb } : undefined,
          vcpus: entry.vcpus,
          memory_gb: entry.memory_gb,
          on_demand: onDemand,
          spot,
          on_demand_per_gpu: perGpu(onDemand),
          spot_per_gpu: perGpu(spot),
          commit_1y: commit,
          commit_1y_per_gpu: perGpu(commit?.rate),
        };
        const price = key(row);
        if (query.maxPrice && !(price && price.lte(query.maxPrice))) continue;
        rows.push(row);
      }
    }
  }
  // Types sold on demand first, cheapest first; spot-only types (no on-demand price) after them.
  // Each row's keys are taken once, not per comparison: the float of its price orders rows whose
  // floats differ (a Decimal's nearest float is monotone), the exact price decides float ties, and
  // one collator stands in for localeCompare (the same order; a whole catalog took ~10,000 calls).
  // A shared rate (the same Decimal, see compiled.ts) is turned into its float once, and two rows with it are equal without comparing digits.
  const collator = new Intl.Collator();
  const floats = new Map<Decimal, number>();
  const floatOf = (d: Decimal) => {
    let f = floats.get(d);
    if (f === undefined) floats.set(d, (f = d.toNumber()));
    return f;
  };
  const sortable = rows.map((row) => {
    const price = key(row);
    return { row, spotOnly: row.on_demand === undefined ? 1 : 0, price, float: price ? floatOf(price) : 0, name: `${row.provider} ${row.instance} ${row.region}` };
  });
  sortable.sort((a, b) => {
    if (a.spotOnly !== b.spotOnly) return a.spotOnly - b.spotOnly;
    const ka = a.price;
    const kb = b.price;
    if (ka && kb) {
      if (a.float !== b.float) return a.float - b.float;
      if (ka !== kb && !ka.eq(kb)) return ka.cmp(kb);
    }
    if (ka && !kb) return -1;
    if (kb && !ka) return 1;
    return collator.compare(a.name, b.name);
  });
  return sortable.map((s) => s.row);
}

/** Network prices as seen from one region: where its traffic goes and what each path costs. */
export interface RegionNetwork {
  provider: Provider;
  region: string;
  unit: 'GB' | 'GiB';
  ingress?: Decimal;
  inter_zone?: { rate: Decimal; sides: Decimal };
  internet_egress?: { schedule: string; tiers: Tier[] };
  inter_region: { to: string; rate?: Decimal; rule?: string }[];
  nat?: { per_gb: Decimal; per_hour?: Decimal };
}

export function regionNetwork(table: PricingTableInput, region: string): RegionNetwork {
  const net = table.network;
  let egress: RegionNetwork['internet_egress'];
  try {
    const found = internetEgressTiers(table, region);
    egress = { schedule: found.schedule, tiers: found.tiers };
  } catch (e) {
    if (!(e instanceof LookupError)) throw e;
  }
  const interRegion = Object.keys(table.regions ?? {})
    .filter((to) => to !== region)
    .map((to) => {
      try {
        const { rate, rule } = interRegionRate(table, region, to);
        return { to, rate, rule: `${rule.from} → ${rule.to}` };
      } catch (e) {
        // A pair without a rule is shown as unpriced: the table says nothing about it.
        if (e instanceof LookupError) return { to };
        throw e;
      }
    });
  const natPerGB = net?.nat?.per_gb[region];
  return {
    provider: table.provider,
    region,
    unit: table.units?.transfer ?? 'GB',
    ingress: net?.ingress,
    inter_zone: net?.inter_zone,
    internet_egress: egress,
    inter_region: interRegion,
    nat: natPerGB ? { per_gb: natPerGB, per_hour: net?.nat?.per_hour?.[region] } : undefined,
  };
}

/** Every region of the chosen providers whose network prices can be shown (one region named exactly). */
export function networkRegions(tables: readonly PricingTableInput[], query: CatalogQuery): RegionNetwork[] {
  const region = query.region;
  if (region === undefined || isRegionGlob(region)) return [];
  return tables
    .filter((t) => !query.provider || t.provider === query.provider)
    .filter((t) => region in (t.regions ?? {}))
    .map((t) => regionNetwork(t, region));
}

/** The regions of the tables a query's region (name or glob) picks. */
export function matchingRegions(tables: readonly PricingTableInput[], pattern: string): string[] {
  const test = regionTest(pattern);
  return tables.flatMap((t) => Object.keys(t.regions ?? {})).filter((r) => test(r));
}
