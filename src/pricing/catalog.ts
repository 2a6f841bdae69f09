import type { Decimal } from '../model/decimal.js';
import type { PricingTableInput, Tier } from '../model/pricing.js';
import type { Provider } from '../model/scenario.js';
import { internetEgressTiers, interRegionRate, LookupError } from './lookup.js';

/** One instance type priced in one region: what `pricing show` lists. */
export interface CatalogRow {
  provider: Provider;
  instance: string;
  region: string;
  gpu?: { model: string; count: Decimal };
  vcpus?: Decimal;
  memory_gb?: Decimal;
  on_demand?: Decimal;
  spot?: Decimal;
  on_demand_per_gpu?: Decimal;
  spot_per_gpu?: Decimal;
}

export interface CatalogQuery {
  instance?: string;
  gpu?: string;
  region?: string;
  provider?: Provider;
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

/**
 * Every (instance, region) pair the tables price, filtered by the query and
 * sorted cheapest first: per GPU-hour when asking for a GPU model (the number
 * that compares an 8-GPU node with a 1-GPU node), per hour otherwise.
 */
export function catalogRows(tables: readonly PricingTableInput[], query: CatalogQuery): CatalogRow[] {
  const rows: CatalogRow[] = [];
  for (const table of tables) {
    if (query.provider && table.provider !== query.provider) continue;
    for (const [name, entry] of Object.entries(table.instances ?? {})) {
      if (query.instance && name.toLowerCase() !== query.instance.toLowerCase()) continue;
      if (query.gpu && !(entry.gpu && gpuMatches(entry.gpu.model, query.gpu))) continue;
      const regions = new Set([...Object.keys(entry.on_demand ?? {}), ...Object.keys(entry.spot ?? {})]);
      for (const region of regions) {
        if (query.region && region !== query.region) continue;
        const onDemand = entry.on_demand?.[region];
        const spot = entry.spot?.[region];
        const gpus = entry.gpu?.count;
        rows.push({
          provider: table.provider,
          instance: name,
          region,
          gpu: entry.gpu ? { model: entry.gpu.model, count: entry.gpu.count } : undefined,
          vcpus: entry.vcpus,
          memory_gb: entry.memory_gb,
          on_demand: onDemand,
          spot,
          on_demand_per_gpu: gpus && onDemand ? onDemand.div(gpus) : undefined,
          spot_per_gpu: gpus && spot ? spot.div(gpus) : undefined,
        });
      }
    }
  }
  const key = (r: CatalogRow) => (query.gpu ? (r.on_demand_per_gpu ?? r.spot_per_gpu) : (r.on_demand ?? r.spot));
  return rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka && kb && !ka.eq(kb)) return ka.cmp(kb);
    if (ka && !kb) return -1;
    if (kb && !ka) return 1;
    return `${a.provider} ${a.instance} ${a.region}`.localeCompare(`${b.provider} ${b.instance} ${b.region}`);
  });
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

/** Every region of the chosen providers whose network prices can be shown. */
export function networkRegions(tables: readonly PricingTableInput[], query: CatalogQuery): RegionNetwork[] {
  return tables
    .filter((t) => !query.provider || t.provider === query.provider)
    .filter((t) => query.region !== undefined && query.region in (t.regions ?? {}))
    .map((t) => regionNetwork(t, query.region!));
}
