import type { ActualCategory } from '../model/billing-record.js';
import type { Adjustment, Comparison, LineResult, Reconciliation, Unplanned } from '../actuals/reconcile.js';
import { sum, type Decimal } from '../model/decimal.js';
import type { SourceResult } from '../actuals/source.js';
import { amount, gib, money, percent, rate as rateText } from '../model/numbers.js';

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
  if (a.amortized) return `${a.kind}: ${money(a.amortized.billed)} billed, amortized into usage`;
  if (a.sign) return a.sign === 'charge' ? 'adjustment, charged' : 'adjustment, given back';
  return a.kind === 'correction' ? 'correction of earlier periods' : a.kind;
}

/** tollgate's provider names as a bill writes them; a provider tollgate does not model keeps its own. */
export function providerTitle(provider: string): string {
  const known: Record<string, string> = { aws: 'AWS', gcp: 'Google Cloud', azure: 'Microsoft' };
  return known[provider] ?? `${provider.charAt(0).toUpperCase()}${provider.slice(1)}`;
}

/** "other providers in this file: Microsoft $1.98, Oracle $0.27" (their usage), or undefined when there are none. */
export function otherProvidersText(r: Reconciliation): string | undefined {
  if (!r.otherProviders.length) return undefined;
  const each = r.otherProviders.map((o) => `${providerTitle(o.provider)} ${money(o.usage)}${o.total.eq(o.usage) ? '' : ` (${money(o.total)} with credits, tax and adjustments)`}`);
  return `other providers in this bill, not compared with the plan: ${each.join(', ')}`;
}

/** Every note of a report: the source's, how the compared providers' usage was matched, and reconciliation's own. */
export function reportNotes(r: Reconciliation, s: SourceResult): string[] {
  const matching = r.providers.flatMap((p) => (s.matching?.[p.provider] ? [s.matching[p.provider]!] : []));
  return [...s.notes, ...matching, ...r.notes];
}

/**
 * A bill with none of the compared providers' rows (an Azure plan against an AWS bill) is no
 * comparison at all: why, naming what the bill does hold; undefined when something was compared.
 */
export function nothingCompared(r: Reconciliation, records: readonly { provider: string }[]): string | undefined {
  if (!r.otherProviders.length || records.some((x) => r.providers.some((p) => p.provider === x.provider))) return undefined;
  const compared = r.providers.map((p) => providerTitle(p.provider)).join(', ');
  const held = r.otherProviders.map((o) => `${providerTitle(o.provider)} ${money(o.usage)}`).join(', ');
  return `the bill has no rows for ${compared}, the providers compared: it holds ${held} (--provider chooses which are compared)`;
}

/** How many unplanned entries the human formats list before "N more, $X"; JSON and CSV list them all. */
export const UNPLANNED_SHOWN = 10;

/** The unplanned entries to list, and what the rest come to. */
export function unplannedShown(r: Reconciliation, shown = UNPLANNED_SHOWN): { listed: Unplanned[]; more?: { count: number; cost: Decimal } } {
  if (r.unplanned.length <= shown) return { listed: r.unplanned };
  const rest = r.unplanned.slice(shown);
  return { listed: r.unplanned.slice(0, shown), more: { count: rest.length, cost: sum(rest.map((u) => u.cost)) } };
}

export function moreText(more: { count: number; cost: Decimal }): string {
  return `${more.count} more, ${money(more.cost)} (the full list is in --format json or csv)`;
}

/**
 * Volume against rate for a matched line: "6.28 hour billed vs 6.28 hour planned; $1.624/hour vs
 * $1.624/hour", so a reader sees whether usage or price drifted. Undefined when the bill gives no
 * one unit for the line.
 */
export function usageText(l: LineResult, plannedQuantity: Decimal): string | undefined {
  if (!l.usage) return undefined;
  const { quantity, unit, rate } = l.usage;
  const same = unit === l.line.unit;
  const volume = `${amount(quantity)} ${unit} billed vs ${amount(plannedQuantity)} ${l.line.unit} planned`;
  return rate && same ? `${volume}; ${rateText(rate)}/${unit} vs ${rateText(l.line.rate)}/${unit}` : volume;
}



export function netLabel(r: Reconciliation): string {
  return r.costBasis === 'effective' ? 'net effective (amortized) for the month' : 'net billed for the month';
}

/** What makes the month's figures provisional, said with the verdict: estimated data, or a bill that stops early. */
export function caveats(r: Reconciliation): string[] {
  return [
    ...(r.estimated ? ['the provider still marks this month estimated: figures may change'] : []),
    ...(r.coverage ? [`the bill ends ${r.coverage.last}, before the month does: the figures are partial`] : []),
  ];
}

export function verdict(r: Reconciliation): string {
  const said = verdictText(r);
  const more = caveats(r);
  return more.length ? `${said}; ${more.join('; ')}` : said;
}

function verdictText(r: Reconciliation): string {
  const threshold = percent(r.threshold, 0);
  const flagged = (flag: Comparison['flag']): string[] => [
    ...(r.total.flag === flag ? [`total ${varianceText(r.total)}`] : []),
    // A category measured against the floor says its difference, not a percentage of a few cents.
    ...r.categories.filter((c) => c.flag === flag).map((c) => (c.floor ? `${c.category} ${signedMoney(c)} (on a ${money(c.floor)} floor)` : `${c.category} ${varianceText(c)}`)),
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
export function wrapNote(text: string, indent = '  ', lead = ''): string[] {
  const out: string[] = [];
  // `lead` starts the first line and counts toward its width (a note under an indented row).
  let current = lead;
  let started = false;
  for (const word of text.split(' ')) {
    if (started && `${current} ${word}`.length > 79) {
      out.push(current);
      current = `${indent}${word}`;
    } else current = started ? `${current} ${word}` : `${current}${word}`;
    started = true;
  }
  if (current) out.push(current);
  return out;
}
