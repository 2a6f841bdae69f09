import type { ActualCategory } from '../model/billing-record.js';
import type { Adjustment, Comparison, Reconciliation } from '../actuals/reconcile.js';
import type { SourceResult } from '../actuals/source.js';
import { gib, money, percent } from '../model/numbers.js';

/** Shared wording for the human-facing actuals reports (table, markdown). */

export function signedMoney(c: Comparison): string {
  return `${c.difference.gt(0) ? '+' : ''}${money(c.difference)}`;
}

export function varianceText(c: Comparison): string {
  if (c.variance) return `${c.variance.gt(0) ? '+' : ''}${percent(c.variance)}`;
  return c.actual.isZero() ? '' : 'unplanned';
}

export function flagMark(c: Comparison): string {
  return c.flag === 'over' ? '▲' : c.flag === 'under' ? '▼' : '';
}

export function periodText(r: Reconciliation): string {
  const p = r.period;
  return p.elapsedDays === p.days
    ? `${p.month}`
    : `${p.month}, month to date: ${p.elapsedDays} of ${p.days} days (projection pro-rated)`;
}

export function requestsText(s: SourceResult): string | undefined {
  if (!s.requests) return undefined;
  const { count, cost, cached, what, scannedBytes } = s.requests;
  const spent = scannedBytes ? `≈ ${money(cost)} for ${gib(scannedBytes)} scanned` : money(cost);
  return `${what}: ${count} (${spent})${cached ? ', answered from the cache' : ''}`;
}

/** Which cost the report compares: said in every format, so a reader never mixes the two. */
export function costBasisText(r: Reconciliation): string {
  return r.costBasis === 'effective' ? 'cost: effective (EffectiveCost, amortized)' : 'cost: billed (BilledCost)';
}

/** An adjustment's name; commitment fees on the effective basis say they are already in the usage. */
export function adjustmentLabel(a: Adjustment): string {
  return a.amortized ? `${a.kind}: ${money(a.amortized.billed)} billed, amortized into usage` : a.kind;
}

export function netLabel(r: Reconciliation): string {
  return r.costBasis === 'effective' ? 'net effective (amortized) for the month' : 'net billed for the month';
}

export function verdict(r: Reconciliation): string {
  const threshold = percent(r.threshold, 0);
  const flagged = (flag: Comparison['flag']): string[] => [
    ...(r.total.flag === flag ? [`total ${varianceText(r.total)}`] : []),
    ...r.categories.filter((c) => c.flag === flag).map((c) => `${c.category} ${varianceText(c)}`),
  ];
  const overs = flagged('over');
  if (overs.length) return `OVER: ${overs.join(', ')} past the ${threshold} threshold (exit 4)`;
  // Underspend never fails the check, but "within" would hide a plan that is not running.
  const unders = flagged('under');
  return unders.length
    ? `ok: none over the ${threshold} threshold; under by more than ${threshold}: ${unders.join(', ')}`
    : `ok: total and every category within ${threshold} of the projection`;
}

export const CATEGORY_TITLE: Record<ActualCategory, string> = {
  compute: 'COMPUTE',
  storage: 'STORAGE',
  egress: 'EGRESS',
  ingress: 'INGRESS',
  network: 'NETWORK',
  other: 'OTHER',
};

/** Word-wrap a note to 79 columns, continuation lines indented. */
export function wrapNote(text: string, indent = '  '): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && `${current} ${word}`.length > 79) {
      out.push(current);
      current = `${indent}${word}`;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  return out;
}
