import { Decimal, ZERO } from '../model/decimal.js';
import type { ResolvedEndpoint } from '../model/endpoint.js';
import type { LineItem } from '../model/estimate.js';
import type { Tier } from '../model/pricing.js';
import type { Transfer, Via } from '../model/scenario.js';
import { LookupError, rowDate } from '../pricing/lookup.js';
import { cdnEdge, cdnRates, gatewayEndpointRate, interconnectRates, interfaceEndpointRates } from '../pricing/lookup-via.js';
import { blendedRate, priceAggregate, type AggregateMember, type Detail } from './aggregate.js';
import { groupBy } from './group-by.js';
import { exactInverse } from './units.js';
import type { PricingTrace, Product } from './trace.js';
import type { ClassifiedPath } from './transfer-path.js';

interface Context {
  detail: Detail;
  hoursPerMonth: Decimal;
  assume: (text: string) => void;
  trace?: PricingTrace;
}

/** One transfer as priceTransfers has classified and measured it. */
export interface ViaFlow {
  transfer: Transfer;
  index: number;
  path: ClassifiedPath;
  from: ResolvedEndpoint;
  to: ResolvedEndpoint;
  /** Moved in the month, in the table's transfer unit. */
  quantity: Decimal;
  unit: string;
  quantityOf: (t: Transfer) => Decimal;
  /** `quantityOf` as a product (trace.ts), when it only multiplies and a trace listens. */
  product: Product | undefined;
}

/** The price of the transfer line itself where the via replaces the path's own (CDN origin fetch, interconnect). */
export interface ViaPathPrice {
  text: string;
  rate: Decimal;
  as_of?: string;
}

const SAME_REGION = new Set(['same-zone', 'inter-zone', 'same-region-storage']);

/** Why a via does not apply to a path, as a lookup error at `via`; undefined when it applies. */
function misfit(via: Via, f: ViaFlow): LookupError | undefined {
  const p = f.path.path;
  const bad = (message: string, suggestion: string) => new LookupError(message, suggestion, 'via');
  switch (via) {
    case 'nat-gateway':
      return undefined;
    case 'gateway-endpoint':
      return p === 'same-region-storage'
        ? undefined
        : bad(
            `a gateway endpoint only reaches S3 and DynamoDB in its own region (a plan names S3 as a storage: end); ${f.transfer.name} is ${p}`,
            p === 'internet' || p === 'cross-cloud' ? 'use via: nat-gateway, or remove via' : 'name the bucket as a storage: end in the same region, or remove via',
          );
    case 'vpc-endpoint':
      return SAME_REGION.has(p)
        ? undefined
        : bad(
            `an interface endpoint (PrivateLink) serves a service in its own region; ${f.transfer.name} is ${p}`,
            // To another region the endpoint would sit in the service's region and the traffic still crosses regions.
            p === 'inter-region' || p === 'cross-cloud'
              ? `remove via: the traffic is priced as ${p} transfer (an endpoint in ${f.to.kind === 'cloud' ? f.to.region : "the service's region"} serves only what runs in that region)`
              : 'remove via, or use via: nat-gateway for internet traffic',
          );
    case 'cdn':
      if (p === 'ingress') return bad(`a CDN delivers out to viewers; ${f.transfer.name} is ingress`, 'remove via: cdn');
      return p === 'internet' && f.to.kind === 'internet'
        ? undefined
        : bad(`a CDN delivers to the internet; ${f.transfer.name} goes to ${f.to.kind === 'cloud' ? 'a cloud' : f.to.kind} (${p})`, 'set to: internet, or remove via: cdn');
    case 'interconnect':
      return (p === 'internet' && f.to.kind === 'on-prem') || (p === 'ingress' && f.from.kind === 'on-prem')
        ? undefined
        : bad(`a private interconnect links a cloud region and on-prem; ${f.transfer.name} is ${p === 'internet' ? 'to the internet' : p}`, 'set one end to on-prem, or remove via: interconnect');
  }
}

interface Tiered {
  item: LineItem;
  member: AggregateMember;
  group: string;
}

/**
 * The lines a transfer's `via:` adds (all but NAT, which priceTransfers keeps):
 * per-flow lines as each flow is priced, then the per-region lines (endpoint
 * hours, interconnect ports) and the tiered aggregates (CDN delivery and
 * requests per provider, endpoint processing per region) in `finish`.
 */
export class ViaLines {
  private readonly tiered: Tiered[] = [];
  private readonly endpoints = new Map<string, { flow: ViaFlow; azs: Decimal; perAzHour: Decimal; name: string; as_of?: string }>();
  private readonly ports = new Map<string, { flow: ViaFlow; name: string; port: string; portRate: Decimal; portUnit: 'hour' | 'month'; as_of?: string }>();
  private readonly out: LineItem[] = [];
  /** Per provider, the CDN edge that takes the free allowance, and whether the split was said. */
  private readonly cdnFirstEdge = new Map<string, string>();
  private readonly cdnSplitTold = new Set<string>();

  constructor(private readonly ctx: Context) {}

  /** Throws when the via does not fit the path; else, for cdn and interconnect, the transfer line's own price. */
  pathPrice(f: ViaFlow): ViaPathPrice | undefined {
    const via = f.transfer.via;
    if (via === undefined) return undefined;
    const wrong = misfit(via, f);
    if (wrong) throw wrong;
    const table = f.path.table;
    if (via === 'cdn') {
      const cdn = cdnRates(table);
      return { text: `origin fetch to ${cdn.name}${cdn.origin_fetch.isZero() ? ', free' : ''}`, rate: cdn.origin_fetch, ...rowDate(table, cdn.as_of) };
    }
    if (via === 'interconnect' && f.path.path === 'internet') {
      const ic = interconnectRates(table, f.path.payer.region, f.transfer.port);
      return { text: `over ${ic.name}`, rate: ic.perGB, ...(ic.as_of ? { as_of: ic.as_of } : {}) };
    }
    return undefined;
  }

  /** The per-flow lines of the via (after pathPrice accepted it). */
  add(f: ViaFlow): void {
    const t = f.transfer;
    const table = f.path.table;
    const { provider, region } = f.path.payer;
    const base = { name: t.name, provider, region, ref: ['transfers', f.index] as (string | number)[] };
    switch (t.via) {
      case 'gateway-endpoint': {
        const gw = gatewayEndpointRate(table);
        const rate = gw.rate;
        this.flat(f, { ...base, ...rowDate(table, gw.as_of), kind: 'gateway-endpoint', category: 'network', description: `S3 gateway endpoint for ${t.name} (no NAT processing)`, quantity: f.quantity, unit: f.unit, rate, cost: f.quantity.times(rate) });
        return;
      }
      case 'vpc-endpoint': {
        const ep = interfaceEndpointRates(table, region);
        this.tier(f, { ...base, ...(ep.as_of ? { as_of: ep.as_of } : {}), kind: 'endpoint-processing', category: 'network', description: `${ep.name} data processing for ${t.name}`, quantity: f.quantity, unit: f.unit }, ep.perGB, `${provider}:${region}`);
        const key = `${provider}:${region}`;
        const azs = t.endpoint_azs ?? new Decimal(1);
        if (t.endpoint_azs === undefined) this.ctx.assume(`transfers.${t.name}: endpoint_azs not given; the interface endpoint is in 1 Availability Zone (each AZ bills its own hours)`);
        const seen = this.endpoints.get(key);
        if (!seen || azs.gt(seen.azs)) this.endpoints.set(key, { flow: seen?.flow ?? f, azs, perAzHour: ep.perAzHour, name: ep.name, as_of: ep.as_of });
        return;
      }
      case 'cdn': {
        const cdn = cdnRates(table);
        const edge = cdnEdge(table, t.viewers);
        const dated = rowDate(table, cdn.as_of);
        if (cdn.assumption) this.ctx.assume(`${provider} ${cdn.name}: ${cdn.assumption}`);
        const others = [cdn.edge, ...Object.keys(cdn.edges ?? {})].filter((k): k is string => k !== undefined && k !== edge.key);
        this.ctx.assume(
          t.viewers === undefined
            ? `transfers.${t.name}: viewers not given; delivered from ${cdn.name}'s ${edge.name} edges${others.length ? ` (viewers: ${others.join(', ')} price another audience)` : ''}`
            : `transfers.${t.name}: delivered from ${cdn.name}'s ${edge.name} edges (viewers: ${edge.key})`,
        );
        const free = this.freeOnce(provider, cdn.name, edge.key);
        this.tier(f, { ...base, ...dated, kind: 'cdn-delivery', category: 'egress', description: `${cdn.name} delivery to viewers in ${edge.name} for ${t.name}`, quantity: f.quantity, unit: f.unit }, free(edge.tiers), `${provider}:cdn:${edge.key}`);
        if (t.requests_per_month === undefined) {
          this.ctx.assume(`transfers.${t.name}: requests_per_month not given; ${cdn.name}'s request fee is not included`);
        } else if (cdn.requests) {
          if (!edge.requestTiers) {
            throw new LookupError(
              `${cdn.name} requests are not priced for viewers in ${edge.name} in the ${provider} table`,
              `price them in an override file (network.cdn.edges.${edge.key}.request_tiers), or leave out requests_per_month`,
              'requests_per_month',
            );
          }
          const per = cdn.requests.per;
          const perText = per.mod(1000).isZero() ? `${per.div(1000)}K` : per.toString();
          const quantityOf = (x: Transfer) => (x.requests_per_month ?? ZERO).div(per);
          // The flow's product is its volume's; the requests' is their count over `per`, when that only multiplies.
          const inverse = this.ctx.trace && exactInverse(per);
          const requests: ViaFlow = { ...f, quantity: quantityOf(t), quantityOf, product: inverse ? ['requests_per_month', inverse] : undefined };
          this.tier(
            requests,
            { ...base, ...dated, kind: 'cdn-requests', category: 'network', description: `${cdn.name} requests for ${t.name} (${t.requests_per_month} a month, ${edge.name})`, quantity: quantityOf(t), unit: `${perText} requests` },
            free(edge.requestTiers),
            `${provider}:cdn-requests:${edge.key}`,
          );
        } else {
          this.ctx.assume(`transfers.${t.name}: the ${provider} table has no ${cdn.name} request rate; requests are not included`);
        }
        return;
      }
      case 'interconnect': {
        const ic = interconnectRates(table, region, t.port);
        if (ic.assumption) this.ctx.assume(`${provider} ${ic.name}: ${ic.assumption}`);
        if (t.port === undefined) this.ctx.assume(`transfers.${t.name}: port not given; priced on a ${ic.port} ${ic.name} port`);
        const key = `${provider}:${region}:${ic.port}`;
        if (!this.ports.has(key)) this.ports.set(key, { flow: f, name: ic.name, port: ic.port, portRate: ic.portRate, portUnit: ic.portUnit, as_of: ic.as_of });
        return;
      }
      default:
        return;
    }
  }

  /**
   * A CDN's free allowance (a first tier at $0 on each edge's schedule) is the
   * account's, not each edge's: it goes to the first edge the plan delivers to
   * (file order, so the same plan always prices the same), and every other edge
   * of the provider pays from its first unit. Decided by which edges the plan
   * names, never by a quantity, as compiled plans need.
   */
  private freeOnce(provider: string, cdn: string, edge: string): (tiers: Tier[]) => Tier[] {
    const first = this.cdnFirstEdge.get(provider);
    if (first === undefined) this.cdnFirstEdge.set(provider, edge);
    if (first === undefined || first === edge) return (tiers) => tiers;
    if (!this.cdnSplitTold.has(provider)) {
      this.cdnSplitTold.add(provider);
      this.ctx.assume(`${provider} ${cdn}: the always-free allowance is counted once, on the ${first} edges (the first this plan delivers to); the other edges pay from their first GB and request`);
    }
    return (tiers) => (tiers.length > 1 && tiers[0]!.rate.isZero() ? tiers.slice(1) : tiers);
  }

  private flat(f: ViaFlow, item: LineItem): void {
    this.out.push(item);
    this.ctx.trace?.line(item, f.quantityOf, f.product);
  }

  private tier(f: ViaFlow, item: Omit<LineItem, 'rate' | 'cost'>, tiers: Tier[], group: string): void {
    const line: LineItem = { ...item, rate: ZERO, cost: ZERO };
    this.out.push(line);
    this.ctx.trace?.line(line, f.quantityOf, f.product);
    this.tiered.push({ item: line, member: { quantity: f.quantity, schedule: 'default', tiers }, group });
  }

  /** A line whose quantity no transfer quantity moves (hours of a fixed footprint), told to the trace as such. */
  private fixed(item: LineItem): void {
    this.out.push(item);
    this.ctx.trace?.fixed(item);
  }

  /** Every via line: tiered aggregates priced, then one line per endpoint region and per port. */
  finish(): LineItem[] {
    for (const group of groupBy(this.tiered, (x) => x.group).values()) {
      const members = group.map((g) => g.member);
      this.ctx.trace?.aggregate(group.map((g) => g.item), members);
      const costs = priceAggregate(members, this.ctx.detail);
      group.forEach((g, k) => {
        g.item.cost = costs[k]!.cost;
        if (this.ctx.detail === 'totals') return;
        g.item.rate = blendedRate(g.item.cost, g.item.quantity);
        g.item.tiers = costs[k]!.tiers;
      });
    }
    const hours = this.ctx.hoursPerMonth;
    for (const e of this.endpoints.values()) {
      const { provider, region } = e.flow.path.payer;
      this.ctx.assume(`${provider} ${region}: one ${e.name} in ${e.azs} AZ(s) running all month serves every via: vpc-endpoint flow of the region (${hours} h)`);
      const quantity = e.azs.times(hours);
      this.fixed({
        ...(e.as_of ? { as_of: e.as_of } : {}),
        kind: 'endpoint-hours',
        name: `vpc-endpoint-${region}`,
        category: 'network',
        provider,
        region,
        description: `${e.name} in ${region}, ${e.azs} AZ × ${hours} h`,
        quantity,
        unit: 'endpoint-AZ-hour',
        rate: e.perAzHour,
        cost: quantity.times(e.perAzHour),
        ref: ['transfers', e.flow.index, 'via'],
      });
    }
    for (const p of this.ports.values()) {
      const { provider, region } = p.flow.path.payer;
      // A port priced per month (an ExpressRoute circuit) is one month whatever the plan's hours.
      const monthly = p.portUnit === 'month';
      this.ctx.assume(
        monthly
          ? `${provider} ${region}: one ${p.name} ${p.port} circuit for the month carries every via: interconnect flow of the region`
          : `${provider} ${region}: one ${p.name} ${p.port} port running all month carries every via: interconnect flow of the region (${hours} h)`,
      );
      const quantity = monthly ? new Decimal(1) : hours;
      this.fixed({
        ...(p.as_of ? { as_of: p.as_of } : {}),
        kind: 'interconnect-port',
        name: `interconnect-${region}-${p.port}`,
        category: 'network',
        provider,
        region,
        description: monthly ? `${p.name} ${p.port} circuit in ${region}, 1 × 1 month` : `${p.name} ${p.port} port in ${region}, 1 port × ${hours} h`,
        quantity,
        unit: monthly ? 'port-month' : 'port-hour',
        rate: p.portRate,
        cost: quantity.times(p.portRate),
        ref: ['transfers', p.flow.index, 'via'],
      });
    }
    return this.out;
  }
}
