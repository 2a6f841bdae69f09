import type { Decimal } from '../model/decimal.js';
import type { LineItem, LinePurchase } from '../model/estimate.js';
import { isCommitted } from '../model/purchase.js';
import type { NodeGroup } from '../model/scenario.js';
import type { PricingBook } from '../model/pricing-book.js';
import { tableFor } from '../pricing/lookup.js';
import { billedPerNode, groupPurchase, interruptionModel } from './purchase-options.js';
import { INTERRUPTION_LUCK } from '../model/uncertain.js';
import { sampledHours } from './spot-interruptions.js';
import type { Product } from './trace.js';

/** Node-hours of a group: count × hours billed per node (the same rule priceNodeGroup charges, so a compiled plan re-prices them alike). */
export function nodeHours(hoursPerMonth: Decimal): (group: NodeGroup) => Decimal {
  return (group) => group.count.times(billedPerNode(group, hoursPerMonth));
}

/**
 * `nodeHours` as a product: count × the hours `billedPerNode` bills, by the same branches. A
 * committed option bills the month and a capacity block its block whatever `hours` says (so a
 * range on their `hours` names no step here, and moves none). Under the
 * interruption model the hours are a Monte Carlo sample's (`sampledBilledHours`): a sampled
 * factor of the luck the sample sets; the point's formula divides, and a plan that varies other
 * fields but no luck finds no luck to read here, so it keeps the Decimal path.
 */
export function nodeHoursProduct(group: NodeGroup, hoursPerMonth: Decimal): Product | undefined {
  if (isCommitted(group.purchase)) return ['count', hoursPerMonth];
  if (group.purchase === 'capacity-block' && group.block_hours !== undefined) return ['count', 'block_hours'];
  const useful = group.hours === undefined ? hoursPerMonth : 'hours';
  if (!interruptionModel(group)) return ['count', useful];
  const gang = group.gang ?? false;
  return [
    'count',
    {
      // sampledBilledHours's doubles, in its order: μ = rate × nodes × useful, restart, checkpoint, useful, nodes, the luck.
      args: [['interruptions_per_hour', 'count', useful], ['restart_hours'], ['checkpoint_every_hours'], [useful], ['count'], [INTERRUPTION_LUCK]],
      of: ([mu, r, c, h, n, u]) => sampledHours(mu!, r!, c!, h!, n!, gang, u!),
    },
  ];
}

/** rate / GPUs by the table's own rate and GPU-count objects: every group of one instance in one region shares the one Decimal. */
const perGpuRates = new WeakMap<Decimal, WeakMap<Decimal, Decimal>>();

function perGpu(rate: Decimal, gpus: Decimal): Decimal {
  let byCount = perGpuRates.get(rate);
  if (!byCount) perGpuRates.set(rate, (byCount = new WeakMap()));
  let r = byCount.get(gpus);
  if (!r) byCount.set(gpus, (r = rate.div(gpus)));
  return r;
}

export function priceNodeGroup(
  group: NodeGroup,
  index: number,
  book: PricingBook,
  hoursPerMonth: Decimal,
  assume: (text: string) => void,
): LineItem {
  const table = tableFor(book, group.provider);
  const bought = groupPurchase(table, group, hoursPerMonth);
  const { rate, asOf, interrupted, label } = bought;
  if (bought.option === 'spot') {
    assume(`nodes.${group.name}: spot at $${rate}/h is the pricing table's snapshot (as of ${asOf}); spot prices move daily and interrupted work re-runs`);
  }
  if (group.hours === undefined && bought.option !== 'capacity-block') assume(`nodes.${group.name}: hours not given; each node runs the whole month (${hoursPerMonth} h)`);
  if (interrupted) assume(`nodes.${group.name}: hours are useful hours; spot interruptions bill more: ${interrupted.formula}`);
  if (bought.assumption) assume(bought.assumption);
  const useful = bought.usedPerNode;
  const hours = bought.billedPerNode;
  const quantity = group.count.times(hours);
  const cost = quantity.times(rate);
  const gpu = table.instances?.[group.instance]?.gpu;
  const gpuText = gpu ? ` (${gpu.count}× ${gpu.model})` : '';
  // Billed and used are most often the one Decimal (the group's hours): the same product.
  const usedHours = useful === hours ? quantity : group.count.times(useful);
  const purchase: LinePurchase = { option: bought.option, label, usedHours };
  if (!interrupted && quantity.gt(usedHours)) purchase.paidHours = quantity;
  if (gpu) {
    const gpuHours = usedHours.times(gpu.count);
    if (gpuHours.gt(0)) {
      purchase.gpuHours = gpuHours;
      // Every hour billed is used: cost / GPU-hours is rate / GPUs, the same correctly rounded
      // quotient by a one-word divisor, where the cost's many digits would make a long division.
      purchase.gpuHourRate = usedHours === quantity ? perGpu(rate, gpu.count) : cost.div(gpuHours);
    }
  }
  if (interrupted) purchase.spot = { useful, expected: interrupted.billed, p95: interrupted.p95 };
  const line: LineItem = {
    kind: 'node',
    name: group.name,
    category: 'compute',
    provider: group.provider,
    region: group.region,
    description: interrupted
      ? `${group.count} × ${group.instance}${gpuText} ${label}, ${useful} useful h → ${hours} billed h each (interruptions)`
      : hours.eq(useful)
        ? `${group.count} × ${group.instance}${gpuText} ${label}, ${hours} h each`
        : `${group.count} × ${group.instance}${gpuText} ${label}, ${useful} h used of ${hours} h paid each`,
    quantity,
    unit: 'hour',
    rate,
    cost,
    ref: ['nodes', index],
    purchase,
  };
  if (asOf !== table.as_of) line.as_of = asOf;
  return line;
}
