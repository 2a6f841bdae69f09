import { ZERO, type Decimal } from '../model/decimal.js';
import type { LineItem } from '../model/estimate.js';
import type { StorageLine } from '../model/scenario.js';
import type { PricingTableInput, Tier, VolumeUnit } from '../model/pricing.js';
import type { PricingBook } from '../model/pricing-book.js';
import { rowDate, storageRate, storageSizing, tableFor } from '../pricing/lookup.js';
import { blendedRate, priceAggregate, type AggregateMember, type Detail } from './aggregate.js';
import type { PricingTrace } from './trace.js';
import { fromGB, gbProduct } from './units.js';

/** How a line's quantity follows from its item (one rule per unit, not a closure per line). */
const asWritten = (l: StorageLine) => l.gb;
const inGiB = (l: StorageLine) => fromGB(l.gb, 'GiB');

/** What every line of one class in one region shares: its rate or tiers, unit, date and description. */
interface ClassRow {
  tiers: readonly Tier[];
  unit: VolumeUnit;
  /** `GiB-month`: one string for every line. */
  lineUnit: string;
  from: VolumeUnit;
  quantityOf: (l: StorageLine) => Decimal;
  as_of?: string;
  description: string;
}

function classRow(table: PricingTableInput, line: StorageLine): ClassRow {
  const rate = storageRate(table, line.class, line.region);
  const { unit, convert } = storageSizing(table, line.class);
  // A provisioned size (a file system sized in GiB) is taken as written; a byte volume is converted.
  const from = convert ? unit : 'GB';
  const date = rowDate(table, table.storage?.[line.class]?.as_of, line.region).as_of;
  return {
    tiers: Array.isArray(rate) ? rate : [{ rate }],
    unit,
    lineUnit: `${unit}-month`,
    from,
    quantityOf: from === 'GB' ? asWritten : inGiB,
    ...(date ? { as_of: date } : {}),
    description: table.storage?.[line.class]?.description ?? line.class,
  };
}

/**
 * Storage tiers (S3's "first 50 TB") apply to everything of one class in one
 * region, so lines of the same class and region are priced as one aggregate.
 * A class's row is looked up once a region: a plan of 10^4 volumes names a few.
 */
export function priceStorage(
  lines: readonly StorageLine[],
  book: PricingBook,
  fail: (index: number, e: unknown) => void,
  detail: Detail = 'lines',
  trace?: PricingTrace,
): LineItem[] {
  const rows = new Map<string, ClassRow>();
  const groups = new Map<string, { items: LineItem[]; members: AggregateMember[] }>();
  const priced: LineItem[] = [];
  lines.forEach((line, index) => {
    try {
      const key = `${line.provider}/${line.class}/${line.region}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = classRow(tableFor(book, line.provider), line)));
      const quantity = row.quantityOf(line);
      const item: LineItem = {
        kind: 'storage',
        name: line.name,
        category: 'storage',
        provider: line.provider,
        region: line.region,
        description: row.from === 'GB' ? row.description : `${row.description}, written as ${line.gb} GB`,
        quantity,
        unit: row.lineUnit,
        rate: row.tiers[0]!.rate,
        // A tiered class's cost is its share of the aggregate, worked out below.
        cost: row.tiers.length < 2 ? quantity.times(row.tiers[0]!.rate) : ZERO,
        ref: ['storage', index],
      };
      if (row.as_of) item.as_of = row.as_of;
      priced.push(item);
      trace?.line(item, row.quantityOf, gbProduct('gb', row.from));
      if (row.tiers.length < 2) return;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { items: [], members: [] }));
      group.items.push(item);
      group.members.push({ quantity, schedule: 'class', tiers: row.tiers });
    } catch (e) {
      fail(index, e);
    }
  });

  for (const { items, members } of groups.values()) {
    trace?.aggregate(items, members);
    const costs = priceAggregate(members, detail);
    items.forEach((item, k) => {
      item.cost = costs[k]!.cost;
      if (detail === 'totals') return;
      item.rate = blendedRate(item.cost, item.quantity);
      item.tiers = costs[k]!.tiers;
    });
  }
  return priced;
}
