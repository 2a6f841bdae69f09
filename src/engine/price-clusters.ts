import type { Decimal } from '../model/decimal.js';
import type { LineItem } from '../model/estimate.js';
import type { PricingBook } from '../model/pricing-book.js';
import type { Cluster } from '../model/scenario.js';
import { clusterRate, rowDate, tableFor } from '../pricing/lookup.js';
import type { PricingTrace } from './trace.js';

/** Managed Kubernetes control planes (EKS, GKE, AKS): cluster-hours × the tier's hourly fee, as compute. */
export function priceClusters(
  clusters: readonly Cluster[],
  book: PricingBook,
  hoursPerMonth: Decimal,
  fail: (path: (string | number)[], e: unknown) => void,
  assume: (text: string) => void,
  trace?: PricingTrace,
): LineItem[] {
  const out: LineItem[] = [];
  clusters.forEach((c, index) => {
    try {
      const table = tableFor(book, c.provider);
      const { entry, tier, rate } = clusterRate(table, c.kind, c.tier, c.region);
      if (c.tier === undefined) assume(`clusters.${c.name}: tier not given; priced as ${c.kind} ${tier}`);
      if (c.hours === undefined) assume(`clusters.${c.name}: hours not given; the control plane runs the whole month (${hoursPerMonth} h)`);
      const hours = c.hours ?? hoursPerMonth;
      const line: LineItem = {
        kind: 'cluster',
        name: c.name,
        category: 'compute',
        provider: c.provider,
        region: c.region,
        ...rowDate(table, entry.as_of, c.region),
        description: `${entry.description ?? c.kind} (${tier}), 1 cluster × ${hours} h`,
        quantity: hours,
        unit: 'cluster-hour',
        rate,
        cost: hours.times(rate),
        ref: ['clusters', index],
      };
      out.push(line);
      trace?.line(line, (x: Cluster) => x.hours ?? hoursPerMonth, [c.hours === undefined ? hoursPerMonth : 'hours']);
    } catch (e) {
      fail(['clusters', index], e);
    }
  });
  return out;
}
