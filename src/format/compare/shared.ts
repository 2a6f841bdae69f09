import type { Decimal } from '../../model/decimal.js';
import type { ComparedCosts, ComparedLine } from '../../engine/compare.js';
import type { Uncertainty } from '../../engine/uncertainty.js';
import { amount, money, percent } from '../../model/numbers.js';
import { purchaseNote } from '../describe.js';

/** Scenario letters (A = baseline, B, C, …) keep 80-column rows readable whatever the names. */
export function letter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : `S${i + 1}`;
}

export function signedMoney(d: Decimal): string {
  return d.isZero() ? '±$0.00' : `${d.isNegative() ? '' : '+'}${money(d)}`;
}

/** "+$1,234.00 (+12.3%)" against the baseline; "new" / "gone" where a line exists on one side only. */
export function deltaText(c: ComparedCosts, i: number): string {
  const [base, cost, d, p] = [c.costs[0], c.costs[i], c.deltas[i]!, c.percents[i]];
  if (base === undefined && cost === undefined) return '';
  if (base === undefined) return `${signedMoney(d)} (new)`;
  if (cost === undefined) return `${signedMoney(d)} (gone)`;
  if (d.isZero()) return signedMoney(d);
  return p === undefined ? signedMoney(d) : `${signedMoney(d)} (${p.isNegative() ? '' : '+'}${percent(p)})`;
}

/** Whether scenario i is marked cheapest: every one at the lowest cost, none when all cost the same. */
export function isCheapest(c: ComparedCosts, i: number): boolean {
  return c.lowest.includes(i);
}

/**
 * How scenario i bought a compared line, for the human formats: estimate's
 * purchase note and, for an option billed past its use (a commitment, a capacity
 * block), the hours used of those paid, which estimate's description says and a
 * comparison does not show.
 */
export function boughtText(l: ComparedLine, i: number): string | undefined {
  const item = l.items[i];
  const note = item && purchaseNote(item);
  if (!note) return undefined;
  const p = item.purchase;
  return p?.paidHours ? `${note} · ${amount(p.usedHours)} h used of ${amount(p.paidHours)} paid` : note;
}

export function costText(cost: Decimal | undefined): string {
  return cost === undefined ? '—' : money(cost);
}

/**
 * What sampling adds to a comparison, per scenario: its spread when it has
 * ranges, and its chance of costing less than the baseline (paired samples;
 * undefined for the baseline and where neither side has ranges).
 */
export interface Sampled {
  uncertainties: readonly (Uncertainty | undefined)[];
  cheaper: readonly (Decimal | undefined)[];
}

export const UNSAMPLED: Sampled = { uncertainties: [], cheaper: [] };
