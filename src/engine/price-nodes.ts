import type { Decimal } from '../model/decimal.js';
import type { LineItem } from '../model/estimate.js';
import type { NodeGroup } from '../model/scenario.js';
import type { PricingBook } from '../model/pricing-book.js';
import { instancePriceDate, instanceRate, tableFor } from '../pricing/lookup.js';
import { billedHours } from './spot-interruptions.js';
import type { Product } from './trace.js';

/** Node-hours of a group: count × hours per node (the month when hours are not given). */
export function nodeHours(hoursPerMonth: Decimal): (group: NodeGroup) => Decimal {
  // The same billed hours priceNodeGroup charges, interruptions included, so a compiled plan re-prices them alike.
  return (group) => {
    const useful = group.hours ?? hoursPerMonth;
    return group.count.times(interruptedHours(group, useful)?.billed ?? useful);
  };
}

/** `nodeHours` as a product (count × hours), for a group without the interruption model (whose billed hours are not one). */
export function nodeHoursProduct(group: NodeGroup, hoursPerMonth: Decimal): Product | undefined {
  if (interruptedHours(group, group.hours ?? hoursPerMonth)) return undefined;
  return ['count', group.hours === undefined ? hoursPerMonth : 'hours'];
}

export function priceNodeGroup(
  group: NodeGroup,
  index: number,
  book: PricingBook,
  hoursPerMonth: Decimal,
  assume: (text: string) => void,
): LineItem {
  const table = tableFor(book, group.provider);
  const purchase = group.purchase ?? 'on-demand';
  const rate = instanceRate(table, group.instance, group.region, purchase);
  const asOf = instancePriceDate(table, group.instance, group.region, purchase);
  if (purchase === 'spot') {
    assume(`nodes.${group.name}: spot at $${rate}/h is the pricing table's snapshot (as of ${asOf}); spot prices move daily and interrupted work re-runs`);
  }
  if (group.hours === undefined) assume(`nodes.${group.name}: hours not given; each node runs the whole month (${hoursPerMonth} h)`);
  const useful = group.hours ?? hoursPerMonth;
  const interrupted = interruptedHours(group, useful);
  if (interrupted) assume(`nodes.${group.name}: hours are useful hours; spot interruptions bill more: ${interrupted.formula}`);
  const hours = interrupted?.billed ?? useful;
  const quantity = group.count.times(hours);
  const gpu = table.instances?.[group.instance]?.gpu;
  const gpuText = gpu ? ` (${gpu.count}× ${gpu.model})` : '';
  return {
    kind: 'node',
    name: group.name,
    category: 'compute',
    provider: group.provider,
    region: group.region,
    description: interrupted
      ? `${group.count} × ${group.instance}${gpuText} ${purchase}, ${useful} useful h → ${hours} billed h each (interruptions)`
      : `${group.count} × ${group.instance}${gpuText} ${purchase}, ${hours} h each`,
    quantity,
    unit: 'hour',
    rate,
    cost: quantity.times(rate),
    ref: ['nodes', index],
    ...(asOf !== table.as_of ? { as_of: asOf } : {}),
  };
}

/** Billed hours under the spot interruption model, when the group gives it (the schema makes the three numbers go together). */
function interruptedHours(group: NodeGroup, useful: Decimal) {
  if (group.interruptions_per_hour === undefined || group.checkpoint_every_hours === undefined || group.restart_hours === undefined) {
    return undefined;
  }
  return billedHours(useful, group.count, {
    perNodeHour: group.interruptions_per_hour,
    checkpointEveryHours: group.checkpoint_every_hours,
    restartHours: group.restart_hours,
    gang: group.gang ?? false,
  });
}
