import type { Decimal } from '../model/decimal.js';
import type { PricingTableInput, Tier } from '../model/pricing.js';
import { diskUnit, storageSizing } from '../pricing/lookup.js';

/** One rate of a plan component, as `pricing show --storage` / `--network` list them. */
export interface ComponentRate {
  provider: string;
  section: string;
  item: string;
  region: string;
  rate: string;
  unit: string;
}

const money = (d: Decimal) => `$${d.toFixed()}`;

/** A tier list in one cell: "$0 to 1024, $0.085 to 10240, … $0.02". */
function tiersText(tiers: readonly Tier[]): string {
  return tiers.map((t) => (t.up_to === undefined ? money(t.rate) : `${money(t.rate)} to ${t.up_to.toFixed()}`)).join(', ');
}

function byRegion<T>(rates: Record<string, T>, row: (region: string, rate: T) => ComponentRate): ComponentRate[] {
  return Object.entries(rates).map(([region, rate]) => row(region, rate));
}

/** Storage classes (and their request rates), disks and cluster control planes. */
export function storageRates(table: PricingTableInput): ComponentRate[] {
  const p = table.provider;
  const out: ComponentRate[] = [];
  for (const [cls, entry] of Object.entries(table.storage ?? {})) {
    const section = entry.service ?? 'storage';
    const { unit } = storageSizing(table, cls);
    out.push(...byRegion(entry.rates ?? {}, (region, r) => ({ provider: p, section, item: cls, region, rate: Array.isArray(r) ? tiersText(r) : money(r), unit: `${unit}-month` })));
    for (const op of ['get', 'put'] as const) {
      out.push(...byRegion(entry.requests?.[op] ?? {}, (region, r) => ({ provider: p, section: 'requests', item: `${cls} ${op}`, region, rate: money(r), unit: '1K requests' })));
    }
  }
  for (const [cls, d] of Object.entries(table.disks ?? {})) {
    out.push(...byRegion(d.gb_month, (region, r) => ({ provider: p, section: 'disk', item: cls, region, rate: money(r), unit: `${diskUnit(table, d)}-month` })));
    for (const extra of ['iops', 'throughput_mbps'] as const) {
      const x = d[extra];
      if (x) out.push(...byRegion(x.month, (region, r) => ({ provider: p, section: 'disk', item: `${cls} ${extra} above ${x.included.toFixed()}`, region, rate: money(r), unit: 'unit-month' })));
    }
  }
  for (const [kind, c] of Object.entries(table.clusters ?? {})) {
    for (const [tier, rates] of Object.entries(c.tiers)) {
      out.push(...byRegion(rates, (region, r) => ({ provider: p, section: 'cluster', item: `${kind} ${tier}`, region, rate: money(r), unit: 'cluster-hour' })));
    }
  }
  return out;
}

/** The network components: public IPv4, NAT, endpoints, CDN, interconnect and load balancers. */
export function networkComponentRates(table: PricingTableInput): ComponentRate[] {
  const p = table.provider;
  const n = table.network ?? {};
  const unit = table.units?.transfer ?? 'GB';
  const row = (section: string, item: string, region: string, rate: string, u: string): ComponentRate => ({ provider: p, section, item, region, rate, unit: u });
  const out: ComponentRate[] = [];
  if (n.public_ipv4) out.push(...byRegion(n.public_ipv4.per_hour, (region, r) => row('public-ipv4', 'address', region, money(r), 'address-hour')));
  if (n.nat) {
    out.push(...byRegion(n.nat.per_hour ?? {}, (region, r) => row('nat-gateway', 'gateway', region, money(r), 'hour')));
    out.push(...byRegion(n.nat.per_gb, (region, r) => row('nat-gateway', 'processing', region, money(r), unit)));
  }
  if (n.gateway_endpoint) out.push(row('gateway-endpoint', 'object storage', 'all', money(n.gateway_endpoint.rate), unit));
  if (n.interface_endpoint) {
    out.push(...byRegion(n.interface_endpoint.per_az_hour, (region, r) => row('vpc-endpoint', 'endpoint', region, money(r), 'endpoint-AZ-hour')));
    out.push(...byRegion(n.interface_endpoint.per_gb, (region, t) => row('vpc-endpoint', 'processing', region, tiersText(t), `${unit}, region total`)));
  }
  if (n.cdn) {
    // Edges are where the viewers are, not regions: one row per edge, named as a transfer's viewers: names it.
    const cdn = n.cdn;
    const viewers = (key: string | undefined) => (key === undefined ? '' : ` (viewers: ${key})`);
    const per = `${cdn.requests?.per.toFixed()} requests`;
    out.push(row('cdn', `${cdn.name} delivery${viewers(cdn.edge)}`, 'all', tiersText(cdn.tiers), `${unit}, edge region total`));
    if (cdn.requests) out.push(row('cdn', `${cdn.name} requests${viewers(cdn.edge)}`, 'all', tiersText(cdn.requests.tiers), per));
    for (const [key, edge] of Object.entries(cdn.edges ?? {})) {
      out.push(row('cdn', `${cdn.name} delivery${viewers(key)}`, 'all', tiersText(edge.tiers), `${unit}, edge region total`));
      if (cdn.requests && edge.request_tiers) out.push(row('cdn', `${cdn.name} requests${viewers(key)}`, 'all', tiersText(edge.request_tiers), per));
    }
  }
  if (n.interconnect) {
    const per = n.interconnect.port_unit === 'month' ? 'port-month' : 'port-hour';
    for (const [port, rates] of Object.entries(n.interconnect.ports)) out.push(...byRegion(rates, (region, r) => row('interconnect', `${n.interconnect!.name} ${port} port`, region, money(r), per)));
    out.push(...byRegion(n.interconnect.per_gb, (region, r) => row('interconnect', `${n.interconnect!.name} out`, region, money(r), unit)));
  }
  for (const [kind, lb] of Object.entries(table.load_balancers ?? {})) {
    out.push(...byRegion(lb.per_hour, (region, r) => row('load-balancer', kind, region, money(r), 'hour')));
    if (lb.capacity_unit) {
      const cu = lb.capacity_unit;
      out.push(...byRegion(cu.per_hour, (region, r) => row('load-balancer', `${kind} ${cu.name}`, region, money(r), `${cu.name}-hour (${cu.gb_per_unit_hour.toFixed()} GB)`)));
    }
    if (lb.per_gb) out.push(...byRegion(lb.per_gb, (region, r) => row('load-balancer', `${kind} processing`, region, money(r), unit)));
  }
  return out;
}

/** Aligned columns, one rate a line. */
export function componentRatesTable(title: string, rows: readonly ComponentRate[]): string {
  if (rows.length === 0) return `${title}: none priced for this selection\n`;
  const head: ComponentRate = { provider: 'provider', section: 'kind', item: 'item', region: 'region', rate: 'rate', unit: 'per' };
  // The rate last: a tier list is long, and nothing after it needs aligning.
  const cols = ['provider', 'section', 'item', 'region', 'unit', 'rate'] as const;
  const all = [head, ...rows];
  const width = cols.map((c) => Math.max(...all.map((r) => r[c].length)));
  const lines = all.map((r) => cols.map((c, i) => (i === cols.length - 1 ? r[c] : r[c].padEnd(width[i]!))).join('  '));
  return `${title}\n${lines.join('\n')}\n`;
}
