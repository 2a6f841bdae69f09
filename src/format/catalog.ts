import type { Decimal } from '../model/decimal.js';
import type { Tier } from '../model/pricing.js';
import type { CatalogRow, RegionNetwork } from '../pricing/catalog.js';
import { wrapNote } from './actuals-describe.js';
import { columns } from './columns.js';
import { amount, exact, rate } from '../model/numbers.js';
import type { PricingSource } from '../model/pricing-book.js';
import { pricingJson } from './describe.js';

/**
 * The line a listing from a cached catalog ends with: which catalog, how old,
 * from where. Bundled tables need no line: they are what the install ships.
 */
export function cachedSourcesNote(sources: readonly PricingSource[]): string {
  const cached = sources.filter((s) => s.role === 'cache');
  if (!cached.length) return '';
  const each = cached.map((s) => `${s.provider} from the cached catalog ${s.file} (as_of ${s.as_of}, source ${s.source})`).join('; ');
  return `${wrapNote(`prices: ${each}; --prices bundled lists the bundled tables`, '    ').join('\n')}\n`;
}

const dash = '—';
const x = (d: Decimal | undefined) => (d ? exact(d) : undefined);

/** `format`, remembered per Decimal (tables share them: see src/pricing/compiled.ts); a dash for none. */
function formattedOnce(format: (d: Decimal) => string): (d: Decimal | undefined) => string {
  const texts = new Map<Decimal, string>();
  return (d) => {
    if (!d) return dash;
    let text = texts.get(d);
    if (text === undefined) texts.set(d, (text = format(d)));
    return text;
  };
}

export function catalogTable(rows: readonly CatalogRow[]): string {
  if (rows.length === 0) return 'no priced instance matches\n';
  // Each distinct Decimal is formatted once per format: a type's specs and a shared rate recur in row after row.
  const r = formattedOnce(rate);
  const a = formattedOnce(amount);
  const header = ['PROVIDER', 'INSTANCE', 'REGION', 'GPUS', 'VCPU', 'MEM GB', 'ON-DEMAND/H', 'SPOT/H', 'OD/GPU-H', 'SPOT/GPU-H', '1Y/GPU-H'];
  const body = rows.map((row) => [
    row.provider,
    row.instance,
    row.region,
    row.gpu ? `${row.gpu.count}× ${row.gpu.model}${row.gpu.memory_gb ? ` ${a(row.gpu.memory_gb)}GB` : ''}` : dash,
    a(row.vcpus),
    a(row.memory_gb),
    r(row.on_demand),
    r(row.spot),
    r(row.on_demand_per_gpu),
    r(row.spot_per_gpu),
    r(row.commit_1y_per_gpu),
  ]);
  const kinds = [...new Set(rows.flatMap((row) => (row.commit_1y ? [row.commit_1y.kind] : [])))];
  const legend = kinds.length ? `${wrapNote(`1Y: the cheapest 1-year commitment published (${kinds.join('; ')}), per GPU-hour`, '    ').join('\n')}\n` : '';
  return `${columns(header, body, new Set([4, 5, 6, 7, 8, 9, 10]), { foldBefore: 4 })}\n${legend}`;
}

function tierLines(tiers: readonly Tier[], unit: string): string[] {
  let from = '0';
  return tiers.map((t) => {
    const band = t.up_to ? `${from}–${amount(t.up_to)} ${unit}` : `over ${from} ${unit}`;
    from = t.up_to ? amount(t.up_to) : from;
    return `    ${band.padEnd(24)} ${rate(t.rate)}/${unit}`;
  });
}

export function networkTable(net: RegionNetwork): string {
  const u = net.unit;
  const out = [`${net.provider} ${net.region} · network · per ${u}`];
  if (net.ingress) out.push(`  ingress                  ${rate(net.ingress)}/${u}`);
  if (net.inter_zone) out.push(`  inter-zone               ${rate(net.inter_zone.rate)}/${u}${net.inter_zone.sides.gt(1) ? ` on each of ${net.inter_zone.sides} sides` : ''}`);
  if (net.nat) out.push(`  NAT gateway              ${rate(net.nat.per_gb)}/${u} processed${net.nat.per_hour ? ` + ${rate(net.nat.per_hour)}/hour` : ''}`);
  if (net.internet_egress) {
    out.push(`  internet egress (${net.internet_egress.schedule === 'default' ? 'provider-wide monthly total' : `${net.region} schedule`}):`);
    out.push(...tierLines(net.internet_egress.tiers, u));
  } else out.push('  internet egress          not priced');
  if (net.inter_region.length) {
    out.push('  to other regions:');
    const body = net.inter_region.map((p) => [`    ${p.to}`, p.rate ? `${rate(p.rate)}/${u}` : 'not priced', p.rule ? `(rule ${p.rule})` : '']);
    out.push(columns(['', '', ''], body, new Set([1])).split('\n').slice(1).join('\n'));
  }
  return `${out.join('\n')}\n`;
}

/** Decimal strings, unrounded, as every JSON output of tollgate. */
export function catalogJson(rows: readonly CatalogRow[], networks: readonly RegionNetwork[], sources: readonly PricingSource[]): string {
  // A type's specs are the same Decimals in every region's row, and regions share rates: each is written out once.
  const exactOnce = formattedOnce(exact);
  const written = (d: Decimal | undefined) => (d ? exactOnce(d) : undefined);
  const instances = rows.map((row) => ({
    provider: row.provider,
    instance: row.instance,
    region: row.region,
    gpu: row.gpu ? { model: row.gpu.model, count: written(row.gpu.count), memory_gb: written(row.gpu.memory_gb) } : undefined,
    vcpus: written(row.vcpus),
    memory_gb: written(row.memory_gb),
    on_demand: written(row.on_demand),
    spot: written(row.spot),
    on_demand_per_gpu: written(row.on_demand_per_gpu),
    spot_per_gpu: written(row.spot_per_gpu),
    commit_1y: row.commit_1y ? { kind: row.commit_1y.kind, rate: exactOnce(row.commit_1y.rate) } : undefined,
    commit_1y_per_gpu: written(row.commit_1y_per_gpu),
  }));
  const network = networks.map((n) => ({
    provider: n.provider,
    region: n.region,
    unit: n.unit,
    ingress: x(n.ingress),
    inter_zone: n.inter_zone ? { rate: exact(n.inter_zone.rate), sides: exact(n.inter_zone.sides) } : undefined,
    nat: n.nat ? { per_gb: exact(n.nat.per_gb), per_hour: x(n.nat.per_hour) } : undefined,
    internet_egress: n.internet_egress
      ? { schedule: n.internet_egress.schedule, tiers: n.internet_egress.tiers.map((t) => ({ up_to: x(t.up_to), rate: exact(t.rate) })) }
      : undefined,
    inter_region: n.inter_region.map((p) => ({ to: p.to, rate: x(p.rate), rule: p.rule })),
  }));
  return `${JSON.stringify({ pricing: pricingJson(sources), instances, network }, null, 2)}\n`;
}
