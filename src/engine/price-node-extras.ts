import { Decimal, ZERO } from '../model/decimal.js';
import type { LineItem } from '../model/estimate.js';
import type { PricingBook } from '../model/pricing-book.js';
import type { NodeGroup } from '../model/scenario.js';
import { diskClass, diskUnit, LookupError, publicIpv4Rate, rowDate, tableFor } from '../pricing/lookup.js';
import type { PricingTrace, Product } from './trace.js';

type DiskField = 'gb' | 'iops' | 'throughput_mbps';

/**
 * Node-months of a group's disks (count × hours / hours_per_month, the rule the lines below
 * charge) and that as product terms: count alone when the group runs the month (count × h / h is
 * count exactly), else a constant of the item while count and hours stay as written.
 */
function nodeMonths(hoursPerMonth: Decimal): (g: NodeGroup) => Decimal {
  return (g) => g.count.times(g.hours ?? hoursPerMonth).div(hoursPerMonth);
}

function nodeMonthsProduct(group: NodeGroup, hoursPerMonth: Decimal): Product {
  if (group.hours === undefined) return ['count'];
  const months = nodeMonths(hoursPerMonth);
  return [{ fields: ['count', 'hours'], value: (g) => months(g as NodeGroup) }];
}

/**
 * What a node group pays for beside its instance hours: a disk on every node
 * and public IPv4 addresses, both billed while the nodes run (a volume kept
 * after its node stops would bill the whole month: said in an assumption).
 */
export function priceNodeExtras(
  group: NodeGroup,
  index: number,
  book: PricingBook,
  hoursPerMonth: Decimal,
  assume: (text: string) => void,
  trace?: PricingTrace,
): LineItem[] {
  // Most groups have neither: no Decimal work for them (the 10k-line projection bench).
  if (group.disk === undefined && group.public_ipv4 === undefined) return [];
  const hours = group.hours ?? hoursPerMonth;
  const nodeHours = group.count.times(hours);
  const base = { name: group.name, provider: group.provider, region: group.region } as const;
  const lines: LineItem[] = [];

  if (group.disk) {
    const disk = group.disk;
    const table = tableFor(book, group.provider);
    const { entry, gbMonth } = diskClass(book, group.provider, disk.class, group.region);
    const dated = rowDate(table, entry.as_of, group.region);
    const what = entry.description ?? disk.class;
    if (entry.assumption) assume(`${group.provider} ${disk.class}: ${entry.assumption}`);
    // Node-months: a disk bills per second while it exists; here, while its node runs.
    const monthsOf = nodeMonths(hoursPerMonth);
    const months = monthsOf(group);
    assume(
      `nodes.${group.name}: one ${disk.class} disk per node, billed for the ${hours} h the nodes run (${group.count} × ${hours} h / ${hoursPerMonth} h); a volume kept while its node is stopped bills all month`,
    );
    // Each line's quantity is node-months × what one disk is billed for (`amount`; `per` its rule, told to the trace).
    const line = (field: DiskField, amount: Decimal, per: (g: NodeGroup) => Decimal, unit: string, rate: Decimal, description: string) => {
      const quantity = months.times(amount);
      const item: LineItem = {
        kind: 'disk',
        ...base,
        ...dated,
        category: 'storage',
        description,
        quantity,
        unit,
        rate,
        cost: quantity.times(rate),
        ref: ['nodes', index, 'disk', field],
      };
      lines.push(item);
      if (!trace) return;
      // A product only while the billed amount is the field itself (nothing included to take off).
      const plain = field === 'gb' || entry[field]?.included.isZero();
      trace.line(item, (g: NodeGroup) => monthsOf(g).times(per(g)), plain ? [...nodeMonthsProduct(group, hoursPerMonth), `disk.${field}`] : undefined);
    };
    const sized = diskUnit(table, entry);
    line('gb', disk.gb, (g) => g.disk!.gb, `${sized}-month`, gbMonth, `${what}, ${disk.gb} ${sized} per node`);
    for (const [field, unit, label] of [
      ['iops', 'IOPS-month', 'IOPS'],
      ['throughput_mbps', 'MBps-month', 'MB/s'],
    ] as const) {
      const asked = disk[field];
      const sold = entry[field];
      if (asked === undefined) {
        if (sold?.required) {
          throw new LookupError(
            `${disk.class} bills every provisioned ${label}${sold.included.gt(0) ? ` above the ${sold.included} included` : ''}: the disk must say how many it has`,
            `add ${field}: N to the disk (what the volume is provisioned with)`,
            'disk',
          );
        }
        continue;
      }
      if (!sold) {
        throw new LookupError(
          `${disk.class} has no provisioned ${label}: its performance comes with the size`,
          `leave out ${field}, or use a class that sells it: ${classesSelling(book, group, field).join(', ') || 'none priced'}`,
          `disk.${field}`,
        );
      }
      const extra = asked.minus(sold.included);
      if (extra.lte(0)) {
        trace?.latent('nodes', index, `disk.${field}`);
        continue;
      }
      const rate = sold.month[group.region];
      if (rate === undefined) {
        throw new LookupError(
          `${disk.class} ${label} above the ${sold.included} included are not priced in ${group.region}`,
          `price them in an override file (disks: {${disk.class}: {${field}: {included: ${sold.included}, month: {${group.region}: …}}}}), or ask for at most ${sold.included}`,
          `disk.${field}`,
        );
      }
      // Above the included amount, none below it (a sample within it bills no extra).
      const above = (g: NodeGroup) => Decimal.max(g.disk![field]!.minus(sold.included), ZERO);
      line(field, extra, above, unit, rate, `${what}, ${extra} ${label} per node${sold.included.gt(0) ? ` above the ${sold.included} included` : ''}`);
    }
  }

  if (group.public_ipv4 !== undefined && !group.public_ipv4.gt(0)) trace?.latent('nodes', index, 'public_ipv4');
  if (group.public_ipv4 !== undefined && group.public_ipv4.gt(0)) {
    const table = tableFor(book, group.provider);
    const rate = publicIpv4Rate(table, group.region);
    const quantity = nodeHours.times(group.public_ipv4);
    const address: LineItem = {
      kind: 'public-ipv4',
      ...base,
      ...rowDate(table, table.network?.public_ipv4?.as_of, group.region),
      category: 'network',
      description: `${group.public_ipv4} public IPv4 address(es) per node × ${group.count} nodes × ${hours} h`,
      quantity,
      unit: 'address-hour',
      rate,
      cost: quantity.times(rate),
      ref: ['nodes', index, 'public_ipv4'],
    };
    lines.push(address);
    trace?.line(address, (g: NodeGroup) => g.count.times(g.hours ?? hoursPerMonth).times(g.public_ipv4!), [
      'count',
      group.hours === undefined ? hoursPerMonth : 'hours',
      'public_ipv4',
    ]);
  }
  return lines;
}

function classesSelling(book: PricingBook, group: NodeGroup, field: 'iops' | 'throughput_mbps'): string[] {
  return Object.entries(tableFor(book, group.provider).disks ?? {})
    .filter(([, c]) => c[field] !== undefined)
    .map(([name]) => name);
}
