import { Decimal, ZERO } from '../model/decimal.js';
import { parseEndpoint } from '../model/endpoint.js';
import type { LineItem } from '../model/estimate.js';
import type { Transfer } from '../model/scenario.js';
import type { PricingBook } from '../pricing/book.js';
import { blaming, interRegionRate, internetEgressTiers, natRates, transferUnit } from '../pricing/lookup.js';
import { blendedRate, priceAggregate, type AggregateMember, type Detail } from './aggregate.js';
import { classifyPath, type ClassifiedPath } from './transfer-path.js';
import { groupBy } from './group-by.js';
import { fromGB } from './units.js';
import type { PricingTrace } from './trace.js';

interface Context {
  book: PricingBook;
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

export function monthlyGB(t: Transfer, hoursPerMonth: Decimal, assume: (text: string) => void): { gb: Decimal; how: string } {
  const gb = transferGB(t, hoursPerMonth);
  if (t.gb_per_month !== undefined) return { gb, how: `${t.gb_per_month} GB/month` };
  const perDay = t.gb_per_day!;
  if (t.days !== undefined) return { gb, how: `${perDay} GB/day × ${t.days} days` };
  const days = hoursPerMonth.div(24).toDecimalPlaces(2);
  assume(`transfers.${t.name}: days not given; ${perDay} GB/day for hours_per_month / 24 ≈ ${days} days`);
  return { gb, how: `${perDay} GB/day × ${days} days` };
}

const PATH_TEXT: Record<ClassifiedPath['path'], string> = {
  'same-zone': 'same zone, free',
  'inter-zone': 'inter-zone',
  'inter-region': 'inter-region',
  'cross-cloud': 'cross-cloud, internet egress tiers',
  internet: 'internet egress tiers',
  ingress: 'ingress',
};

/** Price every transfer; internet egress tiers apply to each provider's monthly total. */
export function priceTransfers(transfers: readonly Transfer[], ctx: Context): LineItem[] {
  const lines: LineItem[] = [];
  const egress: { item: LineItem; member: AggregateMember; provider: string }[] = [];
  const natRegions = new Map<string, { provider: LineItem['provider']; region: string; perHour?: Decimal; index: number }>();

  transfers.forEach((t, index) => {
    const ref = ['transfers', index];
    let from, to;
    try {
      from = parseEndpoint(t.from);
    } catch (e) {
      return ctx.fail([...ref, 'from'], e);
    }
    try {
      to = parseEndpoint(t.to);
    } catch (e) {
      return ctx.fail([...ref, 'to'], e);
    }
    try {
      const c = classifyPath(from, to, ctx.book);
      if (c.assumption) ctx.assume(`transfers.${t.name}: ${c.assumption}`);
      const { gb, how } = monthlyGB(t, ctx.hoursPerMonth, ctx.assume);
      const unit = transferUnit(c.table);
      const quantity = fromGB(gb, unit);
      const quantityOf = (x: Transfer) => fromGB(transferGB(x, ctx.hoursPerMonth), unit);
      const item: LineItem = {
        kind: 'transfer',
        name: t.name,
        category: c.path === 'ingress' ? 'ingress' : 'egress',
        provider: c.payer.provider,
        region: c.payer.region,
        description: `${t.from} → ${t.to} (${PATH_TEXT[c.path]}; ${how})`,
        quantity,
        unit,
        rate: ZERO,
        cost: ZERO,
        ref,
        path: c.path,
      };
      const network = c.table.network ?? {};
      if (c.path === 'ingress') item.rate = network.ingress ?? ZERO;
      else if (c.path === 'inter-zone') {
        const iz = network.inter_zone;
        if (iz === undefined) ctx.assume(`transfers.${t.name}: the ${c.table.provider} table has no inter-zone rate; priced at 0`);
        item.rate = iz ? iz.rate.times(iz.sides) : ZERO;
      } else if (c.path === 'inter-region') {
        item.rate = blaming('to', () => interRegionRate(c.table, c.payer.region, (to as { region: string }).region)).rate;
      } else if (c.path === 'internet' || c.path === 'cross-cloud') {
        const { tiers, schedule } = internetEgressTiers(c.table, c.payer.region);
        const caveat = network.internet_egress?.assumption;
        if (caveat) ctx.assume(`${c.table.provider} internet egress: ${caveat}`);
        egress.push({ item, member: { quantity, schedule, tiers }, provider: c.payer.provider });
      }
      item.cost = item.quantity.times(item.rate);
      lines.push(item);
      ctx.trace?.line(item, quantityOf);

      if (t.via === 'nat-gateway') {
        const nat = natRates(c.table, c.payer.region);
        const processing: LineItem = {
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
        ctx.trace?.line(processing, quantityOf);
        const key = `${c.payer.provider}:${c.payer.region}`;
        if (!natRegions.has(key)) natRegions.set(key, { provider: c.payer.provider, region: c.payer.region, perHour: nat.perHour, index });
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

  for (const nat of natRegions.values()) {
    if (nat.perHour === undefined) {
      ctx.assume(`${nat.provider} ${nat.region}: the NAT gateway's hourly fee is not in the table and is not included`);
      continue;
    }
    ctx.assume(`${nat.provider} ${nat.region}: one NAT gateway running all month (${ctx.hoursPerMonth} h)`);
    lines.push({
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
    });
  }
  return lines;
}
