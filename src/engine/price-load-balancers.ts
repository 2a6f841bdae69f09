import type { Decimal } from '../model/decimal.js';
import type { LineItem } from '../model/estimate.js';
import type { LoadBalancerKind, PricingTableInput } from '../model/pricing.js';
import type { PricingBook } from '../model/pricing-book.js';
import type { LoadBalancer } from '../model/scenario.js';
import { didYouMean, listSome } from '../model/suggest.js';
import { blaming, LookupError, requireRegion, rowDate, tableFor } from '../pricing/lookup.js';

function kindOf(table: PricingTableInput, kind: string): LoadBalancerKind {
  const kinds = Object.keys(table.load_balancers ?? {});
  const entry = table.load_balancers?.[kind];
  if (entry) return entry;
  throw new LookupError(
    `unknown ${table.provider} load balancer kind ${JSON.stringify(kind)}`,
    didYouMean(kind, kinds) ?? (kinds.length ? `${table.provider} load balancer kinds: ${listSome(kinds)}` : `the ${table.provider} table prices no load balancers (no published figure was confirmed)`),
    'kind',
  );
}

function inRegion(rates: Record<string, Decimal>, region: string, what: string): Decimal {
  const rate = rates[region];
  if (rate === undefined) throw new LookupError(`${what} is not priced in ${region}`, `priced regions: ${listSome(Object.keys(rates))}`, 'region');
  return rate;
}

/**
 * Load balancers, as `network`: hours × the hourly fee, plus what they
 * process, on the basis the provider bills it (AWS: capacity-unit-hours from
 * the GB processed; a per-GB rate elsewhere).
 */
export function priceLoadBalancers(
  items: readonly LoadBalancer[],
  book: PricingBook,
  hoursPerMonth: Decimal,
  fail: (path: (string | number)[], e: unknown) => void,
  assume: (text: string) => void,
): LineItem[] {
  const out: LineItem[] = [];
  items.forEach((lb, index) => {
    try {
      const table = tableFor(book, lb.provider);
      const entry = kindOf(table, lb.kind);
      blaming('region', () => requireRegion(table, lb.region));
      const what = entry.description ?? lb.kind;
      const perHour = inRegion(entry.per_hour, lb.region, what);
      if (lb.hours === undefined) assume(`load_balancers.${lb.name}: hours not given; it runs the whole month (${hoursPerMonth} h)`);
      if (entry.assumption) assume(`${lb.provider} ${lb.kind}: ${entry.assumption}`);
      const hours = lb.hours ?? hoursPerMonth;
      const base = { name: lb.name, category: 'network' as const, provider: lb.provider, region: lb.region, ref: ['load_balancers', index], ...rowDate(table, entry.as_of) };
      out.push({ ...base, kind: 'lb-hours', description: `${what}, 1 × ${hours} h`, quantity: hours, unit: 'hour', rate: perHour, cost: hours.times(perHour) });
      if (entry.capacity_unit) {
        const unit = entry.capacity_unit;
        const rate = inRegion(unit.per_hour, lb.region, `${what} ${unit.name}`);
        const quantity = lb.processed_gb.div(unit.gb_per_unit_hour);
        out.push({
          ...base,
          kind: 'lb-processing',
          description: `${what} ${unit.name}-hours from ${lb.processed_gb} GB processed (${unit.gb_per_unit_hour} GB per ${unit.name}-hour)`,
          quantity,
          unit: `${unit.name}-hour`,
          rate,
          cost: quantity.times(rate),
        });
      } else if (entry.per_gb) {
        const rate = inRegion(entry.per_gb, lb.region, `${what} data processing`);
        out.push({ ...base, kind: 'lb-processing', description: `${what} data processed`, quantity: lb.processed_gb, unit: 'GB', rate, cost: lb.processed_gb.times(rate) });
      }
    } catch (e) {
      fail(['load_balancers', index], e);
    }
  });
  return out;
}
