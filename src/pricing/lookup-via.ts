import type { Decimal } from '../model/decimal.js';
import type { LoadBalancerKind, Network, PricingTableInput, Tier } from '../model/pricing.js';
import { didYouMean, listSome } from '../model/suggest.js';
import { blaming, LookupError, requireRegion, rowDate } from './lookup.js';

/**
 * The rates of the network components: the paths a transfer can take
 * (`via:`) and load balancers, one lookup each. A table without the row is a
 * lookup error at the key that names it: such rates are left out rather than guessed.
 */
function row<K extends 'gateway_endpoint' | 'interface_endpoint' | 'cdn' | 'interconnect'>(
  table: PricingTableInput,
  key: K,
  via: string,
): NonNullable<Network[K]> {
  const found = table.network?.[key];
  if (!found) {
    throw new LookupError(
      `via: ${via} is not priced for ${table.provider}: the ${table.provider} table has no network.${key} rates (no published figure was confirmed)`,
      `price it in a pricing override file (network.${key}), or remove via: ${via}`,
      'via',
    );
  }
  return found as NonNullable<Network[K]>;
}

function inRegion<T>(rates: Record<string, T>, region: string, what: string, table: PricingTableInput): T {
  const rate = rates[region];
  if (rate === undefined) {
    throw new LookupError(
      `no ${table.provider} ${what} price for ${region}`,
      `${what} is priced in: ${listSome(Object.keys(rates))}; or add ${region} in a pricing override file`,
      'via',
    );
  }
  return rate;
}

function lbKind(table: PricingTableInput, kind: string): LoadBalancerKind {
  const kinds = Object.keys(table.load_balancers ?? {});
  const entry = table.load_balancers?.[kind];
  if (entry) return entry;
  throw new LookupError(
    `unknown ${table.provider} load balancer kind ${JSON.stringify(kind)}`,
    didYouMean(kind, kinds) ?? (kinds.length ? `${table.provider} load balancer kinds: ${listSome(kinds)}` : `the ${table.provider} table prices no load balancers (no published figure was confirmed)`),
    'kind',
  );
}

function lbInRegion(rates: Record<string, Decimal>, region: string, what: string): Decimal {
  const rate = rates[region];
  if (rate === undefined) throw new LookupError(`${what} is not priced in ${region}`, `priced regions: ${listSome(Object.keys(rates))}`, 'region');
  return rate;
}

/** A load balancer kind's rates in a region: hours, and what it processes (capacity-unit-hours from GB, or per GB). */
export function loadBalancerRates(
  table: PricingTableInput,
  kind: string,
  region: string,
): { entry: LoadBalancerKind; what: string; perHour: Decimal; capacityUnit?: { name: string; gbPerUnitHour: Decimal; perHour: Decimal }; perGB?: Decimal } {
  const entry = lbKind(table, kind);
  blaming('region', () => requireRegion(table, region));
  const what = entry.description ?? kind;
  const unit = entry.capacity_unit;
  return {
    entry,
    what,
    perHour: lbInRegion(entry.per_hour, region, what),
    ...(unit ? { capacityUnit: { name: unit.name, gbPerUnitHour: unit.gb_per_unit_hour, perHour: lbInRegion(unit.per_hour, region, `${what} ${unit.name}`) } } : {}),
    ...(!unit && entry.per_gb ? { perGB: lbInRegion(entry.per_gb, region, `${what} data processing`) } : {}),
  };
}

export function gatewayEndpointRate(table: PricingTableInput): { rate: Decimal; as_of?: string } {
  return row(table, 'gateway_endpoint', 'gateway-endpoint');
}

export function interfaceEndpointRates(table: PricingTableInput, region: string): { name: string; perAzHour: Decimal; perGB: Tier[]; as_of?: string } {
  const r = row(table, 'interface_endpoint', 'vpc-endpoint');
  return {
    ...rowDate(table, r.as_of),
    name: r.name ?? 'interface endpoint',
    perAzHour: inRegion(r.per_az_hour, region, 'interface endpoint', table),
    perGB: inRegion(r.per_gb, region, 'interface endpoint processing', table),
  };
}

export function cdnRates(table: PricingTableInput): NonNullable<Network['cdn']> {
  return row(table, 'cdn', 'cdn');
}

/** The CDN's schedules for one viewer region (a transfer's `viewers:`): delivery, and requests where the table prices them. */
export interface CdnEdge {
  key: string;
  name: string;
  tiers: Tier[];
  requestTiers?: Tier[];
}

/**
 * The edge a CDN transfer is delivered from: the one its `viewers:` names, else
 * the table's default. A viewer region the table does not price is a lookup
 * error at `viewers`, never the default's rates.
 */
export function cdnEdge(table: PricingTableInput, viewers: string | undefined): CdnEdge {
  const cdn = cdnRates(table);
  const own = cdn.edge ?? 'default';
  const named = Object.keys(cdn.edges ?? {});
  if (viewers === undefined || viewers === own) {
    return { key: own, name: cdn.edge_name ?? own, tiers: cdn.tiers, ...(cdn.requests ? { requestTiers: cdn.requests.tiers } : {}) };
  }
  const edge = cdn.edges?.[viewers];
  if (!edge) {
    const known = [...(cdn.edge ? [cdn.edge] : []), ...named];
    throw new LookupError(
      `${cdn.name} is not priced for viewers ${JSON.stringify(viewers)} in the ${table.provider} table`,
      didYouMean(viewers, known) ?? (known.length ? `viewers: ${listSome(known)}; or price that edge in an override file (network.cdn.edges)` : `the ${table.provider} table prices ${cdn.name} for one edge only; remove viewers, or price it in an override file (network.cdn.edges)`),
      'viewers',
    );
  }
  return { key: viewers, name: edge.name, tiers: edge.tiers, ...(edge.request_tiers ? { requestTiers: edge.request_tiers } : {}) };
}

export function interconnectRates(
  table: PricingTableInput,
  region: string,
  port: string | undefined,
): { name: string; port: string; portRate: Decimal; portUnit: 'hour' | 'month'; perGB: Decimal; assumption?: string; as_of?: string } {
  const r = row(table, 'interconnect', 'interconnect');
  const speed = port ?? r.default_port;
  const byRegion = r.ports[speed];
  if (!byRegion) {
    const hint = didYouMean(speed, Object.keys(r.ports));
    throw new LookupError(
      `no ${r.name} port ${JSON.stringify(speed)} in the ${table.provider} table`,
      hint ?? `ports: ${listSome(Object.keys(r.ports))}`,
      'port',
    );
  }
  return {
    ...rowDate(table, r.as_of),
    name: r.name,
    port: speed,
    portRate: inRegion(byRegion, region, `${r.name} ${speed} port`, table),
    portUnit: r.port_unit ?? 'hour',
    perGB: inRegion(r.per_gb, region, `${r.name} data transfer out`, table),
    ...(r.assumption ? { assumption: r.assumption } : {}),
  };
}
