import picomatch from 'picomatch';
import { Decimal } from '../model/decimal.js';
import { formatEndpoint, parseEndpoint, type Endpoint } from '../model/endpoint.js';
import type { InstancePrice, PricingTableInput } from '../model/pricing.js';
import type { PricingBook } from '../model/pricing-book.js';
import { PROVIDERS, type NodeGroup, type Provider, type Scenario } from '../model/scenario.js';

export type Purchase = 'on-demand' | 'spot';

/** Which instances count as the same accelerator (or, for CPU groups, at least the same machine). */
export interface InstanceMatch {
  /** Only the group's own instance type (so only its own provider's regions). */
  sameInstance?: boolean;
  /** This GPU model instead of the group's (A100 matches A100-80GB), same count per node. */
  gpu?: string;
  /** At least this much GPU memory per node (count × per-GPU memory), GB, any model. */
  minGpuMemory?: Decimal;
}

export interface PlacementOptions {
  match?: InstanceMatch;
  providers?: readonly Provider[];
  /** Globs over region names, or over `provider:region` when a pattern has a colon. */
  regions?: readonly string[];
  exclude?: readonly string[];
  /** Price every candidate on this purchase option instead of each group's own. */
  purchase?: Purchase;
  /** Transfer ends written as provider:region stay where they are, even when only the varied group sits there. */
  fixedEnds?: boolean;
}

/** Where one node group could sit: the cheapest matching instance type in one (provider, region). */
export interface Spot {
  group: string;
  provider: Provider;
  region: string;
  instance: string;
  purchase: Purchase;
  /** The zone kept when the region does not change. */
  zone?: string;
  rate: Decimal;
}

/** Why a group has no candidates: what it was matched on, in words. */
export class NoCandidates extends Error {
  constructor(
    readonly group: string,
    message: string,
    readonly suggestion: string,
  ) {
    super(message);
  }
}

const entryOf = (book: PricingBook, provider: Provider, instance: string): InstancePrice | undefined => book.tables[provider]?.instances?.[instance];

/** What a candidate must have, as a test over (provider, instance entry) and the words that say so. */
function matcher(book: PricingBook, group: NodeGroup, match: InstanceMatch): { test: (provider: Provider, name: string, e: InstancePrice) => boolean; wanted: string } {
  const own = entryOf(book, group.provider, group.instance);
  if (match.sameInstance) return { test: (p, name) => p === group.provider && name === group.instance, wanted: `the same instance type (${group.instance})` };
  const gpu = own?.gpu;
  if (match.gpu !== undefined || match.minGpuMemory !== undefined) {
    const count = gpu?.count;
    const wanted = [
      match.gpu !== undefined ? `${count ? `${count}× ` : ''}${match.gpu} GPUs per node` : undefined,
      match.minGpuMemory !== undefined ? `at least ${match.minGpuMemory} GB of GPU memory per node` : undefined,
    ].filter(Boolean).join(' and ');
    return {
      test: (_p, _n, e) => {
        if (!e.gpu) return false;
        if (match.gpu !== undefined) {
          const m = e.gpu.model.toLowerCase();
          const w = match.gpu.toLowerCase();
          if (!(m === w || m.startsWith(`${w}-`))) return false;
          if (count && !e.gpu.count.eq(count)) return false;
        }
        if (match.minGpuMemory !== undefined && !(e.gpu.memory_gb && e.gpu.count.times(e.gpu.memory_gb).gte(match.minGpuMemory))) return false;
        return true;
      },
      wanted,
    };
  }
  if (gpu) {
    // The same GPUs, and no fewer vCPUs to feed them (host memory differs too much between clouds to hold to).
    const vcpus = own.vcpus;
    return {
      test: (_p, _n, e) =>
        e.gpu !== undefined && e.gpu.model.toLowerCase() === gpu.model.toLowerCase() && e.gpu.count.eq(gpu.count) && (!vcpus || (e.vcpus !== undefined && e.vcpus.gte(vcpus))),
      wanted: `${gpu.count}× ${gpu.model} per node${vcpus ? ` and at least ${vcpus} vCPUs` : ''} (as ${group.instance})`,
    };
  }
  // A CPU group: no GPU, and at least the vCPUs and memory it has now.
  const vcpus = own?.vcpus;
  const memory = own?.memory_gb;
  return {
    test: (_p, _n, e) => !e.gpu && (!vcpus || (e.vcpus !== undefined && e.vcpus.gte(vcpus))) && (!memory || (e.memory_gb !== undefined && e.memory_gb.gte(memory))),
    wanted: `no GPU, at least ${vcpus ?? '?'} vCPUs and ${memory ?? '?'} GB of memory (as ${group.instance})`,
  };
}

function globs(patterns: readonly string[] | undefined): ((provider: Provider, region: string) => boolean) | undefined {
  if (!patterns || patterns.length === 0) return undefined;
  const tests = patterns.map((p) => ({ colon: p.includes(':'), test: picomatch(p) }));
  return (provider, region) => tests.some((t) => t.test(t.colon ? `${provider}:${region}` : region));
}

/**
 * Every (provider, region) where group `index` could sit, each with its
 * cheapest matching instance type at the purchase option asked for (ties:
 * by name), in provider then region order. Throws NoCandidates when none is left.
 */
export function spotsFor(scenario: Scenario, book: PricingBook, index: number, o: PlacementOptions = {}): Spot[] {
  const group = scenario.nodes![index]!;
  const own = group.purchase ?? 'on-demand';
  // A committed option or a capacity block is bought for one instance in one region: placement
  // compares list prices, so such a group is placed at the option asked for, never silently.
  if (o.purchase === undefined && own !== 'on-demand' && own !== 'spot') {
    throw new NoCandidates(group.name, `${group.name} is bought as ${own}, which placement does not price across regions`, 'place it with --purchase on-demand or --purchase spot');
  }
  const purchase: Purchase = o.purchase ?? (own as Purchase);
  const { test, wanted } = matcher(book, group, o.match ?? {});
  const include = globs(o.regions);
  const exclude = globs(o.exclude);
  const providers = o.providers ?? PROVIDERS;
  const spots: Spot[] = [];
  let matched = 0;
  for (const provider of PROVIDERS) {
    const table: PricingTableInput | undefined = book.tables[provider];
    if (!table || !providers.includes(provider)) continue;
    const best = new Map<string, { instance: string; rate: Decimal }>();
    for (const [name, entry] of Object.entries(table.instances ?? {})) {
      if (!test(provider, name, entry)) continue;
      matched++;
      for (const [region, rate] of Object.entries((purchase === 'spot' ? entry.spot : entry.on_demand) ?? {})) {
        if (include && !include(provider, region)) continue;
        if (exclude?.(provider, region)) continue;
        const was = best.get(region);
        if (!was || rate.lt(was.rate) || (rate.eq(was.rate) && name < was.instance)) best.set(region, { instance: name, rate });
      }
    }
    for (const region of [...best.keys()].sort()) {
      const { instance, rate } = best.get(region)!;
      const sameRegion = provider === group.provider && region === group.region;
      spots.push({ group: group.name, provider, region, instance, purchase, rate, ...(sameRegion && group.zone !== undefined ? { zone: group.zone } : {}) });
    }
  }
  if (spots.length === 0) {
    const narrowed = [o.providers?.length ? '--providers' : '', o.regions?.length ? '--regions' : '', o.exclude?.length ? '--exclude' : ''].filter(Boolean);
    throw new NoCandidates(
      group.name,
      matched === 0
        ? `no priced instance type has ${wanted}`
        : `no region prices ${wanted} ${purchase}${narrowed.length ? ` within ${narrowed.join(', ')}` : ''}`,
      matched === 0
        ? 'choose what counts as the same with --gpu MODEL or --min-gpu-memory GB (see `tollgate pricing show --gpu MODEL`)'
        : narrowed.length
          ? `widen ${narrowed.join(', ')}`
          : purchase === 'spot'
            ? 'try --purchase on-demand'
            : 'try --gpu MODEL or --min-gpu-memory GB',
    );
  }
  return spots;
}

/** A transfer end written as provider:region[:zone] that means a varied group: it moves with it. */
export interface AttachedEnd {
  transfer: number;
  side: 'from' | 'to';
  group: string;
  written: string;
}

/**
 * The transfer ends that sit exactly where a varied group does (provider,
 * region and zone as written) and where no other node group runs: they mean
 * that group, so they move with it. An end two groups share stays put.
 */
export function attachedEnds(scenario: Scenario, groups: readonly string[]): { attached: AttachedEnd[]; shared: { transfer: string; written: string; groups: string[] }[] } {
  const nodes = scenario.nodes ?? [];
  const attached: AttachedEnd[] = [];
  const shared: { transfer: string; written: string; groups: string[] }[] = [];
  (scenario.transfers ?? []).forEach((t, i) => {
    for (const side of ['from', 'to'] as const) {
      let end: Endpoint;
      try {
        end = parseEndpoint(t[side]);
      } catch {
        continue; // the estimate reports it
      }
      if (end.kind !== 'cloud') continue;
      const here = nodes.filter((n) => n.provider === end.provider && n.region === end.region && n.zone === end.zone).map((n) => n.name);
      const varied = here.filter((n) => groups.includes(n));
      if (varied.length === 0) continue;
      if (here.length === 1) attached.push({ transfer: i, side, group: here[0]!, written: t[side] });
      else shared.push({ transfer: t.name, written: t[side], groups: here });
    }
  });
  return { attached, shared };
}

/** A candidate plan: the scenario with each varied group moved to its spot. */
export interface Placed {
  spots: Spot[];
  scenario: Scenario;
}

const INTERRUPTION_KEYS = ['interruptions_per_hour', 'checkpoint_every_hours', 'restart_hours', 'gang'] as const;

/** The scenario with each group at its spot and each attached end naming its group (`nodes:NAME`), so it follows. */
export function placed(scenario: Scenario, spots: readonly Spot[], attached: readonly AttachedEnd[]): Scenario {
  const at = new Map(spots.map((s) => [s.group, s]));
  const nodes = (scenario.nodes ?? []).map((n) => {
    const s = at.get(n.name);
    if (!s) return n;
    const moved: NodeGroup = { ...n, provider: s.provider, region: s.region, instance: s.instance, purchase: s.purchase };
    if (s.zone === undefined) delete moved.zone;
    else moved.zone = s.zone;
    // The interruption model belongs to spot groups only.
    if (s.purchase !== 'spot') for (const k of INTERRUPTION_KEYS) delete moved[k];
    if (n.purchase === undefined && s.purchase === 'on-demand') delete moved.purchase;
    return moved;
  });
  if (attached.length === 0) return { ...scenario, nodes };
  const transfers = [...(scenario.transfers ?? [])];
  for (const a of attached) transfers[a.transfer] = { ...transfers[a.transfer]!, [a.side]: `nodes:${a.group}` };
  return { ...scenario, nodes, transfers };
}

/** Every combination of one spot per group (the cross product), in order: the first group varies slowest. */
export function* combinations(perGroup: readonly (readonly Spot[])[]): Generator<Spot[]> {
  const at = perGroup.map(() => 0);
  if (perGroup.some((g) => g.length === 0)) return;
  for (;;) {
    yield at.map((k, g) => perGroup[g]![k]!);
    let g = perGroup.length - 1;
    while (g >= 0 && ++at[g]! === perGroup[g]!.length) at[g--] = 0;
    if (g < 0) return;
  }
}

export const combinationCount = (perGroup: readonly (readonly Spot[])[]) => perGroup.reduce((n, g) => n * g.length, 1);

/** How a spot reads: `aws:us-east-1 g6.2xlarge on-demand`. */
export function spotText(s: Pick<Spot, 'provider' | 'region' | 'zone' | 'instance'> & { purchase: string }): string {
  return `${formatEndpoint({ kind: 'cloud', provider: s.provider, region: s.region, ...(s.zone ? { zone: s.zone } : {}) })} ${s.instance} ${s.purchase}`;
}
