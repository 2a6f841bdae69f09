import { Decimal } from '../model/decimal.js';
import type { LineItem } from '../model/estimate.js';
import type { Scenario } from '../model/scenario.js';

const HOUR_MS = 3_600_000;

/** A capacity block's hours inside the days a check covers. */
export interface BlockPart {
  /** The block's hours inside the days checked, and all of them. */
  hoursIn: Decimal;
  hours: Decimal;
  /** hoursIn / hours: the part of the fee and of the plan's block that belongs to these days. */
  share: Decimal;
  start: string;
}

/** `2026-10-29` or `2026-10-29T12:00:00Z` (the schema's forms) in ms since the epoch. */
function instantMs(v: string): number {
  return Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
}

/**
 * The part of a block of `hours` from `start` that falls in the first
 * `elapsedDays` days of `month` (UTC), the days the check covers. AWS books a
 * Capacity Block's fee once, when it is bought; amortized, it belongs to the
 * block's hours, evenly.
 */
export function blockPart(start: string, hours: Decimal, period: { month: string; elapsedDays: number }): BlockPart {
  const from = Date.parse(`${period.month}-01T00:00:00Z`);
  const to = from + period.elapsedDays * 86_400_000;
  const begin = new Decimal(instantMs(start));
  const end = begin.plus(hours.times(HOUR_MS));
  const overlap = Decimal.min(end, to).minus(Decimal.max(begin, from));
  const hoursIn = Decimal.max(overlap, 0).div(HOUR_MS);
  return { hoursIn, hours, share: hoursIn.div(hours), start };
}

/** The plan's capacity-block node lines that say when their block starts, each with its part of the days checked. */
export function blockParts(lines: readonly LineItem[], scenario: Scenario, period: { month: string; elapsedDays: number }): Map<LineItem, BlockPart> {
  const parts = new Map<LineItem, BlockPart>();
  for (const l of lines) {
    if (l.kind !== 'node' || l.purchase?.option !== 'capacity-block' || l.ref[0] !== 'nodes') continue;
    const group = scenario.nodes?.[l.ref[1] as number];
    if (group?.block_start !== undefined && group.block_hours !== undefined) parts.set(l, blockPart(group.block_start, group.block_hours, period));
  }
  return parts;
}

/** What the report says about each capacity block whose fee met the plan, on the effective basis. */
export function blockNotes(blocks: readonly LineItem[], parts: ReadonlyMap<LineItem, BlockPart>, month: string): string[] {
  return blocks.map((l) => {
    const part = parts.get(l);
    if (!part) {
      return `capacity block ${l.name}: its fee is counted in full, in the month it is billed (no block_start, so its hours are taken to fall in ${month}; give block_start to spread it over the block's hours)`;
    }
    const of = `${part.hoursIn.toDecimalPlaces(2).toFixed()} of its ${part.hours.toFixed()} h (from ${part.start})`;
    return `capacity block ${l.name}: ${of} fall in the ${month} days checked, so that share of its fee and of its planned cost is counted (effective basis: the up-front fee spread evenly over the block's hours; only a fee on this month's bill is seen, so a block paid for in an earlier month shows none here)`;
  });
}
