import type { Decimal } from '../model/decimal.js';
import type { LineItem } from '../model/estimate.js';
import type { PricingBook } from '../model/pricing-book.js';
import type { NodeGroup } from '../model/scenario.js';
import { diskClass, diskUnit, LookupError, publicIpv4Rate, rowDate, tableFor } from '../pricing/lookup.js';

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
    const months = nodeHours.div(hoursPerMonth);
    assume(
      `nodes.${group.name}: one ${disk.class} disk per node, billed for the ${hours} h the nodes run (${group.count} × ${hours} h / ${hoursPerMonth} h); a volume kept while its node is stopped bills all month`,
    );
    const line = (field: string, quantity: Decimal, unit: string, rate: Decimal, description: string): LineItem => ({
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
    });
    const sized = diskUnit(table, entry);
    lines.push(line('gb', months.times(disk.gb), `${sized}-month`, gbMonth, `${what}, ${disk.gb} ${sized} per node`));
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
      if (extra.lte(0)) continue;
      const rate = sold.month[group.region];
      if (rate === undefined) {
        throw new LookupError(
          `${disk.class} ${label} above the ${sold.included} included are not priced in ${group.region}`,
          `price them in an override file (disks: {${disk.class}: {${field}: {included: ${sold.included}, month: {${group.region}: …}}}}), or ask for at most ${sold.included}`,
          `disk.${field}`,
        );
      }
      lines.push(line(field, months.times(extra), unit, rate, `${what}, ${extra} ${label} per node${sold.included.gt(0) ? ` above the ${sold.included} included` : ''}`));
    }
  }

  if (group.public_ipv4 !== undefined && group.public_ipv4.gt(0)) {
    const table = tableFor(book, group.provider);
    const rate = publicIpv4Rate(table, group.region);
    const quantity = nodeHours.times(group.public_ipv4);
    lines.push({
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
    });
  }
  return lines;
}

function classesSelling(book: PricingBook, group: NodeGroup, field: 'iops' | 'throughput_mbps'): string[] {
  return Object.entries(tableFor(book, group.provider).disks ?? {})
    .filter(([, c]) => c[field] !== undefined)
    .map(([name]) => name);
}
