import { ZERO, type Decimal } from '../model/decimal.js';
import type { Category, Estimate, LineItem } from '../model/estimate.js';
import { byCategory } from '../format/describe.js';

export type Row =
  | { type: 'category'; category: Category; total: Decimal; share: Decimal }
  | { type: 'line'; key: string; line: LineItem };

/** Stable across edits (costs move, order changes, names stay): selection and deltas follow it. */
export function lineKey(l: LineItem): string {
  let key = keys.get(l);
  if (key === undefined) keys.set(l, (key = `${l.kind}:${l.ref.join('.')}`));
  return key;
}
// An edit re-prices few lines and keeps the others' objects: their keys are looked up.
const keys = new WeakMap<LineItem, string>();

// One list of rows per estimate: every selector and view of a keystroke shares it.
const rowsByEstimate = new WeakMap<Estimate, Row[]>();
const indexByRows = new WeakMap<readonly Row[], Map<string, number>>();
const deltasBySaved = new WeakMap<Estimate, WeakMap<Estimate, Map<string, Decimal>>>();

/** Category headings with their share of the total, each followed by its lines, largest first. */
export function rowsOf(e: Estimate): Row[] {
  let rows = rowsByEstimate.get(e);
  if (!rows) rowsByEstimate.set(e, (rows = buildRows(e)));
  return rows;
}

/** Where each line's row is in a list of rows, by line key. */
export function rowIndex(rows: readonly Row[]): Map<string, number> {
  let index = indexByRows.get(rows);
  if (!index) {
    index = new Map();
    rows.forEach((r, i) => r.type === 'line' && index!.set(r.key, i));
    indexByRows.set(rows, index);
  }
  return index;
}

function buildRows(e: Estimate): Row[] {
  const rows: Row[] = [];
  for (const { category, lines } of byCategory(e)) {
    const total = e.totals[category];
    const share = e.totals.total.isZero() ? ZERO : total.div(e.totals.total);
    rows.push({ type: 'category', category, total, share });
    for (const line of lines) rows.push({ type: 'line', key: lineKey(line), line });
  }
  return rows;
}

/** Cost now minus cost as saved, per line key; lines that did not move are left out. */
export function lineDeltas(saved: Estimate, current: Estimate): Map<string, Decimal> {
  let bySaved = deltasBySaved.get(saved);
  if (!bySaved) deltasBySaved.set(saved, (bySaved = new WeakMap()));
  let deltas = bySaved.get(current);
  if (!deltas) bySaved.set(current, (deltas = computeDeltas(saved, current)));
  return deltas;
}

function computeDeltas(saved: Estimate, current: Estimate): Map<string, Decimal> {
  const before = new Map(saved.lines.map((l) => [lineKey(l), l]));
  const out = new Map<string, Decimal>();
  for (const l of current.lines) {
    const was = before.get(lineKey(l));
    if (was === l) continue; // the same line object: not re-priced since the save
    const delta = l.cost.minus(was?.cost ?? ZERO);
    if (!delta.isZero()) out.set(lineKey(l), delta);
  }
  return out;
}
