import type { Decimal } from '../model/decimal.js';
import type { LineItem } from '../model/estimate.js';
import type { PricingBook } from '../model/pricing-book.js';
import type { LoadBalancer } from '../model/scenario.js';
import { rowDate, tableFor, transferUnit } from '../pricing/lookup.js';
import { loadBalancerRates } from '../pricing/lookup-via.js';
import { exactInverse, fromGB, gbProduct } from './units.js';
import type { PricingTrace } from './trace.js';

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
  trace?: PricingTrace,
): LineItem[] {
  const out: LineItem[] = [];
  items.forEach((lb, index) => {
    try {
      const table = tableFor(book, lb.provider);
      const { entry, what, perHour, capacityUnit, perGB } = loadBalancerRates(table, lb.kind, lb.region);
      if (lb.hours === undefined) assume(`load_balancers.${lb.name}: hours not given; it runs the whole month (${hoursPerMonth} h)`);
      if (entry.assumption) assume(`${lb.provider} ${lb.kind}: ${entry.assumption}`);
      const hours = lb.hours ?? hoursPerMonth;
      const base = { name: lb.name, category: 'network' as const, provider: lb.provider, region: lb.region, ref: ['load_balancers', index], ...rowDate(table, entry.as_of, lb.region) };
      const hourly: LineItem = { ...base, kind: 'lb-hours', description: `${what}, 1 × ${hours} h`, quantity: hours, unit: 'hour', rate: perHour, cost: hours.times(perHour) };
      out.push(hourly);
      trace?.line(hourly, (x: LoadBalancer) => x.hours ?? hoursPerMonth, [lb.hours === undefined ? hoursPerMonth : 'hours']);
      if (capacityUnit) {
        const per = capacityUnit.gbPerUnitHour;
        const quantity = lb.processed_gb.div(per);
        const processing: LineItem = {
          ...base,
          kind: 'lb-processing',
          description: `${what} ${capacityUnit.name}-hours from ${lb.processed_gb} GB processed (${capacityUnit.gbPerUnitHour} GB per ${capacityUnit.name}-hour)`,
          quantity,
          unit: `${capacityUnit.name}-hour`,
          rate: capacityUnit.perHour,
          cost: quantity.times(capacityUnit.perHour),
        };
        out.push(processing);
        // Dividing by GB per unit-hour is multiplying by its inverse when that is exact (1 GB per LCU-hour).
        if (trace) {
          const inverse = exactInverse(per);
          trace.line(processing, (x: LoadBalancer) => x.processed_gb.div(per), inverse ? ['processed_gb', inverse] : undefined);
        }
      } else if (perGB) {
        // A per-GB rate is quoted in the table's transfer unit (GiB on Google): processed_gb is GB, converted as transfers are.
        const unit = transferUnit(table);
        const quantity = fromGB(lb.processed_gb, unit);
        const written = unit === 'GB' ? '' : `, written as ${lb.processed_gb} GB`;
        const processing: LineItem = { ...base, kind: 'lb-processing', description: `${what} data processed${written}`, quantity, unit, rate: perGB, cost: quantity.times(perGB) };
        out.push(processing);
        trace?.line(processing, (x: LoadBalancer) => fromGB(x.processed_gb, unit), gbProduct('processed_gb', unit));
      }
    } catch (e) {
      fail(['load_balancers', index], e);
    }
  });
  return out;
}
