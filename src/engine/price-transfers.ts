import { Decimal, ZERO } from '../model/decimal.js';
import { formatEndpoint, parseEndpoint, resolveItem, type Endpoint, type ResolvedEndpoint } from '../model/endpoint.js';
import type { LineItem, TransferPath } from '../model/estimate.js';
import type { Tier, VolumeUnit } from '../model/pricing.js';
import type { Scenario, Transfer } from '../model/scenario.js';
import type { PricingBook } from '../model/pricing-book.js';
import { blaming, ingressRate, sameRegionStorageRate, interRegionRate, interZoneRate, internetEgressTiers, natRates, transferUnit } from '../pricing/lookup.js';
import { blendedRate, priceAggregate, type AggregateMember, type Detail } from './aggregate.js';
import { classifyPath, type ClassifiedPath } from './transfer-path.js';
import { ViaLines, type ViaFlow } from './price-via.js';
import { groupBy } from './group-by.js';
import { fromGB, gbProduct } from './units.js';
import type { PricingTrace, Product } from './trace.js';

interface Context {
  book: PricingBook;
  /** The items `storage:NAME` and `nodes:NAME` ends name. */
  items: Pick<Scenario, 'nodes' | 'storage'>;
  detail: Detail;
  hoursPerMonth: Decimal;
  assume: (text: string) => void;
  fail: (path: (string | number)[], e: unknown) => void;
  trace?: PricingTrace;
}

/** GB moved in the month: per month as written, or per day × days (the month's days when not given). */
export function transferGB(t: Transfer, hoursPerMonth: Decimal): Decimal {
  if (t.gb_per_month !== undefined) return t.gb_per_month;
  if (t.days !== undefined) return t.gb_per_day!.times(t.days);
  // Multiply before dividing: 730 h / 24 is a repeating decimal, 300 GB × 730 / 24 is not.
  return t.gb_per_day!.times(hoursPerMonth).div(24);
}

/** `transferGB` then `fromGB` as a product (trace.ts); none for per-day volumes over the month's days, which divide by 24. */
function transferProduct(t: Transfer, unit: VolumeUnit): Product | undefined {
  if (t.gb_per_month !== undefined) return gbProduct('gb_per_month', unit);
  return t.days !== undefined ? gbProduct('gb_per_day', unit, 'days') : undefined;
}

export function monthlyGB(t: Transfer, hoursPerMonth: Decimal, assume: (text: string) => void): { gb: Decimal; how: string } {
  const gb = transferGB(t, hoursPerMonth);
  if (t.gb_per_month !== undefined) return { gb, how: `${t.gb_per_month} GB/month` };
  const perDay = t.gb_per_day!;
  if (t.days !== undefined) return { gb, how: `${perDay} GB/day × ${t.days} days` };
  const days = hoursPerMonth.div(24).toDecimalPlaces(2);
  assume(`transfers.${t.name}: days not given; ${perDay} GB/day for hours_per_month / 24 ≈ ${days} days`);
  return { gb, how: `${perDay} GB/day × ${days} days` };
}

/**
 * A flow's own rate (with its own date when a dated rule set it), or tiers
 * that apply to the provider's monthly total of such flows.
 */
type PathPrice = { rate: Decimal; as_of?: string } | { tiers: Tier[]; schedule: string };

interface PathRow {
  /** How the line's description names the path. */
  text: string;
  category: 'egress' | 'ingress';
  price(c: ClassifiedPath, flow: { name: string; to: ResolvedEndpoint; assume: (text: string) => void }): PathPrice;
}

/** Each table's internet egress caveat as an assumption: one string for every flow, not one built per flow. */
const caveats = new WeakMap<ClassifiedPath['table'], string | undefined>();

/** Internet egress: the payer's tiers, with the table's caveat about them. */
function internetTiers(c: ClassifiedPath, flow: { assume: (text: string) => void }): PathPrice {
  const { tiers, schedule } = internetEgressTiers(c.table, c.payer.region);
  if (!caveats.has(c.table)) {
    const caveat = c.table.network?.internet_egress?.assumption;
    caveats.set(c.table, caveat && `${c.table.provider} internet egress: ${caveat}`);
  }
  const text = caveats.get(c.table);
  if (text) flow.assume(text);
  return { tiers, schedule };
}

/**
 * DESIGN.md's transfer paths, one row each: what the line says, its category
 * and where its rate comes from (every rate through pricing/lookup.ts). One
 * loop below prices them all.
 */
const PATHS: Record<TransferPath, PathRow> = {
  'same-zone': { text: 'same zone, free', category: 'egress', price: () => ({ rate: ZERO }) },
  'same-region-storage': {
    text: 'object storage in the same region, free',
    category: 'egress',
    price: (c) => ({ rate: sameRegionStorageRate(c.table) }),
  },
  'inter-zone': {
    text: 'inter-zone',
    category: 'egress',
    price: (c, flow) => {
      const rate = interZoneRate(c.table);
      if (rate === undefined) flow.assume(`transfers.${flow.name}: the ${c.table.provider} table has no inter-zone rate; priced at 0`);
      return { rate: rate ?? ZERO };
    },
  },
  'inter-region': {
    text: 'inter-region',
    category: 'egress',
    price: (c, flow) => {
      const { rate, rule } = blaming('to', () => interRegionRate(c.table, c.payer.region, (flow.to as { region: string }).region));
      // A rule read earlier than its table (a dated rule) puts its own date on the line.
      return { rate, as_of: rule.as_of !== c.table.as_of ? rule.as_of : undefined };
    },
  },
  'cross-cloud': { text: 'cross-cloud, internet egress tiers', category: 'egress', price: internetTiers },
  internet: { text: 'internet egress tiers', category: 'egress', price: internetTiers },
  ingress: { text: 'ingress', category: 'ingress', price: (c) => ({ rate: ingressRate(c.table) }) },
};

/** An end as written, and for a named item where it is: `nodes:trainers (aws:us-east-1)`. */
function endText(written: string, resolved: ResolvedEndpoint): string {
  const where = formatEndpoint(resolved);
  return where === written ? written : `${written} (${where})`;
}

/**
 * `endText` for one pricing: a plan of 10^5 transfers names a handful of ends. Only ends
 * that are no item are kept (an item end's text is where the item is, read each time).
 */
function endTexts(): (written: string, parsed: Readonly<Endpoint>, resolved: ResolvedEndpoint) => string {
  const known = new Map<string, string>();
  return (written, parsed, resolved) => {
    if (parsed.kind === 'item') return endText(written, resolved);
    let text = known.get(written);
    if (text === undefined) known.set(written, (text = endText(written, resolved)));
    return text;
  };
}

/** Price every transfer; internet egress tiers apply to each provider's monthly total. */
export function priceTransfers(transfers: readonly Transfer[], ctx: Context): LineItem[] {
  const lines: LineItem[] = [];
  const egress: { item: LineItem; member: AggregateMember; provider: string }[] = [];
  const natRegions = new Map<string, { provider: LineItem['provider']; region: string; perHour?: Decimal; index: number; as_of?: string }>();
  const vias = new ViaLines(ctx);
  const ends = endTexts();
  // The rule a line's quantity follows, one per unit (not a closure per line).
  const rules = new Map<VolumeUnit, (x: Transfer) => Decimal>();
  const ruleFor = (unit: VolumeUnit) => {
    let rule = rules.get(unit);
    if (!rule) rules.set(unit, (rule = (x: Transfer) => fromGB(transferGB(x, ctx.hoursPerMonth), unit)));
    return rule;
  };

  transfers.forEach((t, index) => {
    const ref = ['transfers', index];
    let fromEnd, toEnd, from, to;
    try {
      fromEnd = parseEndpoint(t.from);
      from = resolveItem(fromEnd, ctx.items);
    } catch (e) {
      return ctx.fail([...ref, 'from'], e);
    }
    try {
      toEnd = parseEndpoint(t.to);
      to = resolveItem(toEnd, ctx.items);
    } catch (e) {
      return ctx.fail([...ref, 'to'], e);
    }
    try {
      const c = classifyPath(from, to, ctx.book);
      if (c.assumption) ctx.assume(`transfers.${t.name}: ${c.assumption}`);
      const { gb, how } = monthlyGB(t, ctx.hoursPerMonth, ctx.assume);
      const unit = transferUnit(c.table);
      const quantity = fromGB(gb, unit);
      const quantityOf = ruleFor(unit);
      const product = ctx.trace && transferProduct(t, unit);
      const flow: ViaFlow = { transfer: t, index, path: c, from, to, quantity, unit, quantityOf, product };
      const viaPrice = vias.pathPrice(flow);
      const row = PATHS[c.path];
      const item: LineItem = {
        kind: 'transfer',
        name: t.name,
        category: row.category,
        provider: c.payer.provider,
        region: c.payer.region,
        description: `${ends(t.from, fromEnd, from)} → ${ends(t.to, toEnd, to)} (${viaPrice?.text ?? row.text}; ${how})`,
        quantity,
        unit,
        rate: ZERO,
        cost: ZERO,
        ref,
        path: c.path,
      };
      const price = viaPrice ?? row.price(c, { name: t.name, to, assume: ctx.assume });
      if ('rate' in price) {
        item.rate = price.rate;
        item.cost = quantity.times(price.rate);
        if (price.as_of) item.as_of = price.as_of;
      } else egress.push({ item, member: { quantity, ...price }, provider: c.payer.provider }); // costed with its aggregate below
      lines.push(item);
      ctx.trace?.line(item, quantityOf, product);
      vias.add(flow);

      if (t.via === 'nat-gateway') {
        const nat = natRates(c.table, c.payer.region);
        const natAsOf = c.table.network?.nat?.as_of?.[c.payer.region];
        const processing: LineItem = {
          ...(natAsOf && natAsOf !== c.table.as_of ? { as_of: natAsOf } : {}),
          kind: 'nat-processing',
          name: t.name,
          category: 'network',
          provider: c.payer.provider,
          region: c.payer.region,
          description: `NAT gateway data processing for ${t.name}`,
          quantity,
          unit,
          rate: nat.perGB,
          cost: quantity.times(nat.perGB),
          ref,
        };
        lines.push(processing);
        ctx.trace?.line(processing, quantityOf, product);
        const key = `${c.payer.provider}:${c.payer.region}`;
        if (!natRegions.has(key)) natRegions.set(key, { provider: c.payer.provider, region: c.payer.region, perHour: nat.perHour, index, ...(processing.as_of ? { as_of: processing.as_of } : {}) });
      }
    } catch (e) {
      ctx.fail(ref, e);
    }
  });

  for (const group of groupBy(egress, (e) => e.provider).values()) {
    const members = group.map((g) => g.member);
    ctx.trace?.aggregate(group.map((g) => g.item), members);
    const costs = priceAggregate(members, ctx.detail);
    group.forEach((g, k) => {
      g.item.cost = costs[k]!.cost;
      if (ctx.detail === 'totals') return;
      g.item.rate = blendedRate(g.item.cost, g.item.quantity);
      g.item.tiers = costs[k]!.tiers;
    });
  }

  // One by one: a via line per flow, and spreading 10^5 of them as arguments overflows the stack.
  for (const line of vias.finish()) lines.push(line);

  for (const nat of natRegions.values()) {
    if (nat.perHour === undefined) {
      ctx.assume(`${nat.provider} ${nat.region}: the NAT gateway's hourly fee is not in the table and is not included`);
      continue;
    }
    ctx.assume(`${nat.provider} ${nat.region}: one NAT gateway running all month (${ctx.hoursPerMonth} h)`);
    // The hourly fee was read from the same copy as the per-GB rate: it carries that region's date too.
    const gateway: LineItem = {
      ...(nat.as_of ? { as_of: nat.as_of } : {}),
      kind: 'nat-gateway',
      name: `nat-gateway-${nat.region}`,
      category: 'network',
      provider: nat.provider,
      region: nat.region,
      description: `NAT gateway in ${nat.region}, 1 gateway × ${ctx.hoursPerMonth} h`,
      quantity: ctx.hoursPerMonth,
      unit: 'hour',
      rate: nat.perHour,
      cost: ctx.hoursPerMonth.times(nat.perHour),
      ref: ['transfers', nat.index, 'via'],
    };
    lines.push(gateway);
    // It points at its first transfer, but bills the month whatever that transfer moves.
    ctx.trace?.fixed(gateway);
  }
  return lines;
}
