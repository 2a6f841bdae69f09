import { ZERO, type Decimal } from '../model/decimal.js';
import type { Category, Estimate, LineItem } from '../model/estimate.js';
import { byCategory } from '../format/describe.js';

export type Row =
  | { type: 'category'; category: Category; total: Decimal; share: Decimal }
  | { type: 'line'; key: string; line: LineItem };

/** Stable across edits (costs move, order changes, names stay): selection and deltas follow it. */
export function lineKey(l: LineItem): string {
  return `${l.kind}:${l.ref.join('.')}`;
}

/** Category headings with their share of the total, each followed by its lines, largest first. */
export function rowsOf(e: Estimate): Row[] {
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
  const before = new Map(saved.lines.map((l) => [lineKey(l), l.cost]));
  const out = new Map<string, Decimal>();
  for (const l of current.lines) {
    const delta = l.cost.minus(before.get(lineKey(l)) ?? ZERO);
    if (!delta.isZero()) out.set(lineKey(l), delta);
  }
  return out;
}
