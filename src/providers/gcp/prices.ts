import { Decimal } from '../../model/decimal.js';
import type { PricingTableInput, Tier } from '../../model/pricing.js';
import { emptyFetched, readCommitments, setCommitmentRate, setInstanceRate, tiersFromBands, type FetchedPrices } from '../fetched.js';

/** google.type.Money: int64 `units` arrives as a string, number or Long; `nanos` as an int. */
export interface Money {
  units?: string | number | { toString(): string } | null;
  nanos?: number | null;
  currencyCode?: string | null;
}

/** The fields of a Cloud Catalog `Sku` the mapping reads. */
export interface GcpSku {
  skuId?: string | null;
  description?: string | null;
  category?: { resourceFamily?: string | null; resourceGroup?: string | null; usageType?: string | null } | null;
  serviceRegions?: string[] | null;
  pricingInfo?: { pricingExpression?: { usageUnit?: string | null; tieredRates?: { startUsageAmount?: number | null; unitPrice?: Money | null }[] | null } | null }[] | null;
}

/** units + nanos/10^9, exactly: never through a float. */
export function moneyToDecimal(m: Money | null | undefined): Decimal {
  return new Decimal(String(m?.units ?? 0)).plus(new Decimal(m?.nanos ?? 0).div(1e9));
}

function bands(sku: GcpSku): { from: Decimal; rate: Decimal }[] {
  const rates = sku.pricingInfo?.[0]?.pricingExpression?.tieredRates ?? [];
  return rates.map((r) => ({ from: new Decimal(String(r.startUsageAmount ?? 0)), rate: moneyToDecimal(r.unitPrice) }));
}

function flatRate(sku: GcpSku): Decimal | undefined {
  const b = bands(sku);
  return b.length === 1 ? b[0]!.rate : undefined;
}

/** The SKU description naming a GPU model as the table writes it. */
const GPU_SKU: Record<string, string> = {
  A100: 'Nvidia Tesla A100 GPU',
  'A100-80GB': 'Nvidia Tesla A100 80GB GPU',
  H100: 'Nvidia H100 80GB GPU',
  L4: 'Nvidia L4 GPU',
  T4: 'Nvidia Tesla T4 GPU',
};

/**
 * How Google's egress SKUs name the destination a region's own continent
 * belongs to. The older SKUs ("Network Internet Egress from Iowa to Americas")
 * group destinations as Americas / EMEA / APAC; the renamed ones quoted in
 * 2026 ("Network Internet Data Transfer Out from Frankfurt to Western
 * Europe") split them finer, so each continent accepts its finer names too.
 */
const DESTINATION_GROUPS: Record<string, readonly string[]> = {
  'north-america': ['Americas', 'North America', 'Northern America'],
  'south-america': ['Americas', 'South America', 'Latin America'],
  europe: ['EMEA', 'Western Europe', 'Europe'],
  'middle-east': ['EMEA', 'Middle East'],
  africa: ['EMEA', 'Africa'],
  asia: ['APAC', 'Asia', 'Apac (excl Korea, Indonesia)'],
  oceania: ['APAC', 'Oceania'],
};

/** Both names of a Premium Tier internet egress SKU; the destination is the last group. */
const INTERNET_EGRESS_SKU = /^Network Internet (?:Egress|Data Transfer Out) from .+ to (.+)$/;

/** The currency of a SKU's prices; the fetch asks for USD, so anything else is refused, not converted. */
function currencyOf(sku: GcpSku): string | undefined {
  const rates = sku.pricingInfo?.[0]?.pricingExpression?.tieredRates ?? [];
  return rates.map((r) => r.unitPrice?.currencyCode ?? undefined).find((c) => c !== undefined);
}

/**
 * Machine types whose published price includes more than cores, memory and
 * GPUs (bundled local SSD), so they cannot be rebuilt from component SKUs.
 */
const NOT_FROM_COMPONENTS = [/^a2-ultragpu-/, /^a3-/];

/** Where a component SKU applies: its regions, on-demand or spot. */
interface Component {
  rate: Decimal;
  regions: string[];
  spot: boolean;
}

function componentSkus(skus: readonly GcpSku[], matches: (description: string) => boolean, group: string): Component[] {
  const out: Component[] = [];
  for (const s of skus) {
    const usage = s.category?.usageType;
    if (s.category?.resourceFamily !== 'Compute' || s.category.resourceGroup !== group) continue;
    if (usage !== 'OnDemand' && usage !== 'Preemptible') continue;
    if (!matches(s.description ?? '')) continue;
    const rate = flatRate(s);
    if (rate) out.push({ rate, regions: s.serviceRegions ?? [], spot: usage === 'Preemptible' });
  }
  return out;
}

/** Resource-based committed use: the usage type of a term's SKUs, and the table's term. */
const COMMIT_TERMS = [
  { usage: 'Commit1Yr', term: '1y' },
  { usage: 'Commit3Yr', term: '3y' },
] as const;

/**
 * A term's component SKUs ("Commitment v1: A2 Cpu in Americas for 1 Year",
 * "… A2 Ram in …", "Commitment v1: Nvidia Tesla A100 GPU running in … for 3
 * Years"): the committed $/hour of one vCPU, GiB or GPU, by region.
 */
function commitmentSkus(skus: readonly GcpSku[], usage: string, what: RegExp): { rate: Decimal; regions: string[] }[] {
  const out: { rate: Decimal; regions: string[] }[] = [];
  for (const s of skus) {
    if (s.category?.resourceFamily !== 'Compute' || s.category.usageType !== usage || !what.test(s.description ?? '')) continue;
    const rate = flatRate(s);
    if (rate) out.push({ rate, regions: s.serviceRegions ?? [] });
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function rateIn(components: readonly Component[], region: string, spot: boolean): Decimal | undefined {
  return components.find((c) => c.spot === spot && c.regions.includes(region))?.rate;
}

/**
 * Compute Engine, Cloud Storage and network SKUs → table rates. Google prices
 * a machine as cores + memory (+ GPUs), each a SKU per machine family and
 * region; the machine's hourly price is rebuilt from the table's own vCPU,
 * memory and GPU counts, on demand, spot and for each committed-use term
 * ("Commitment v1: …" SKUs, resource-based CUDs). Network and storage rates are per GiB, as the table.
 */
export function mapGcpSkus(allSkus: readonly GcpSku[], table: PricingTableInput): FetchedPrices {
  const out = emptyFetched('gcp');
  const regions = Object.keys(table.regions ?? {});
  const foreign = allSkus.filter((s) => (currencyOf(s) ?? 'USD') !== 'USD');
  const skus = foreign.length ? allSkus.filter((s) => !foreign.includes(s)) : allSkus;
  if (foreign.length) {
    const currencies = [...new Set(foreign.map(currencyOf))].sort().join(', ');
    out.notes.push(`${foreign.length} SKU${foreign.length === 1 ? '' : 's'} priced in ${currencies}, not USD, were left out (e.g. ${foreign[0]!.description})`);
  }
  for (const [name, entry] of Object.entries(table.instances ?? {})) {
    if (NOT_FROM_COMPONENTS.some((re) => re.test(name))) {
      out.notes.push(`${name}: its price bundles local SSD and is not rebuilt from component SKUs; kept as is`);
      continue;
    }
    const family = name.split('-')[0]!.toUpperCase();
    const gpuSku = entry.gpu ? GPU_SKU[entry.gpu.model] : undefined;
    if (entry.gpu && !gpuSku) {
      out.notes.push(`${name}: no SKU known for GPU model ${entry.gpu.model}; kept as is`);
      continue;
    }
    if (!entry.vcpus || !entry.memory_gb) continue;
    // Spot SKUs have been named "Preemptible …" and "Spot Preemptible …"; usageType tells them apart either way.
    const core = componentSkus(skus, (d) => new RegExp(`^((Spot )?Preemptible )?${family} Instance Core running in `).test(d), 'CPU');
    const ram = componentSkus(skus, (d) => new RegExp(`^((Spot )?Preemptible )?${family} Instance Ram running in `).test(d), 'RAM');
    const gpu = gpuSku
      ? componentSkus(skus, (d) => new RegExp(`^((Spot )?Preemptible )?${gpuSku} (attached to (Spot )?Preemptible VMs )?running in `).test(d), 'GPU')
      : [];
    let priced = false;
    for (const region of regions) {
      for (const spot of [false, true]) {
        const c = rateIn(core, region, spot);
        const r = rateIn(ram, region, spot);
        const g = entry.gpu ? rateIn(gpu, region, spot) : new Decimal(0);
        if (!c || !r || !g) continue;
        const gpus = entry.gpu?.count ?? new Decimal(0);
        setInstanceRate(out, name, spot ? 'spot' : 'on_demand', region, c.times(entry.vcpus).plus(r.times(entry.memory_gb)).plus(g.times(gpus)));
        priced = true;
      }
    }
    if (!priced) out.notes.push(`${name}: no ${family} core/memory${gpuSku ? '/GPU' : ''} SKUs in the listed regions; kept as is`);
    for (const { usage, term } of COMMIT_TERMS) {
      const end = ' for \\d Years?$';
      const c = commitmentSkus(skus, usage, new RegExp(`^Commitment v1: ${family} Cpu in .+${end}`));
      const r = commitmentSkus(skus, usage, new RegExp(`^Commitment v1: ${family} Ram in .+${end}`));
      const g = gpuSku ? commitmentSkus(skus, usage, new RegExp(`^Commitment v1: ${escape(gpuSku)} running in .+${end}`)) : [];
      const at = (list: typeof c, region: string) => list.find((x) => x.regions.includes(region))?.rate;
      for (const region of regions) {
        const cr = at(c, region);
        const rr = at(r, region);
        const gr = entry.gpu ? at(g, region) : new Decimal(0);
        if (!cr || !rr || !gr) continue;
        const rate = cr.times(entry.vcpus).plus(rr.times(entry.memory_gb)).plus(gr.times(entry.gpu?.count ?? 0));
        setCommitmentRate(out, name, { purchase: 'committed-use', term }, region, rate);
      }
    }
  }
  // The Catalog lists the Commitment SKUs beside the others: a committed-use rate it does not rebuild is reported.
  readCommitments(out, 'committed-use');

  for (const s of skus) {
    const group = s.category?.resourceGroup;
    if (s.category?.usageType !== 'OnDemand') continue;
    const where = (s.serviceRegions ?? []).filter((r) => regions.includes(r));
    // Regional Standard-class storage; multi- and dual-region SKUs name no listed region.
    if (s.category.resourceFamily === 'Storage' && /^(Standard|Regional) Storage /.test(s.description ?? '')) {
      const b = bands(s);
      const rate: Decimal | Tier[] = b.length === 1 ? b[0]!.rate : tiersFromBands(b);
      for (const region of where) (out.storage['gcs-standard'] ??= {})[region] = rate;
    } else if (group === 'InterzoneEgress') {
      out.inter_zone ??= flatRate(s);
    } else if (group === 'PremiumInternetEgress') {
      // Traffic to the source's own continent group stands for the worldwide rate;
      // China and Australia cost more and are not modelled.
      const to = INTERNET_EGRESS_SKU.exec(s.description ?? '')?.[1];
      for (const region of where) {
        const continent = table.regions?.[region]?.continent;
        if (to && continent && DESTINATION_GROUPS[continent]?.includes(to)) out.internet_egress[region] = tiersFromBands(bands(s));
      }
    }
  }
  // A refresh that finds no egress SKU for a region must say so, not keep the old tiers silently.
  const missing = regions.filter((r) => !out.internet_egress[r]);
  if (missing.length) out.notes.push(`internet egress: no Premium Tier SKU to the region's own continent found for ${missing.join(', ')}; their tiers kept as is`);
  return out;
}
