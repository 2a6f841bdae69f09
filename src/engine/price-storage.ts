import { ZERO } from '../model/decimal.js';
import type { LineItem } from '../model/estimate.js';
import type { StorageLine } from '../model/scenario.js';
import type { PricingBook } from '../model/pricing-book.js';
import { rowDate, storageRate, storageSizing, tableFor } from '../pricing/lookup.js';
import { blendedRate, priceAggregate, type AggregateMember, type Detail } from './aggregate.js';
import { groupBy } from './group-by.js';
import type { PricingTrace } from './trace.js';
import { fromGB, gbProduct } from './units.js';

/** How a line's quantity follows from its item (one rule per unit, not a closure per line). */
const asWritten = (l: StorageLine) => l.gb;
const inGiB = (l: StorageLine) => fromGB(l.gb, 'GiB');

/**
 * Storage tiers (S3's "first 50 TB") apply to everything of one class in one
 * region, so lines of the same class and region are priced as one aggregate.
 */
export function priceStorage(
  lines: readonly StorageLine[],
  book: PricingBook,
  fail: (index: number, e: unknown) => void,
  detail: Detail = 'lines',
  trace?: PricingTrace,
): LineItem[] {
  const priced: { index: number; item: LineItem; member: AggregateMember; key: string }[] = [];
  lines.forEach((line, index) => {
    try {
      const table = tableFor(book, line.provider);
      const rate = storageRate(table, line.class, line.region);
      const { unit, convert } = storageSizing(table, line.class);
      // A provisioned size (a file system sized in GiB) is taken as written; a byte volume is converted.
      const from = convert ? unit : 'GB';
      const quantityOf = from === 'GB' ? asWritten : inGiB;
      const quantity = quantityOf(line);
      const tiers = Array.isArray(rate) ? rate : [{ rate }];
      const converted = from === 'GB' ? '' : `, written as ${line.gb} GB`;
      const entry = {
        index,
        key: `${line.provider}/${line.class}/${line.region}`,
        member: { quantity, schedule: 'class', tiers },
        item: {
          kind: 'storage',
          name: line.name,
          category: 'storage',
          provider: line.provider,
          region: line.region,
          ...rowDate(table, table.storage?.[line.class]?.as_of, line.region),
          description: `${table.storage?.[line.class]?.description ?? line.class}${converted}`,
          quantity,
          unit: `${unit}-month`,
          rate: tiers[0]!.rate,
          // A tiered class's cost is its share of the aggregate, worked out below.
          cost: tiers.length < 2 ? quantity.times(tiers[0]!.rate) : ZERO,
          ref: ['storage', index],
        } satisfies LineItem as LineItem,
      };
      priced.push(entry);
      trace?.line(entry.item, quantityOf, gbProduct('gb', from));
    } catch (e) {
      fail(index, e);
    }
  });

  for (const group of groupBy(priced, (p) => p.key).values()) {
    if (group[0]!.member.tiers.length < 2) continue;
    const members = group.map((g) => g.member);
    trace?.aggregate(group.map((g) => g.item), members);
    const costs = priceAggregate(members, detail);
    group.forEach((g, k) => {
      g.item.cost = costs[k]!.cost;
      if (detail === 'totals') return;
      g.item.rate = blendedRate(g.item.cost, g.item.quantity);
      g.item.tiers = costs[k]!.tiers;
    });
  }
  return priced.map((p) => p.item);
}
