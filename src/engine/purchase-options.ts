import type { Decimal } from '../model/decimal.js';
import type { PricingTableInput } from '../model/pricing.js';
import { isCommitted, type Purchase } from '../model/purchase.js';
import type { NodeGroup } from '../model/scenario.js';
import { blaming, instancePriceDate, instanceRate, requireRegion } from '../pricing/lookup.js';
import { blockRate, commitmentRate } from '../pricing/purchase-lookup.js';
import { INTERRUPTION_LUCK } from '../model/uncertain.js';
import { billedHours, billedOnly, p95BilledHours, sampledBilledHours, type BilledHours, type InterruptionModel } from './spot-interruptions.js';

/** How one node group is bought, priced: what each node is billed for and at what rate. */
export interface GroupPurchase {
  option: Purchase;
  /** The option as the table names it: `reserved standard 1y no-upfront`. */
  label: string;
  /** $/instance-hour billed. */
  rate: Decimal;
  asOf: string;
  /** Hours billed per node: the month for a committed option, the block for a capacity block. */
  billedPerNode: Decimal;
  /** Hours of work per node (useful hours under the interruption model). */
  usedPerNode: Decimal;
  interrupted?: BilledHours & { p95: Decimal };
  /** Why the billed hours are what they are, for the assumptions. */
  assumption?: string;
}

/**
 * Hours billed per node, from the group alone: a committed option bills every
 * hour of the month, a capacity block every hour of the block, spot under the
 * interruption model the hours it takes to get the useful ones. The one rule
 * both the engine and a compiled plan's re-pricing use.
 */
export function billedPerNode(group: NodeGroup, hoursPerMonth: Decimal): Decimal {
  if (isCommitted(group.purchase)) return hoursPerMonth;
  if (group.purchase === 'capacity-block' && group.block_hours !== undefined) return group.block_hours;
  const useful = group.hours ?? hoursPerMonth;
  const model = interruptionModel(group);
  if (!model) return useful;
  // A Monte Carlo sample sets the month's interruption luck (model/uncertain.ts); the point estimate is the mean.
  const luck = (group as NodeGroup & { [INTERRUPTION_LUCK]?: Decimal })[INTERRUPTION_LUCK];
  return luck === undefined ? billedOnly(useful, group.count, model) : sampledBilledHours(useful, group.count, model, luck.toNumber());
}

export function groupPurchase(table: PricingTableInput, group: NodeGroup, hoursPerMonth: Decimal): GroupPurchase {
  const option = group.purchase ?? 'on-demand';
  const used = group.hours ?? (option === 'capacity-block' ? group.block_hours! : hoursPerMonth);
  const billed = billedPerNode(group, hoursPerMonth);
  if (option === 'on-demand' || option === 'spot') {
    const rate = instanceRate(table, group.instance, group.region, option);
    const interrupted = interruptedHours(group, used);
    return {
      option,
      label: option,
      rate,
      asOf: instancePriceDate(table, group.instance, group.region, option),
      billedPerNode: billed,
      usedPerNode: used,
      ...(interrupted ? { interrupted } : {}),
    };
  }
  // The instance and region must be known before a rate of theirs is looked for.
  knownInstance(table, group);
  if (isCommitted(option)) {
    const { rate, entry, asOf } = commitmentRate(table, group.instance, group.region, {
      purchase: option,
      ...(group.term ? { term: group.term } : {}),
      ...(group.payment ? { payment: group.payment } : {}),
      ...(group.plan ? { plan: group.plan } : {}),
    });
    const label = [option, entry.plan, entry.term, entry.payment].filter(Boolean).join(' ');
    return {
      option,
      label,
      rate,
      asOf,
      billedPerNode: billed,
      usedPerNode: used,
      assumption: `nodes.${group.name}: ${label} is billed for every hour of the month (${billed} h per instance) whether used or not; the rate is the effective hourly one, any upfront part spread over the term`,
    };
  }
  const { rate, asOf } = blockRate(table, group.instance, group.region, option);
  return {
    option,
    label: option,
    rate,
    asOf,
    billedPerNode: billed,
    usedPerNode: used,
    ...(option === 'capacity-block'
      ? { assumption: `nodes.${group.name}: a capacity block is paid up front for all its ${billed} h per instance; the $/GPU-hour shown is for the ${used} h used` }
      : {}),
  };
}

function knownInstance(table: PricingTableInput, group: NodeGroup): void {
  // instanceRate names an unknown type with its did-you-mean; a known one needs only a known region.
  if (!table.instances?.[group.instance]) instanceRate(table, group.instance, group.region, 'on-demand');
  blaming('region', () => requireRegion(table, group.region));
}

/** Billed hours under the spot interruption model, when the group gives it (the schema makes the three numbers go together). */
function interruptedHours(group: NodeGroup, useful: Decimal): (BilledHours & { p95: Decimal }) | undefined {
  const model = interruptionModel(group);
  return model && { ...billedHours(useful, group.count, model), p95: p95BilledHours(useful, group.count, model) };
}

export function interruptionModel(group: NodeGroup): InterruptionModel | undefined {
  if (group.interruptions_per_hour === undefined || group.checkpoint_every_hours === undefined || group.restart_hours === undefined) {
    return undefined;
  }
  return {
    perNodeHour: group.interruptions_per_hour,
    checkpointEveryHours: group.checkpoint_every_hours,
    restartHours: group.restart_hours,
    gang: group.gang ?? false,
  };
}
