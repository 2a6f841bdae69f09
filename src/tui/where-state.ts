import { searchPlacements } from '../engine/place-search.js';
import { NoCandidates, spotText } from '../engine/placement.js';
import type { Decimal } from '../model/decimal.js';
import { money } from '../model/numbers.js';
import type { PricingBook } from '../model/pricing-book.js';
import type { Scenario } from '../model/scenario.js';
import { scrollTop } from './layout.js';

/** One ranked placement as the `w` panel lists it, and the plan Enter applies. */
export interface WhereRow {
  rank: number;
  place: string;
  total: Decimal;
  delta: Decimal;
  asWritten: boolean;
  scenario: Scenario;
}

/** The `w` ("where") panel: the ranked placements of one node group of the plan as edited. */
export interface WhereView {
  group: string;
  rows: WhereRow[];
  cursor: number;
  top: number;
  /** Assumptions the search made (ends that move with the group, a zone dropped). */
  notes: string[];
}

/**
 * Every placement of node group `index` of the plan as edited, ranked as
 * `tollgate place --vary nodes.NAME` ranks them; a sentence when there is none.
 */
export function openWhere(scenario: Scenario, book: PricingBook, index: number): WhereView | string {
  const group = scenario.nodes![index]!.name;
  try {
    const r = searchPlacements({ scenario, book, groups: [index] });
    if (r.candidates.length === 0) return `${group}: no placement could be priced${r.failed[0] ? ` (${r.failed[0].reason})` : ''}`;
    const rows = r.candidates.map((c) => ({ rank: c.rank, place: spotText(c.spots[0]!), total: c.totals.total, delta: c.delta, asWritten: c.asWritten, scenario: c.scenario }));
    // Start on the plan as written, so Enter right away changes nothing.
    const cursor = Math.max(0, rows.findIndex((row) => row.asWritten));
    return { group, rows, cursor, top: 0, notes: r.assumptions };
  } catch (e) {
    if (e instanceof NoCandidates) return `${group}: ${e.message}; ${e.suggestion}`;
    throw e;
  }
}

export function moveWhere(view: WhereView, by: number, height: number): WhereView {
  const cursor = Math.max(0, Math.min(view.rows.length - 1, view.cursor + by));
  return { ...view, cursor, top: scrollTop(view.top, cursor, height, view.rows.length) };
}

export const WHERE_HEADER = `${'#'.padStart(3)}  ${'total/month'.padStart(12)}  ${'vs now'.padStart(11)}  place`;

/** The rows' text: rank, place, total, change against the plan as edited. */
export function whereLine(row: WhereRow): string {
  const delta = row.delta.toDecimalPlaces(2).gt(0) ? `+${money(row.delta)}` : money(row.delta);
  return `${String(row.rank).padStart(3)}  ${money(row.total).padStart(12)}  ${delta.padStart(11)}  ${row.place}${row.asWritten ? ' (now)' : ''}`;
}
