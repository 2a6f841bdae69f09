import { CATEGORIES, type Category, type Estimate, type LineItem } from '../model/estimate.js';
import { lineShares } from './tier-shares.js';
import type { PricingSource } from '../model/pricing-book.js';
import { amount, money, percent, rate } from '../model/numbers.js';

/** Shared wording for the human-facing formats (table, markdown, the session). */

export function quantityTimesRate(l: LineItem): string {
  const tiered = l.tiers && l.tiers.bands.length > 1;
  return `${amount(l.quantity)} ${l.unit} × ${tiered ? '≈' : ''}${rate(l.rate)}`;
}

/** "aggregate 12,400 GB: 100 at $0, 10,140 at $0.09, …" — which bands a tiered line fell into. */
export function tierNote(l: LineItem): string | undefined {
  if (!l.tiers) return undefined;
  const bands = lineShares(l.tiers, l.quantity)
    .map((s) => `${amount(s.quantity)} at ${rate(s.rate)}`)
    .join(', ');
  // A CDN tiers each edge region's delivery on its own (the line names the region).
  const cdn = l.kind === 'cdn-delivery' || l.kind === 'cdn-requests';
  const scope = l.kind === 'storage' ? `${l.provider} ${l.region} class total` : cdn ? `${l.provider} edge region's monthly total` : `${l.provider} monthly total`;
  return `tiers on the ${scope} ${amount(l.tiers.aggregate)} ${l.unit.replace('-month', '')}; this line: ${bands}`;
}

/**
 * How a line is bought, for the human formats: the option and its effective
 * $/GPU-hour; what commitments cover of it; a spot group's expected and p95
 * billed hours; a commitment's used part and waste.
 */
export function purchaseNote(l: LineItem): string | undefined {
  if (l.commitment) return `commitment: ${money(l.commitment.used)} used, ${money(l.commitment.waste)} waste`;
  const p = l.purchase;
  if (!p) return undefined;
  const parts = [`bought ${p.label}`];
  if (p.gpuHourRate) parts.push(`${rate(p.gpuHourRate)}/GPU-hour effective`);
  if (l.coverage) parts.push(`${amount(l.coverage.covered)} h covered${l.coverage.by.length ? ` by ${l.coverage.by.join(', ')}` : ''}, ${amount(l.coverage.uncovered)} h uncovered`);
  if (p.spot) parts.push(`billed h per node for ${amount(p.spot.useful)} useful: expected ${amount(p.spot.expected)}, p95 ${amount(p.spot.p95)}`);
  return parts.join(' · ');
}

/** Lines by category, largest cost first (ties keep plan order). */
export function byCategory(e: Estimate): { category: Category; lines: LineItem[] }[] {
  const groups = new Map<Category, LineItem[]>(CATEGORIES.map((c) => [c, []]));
  for (const l of e.lines) groups.get(l.category)!.push(l);
  // Sorted on float keys (a float never orders two costs against their exact order),
  // the exact comparison deciding only where the floats tie: a plan of thousands of
  // lines sorts without a Decimal comparison per step.
  return CATEGORIES.map((category) => ({
    category,
    lines: groups.get(category)!.sort((a, b) => sortKey(b) - sortKey(a) || b.cost.comparedTo(a.cost)),
  })).filter((g) => g.lines.length > 0);
}

// Per line object: the session's edits keep every line they do not re-price, and their keys with them.
const sortKeys = new WeakMap<LineItem, number>();
function sortKey(l: LineItem): number {
  let key = sortKeys.get(l);
  if (key === undefined) sortKeys.set(l, (key = l.cost.toNumber()));
  return key;
}

export function pricingLine(e: { pricing: readonly PricingSource[] }): string {
  return e.pricing.map((p) => `${p.provider} ${p.as_of}${p.role === 'bundled' ? '' : ` (${p.role} ${p.file})`}`).join(' · ');
}

/** The tables several estimates were priced against, each once, in order of first use: what a report names. */
export function pricingUsed(estimates: readonly { pricing: readonly PricingSource[] }[]): PricingSource[] {
  const seen = new Map<string, PricingSource>();
  for (const e of estimates) for (const p of e.pricing) if (!seen.has(p.file)) seen.set(p.file, p);
  return [...seen.values()];
}

/** The tables as JSON reports list them (as `estimate --format json` does). */
export function pricingJson(sources: readonly PricingSource[]) {
  return sources.map((p) => ({ provider: p.provider, as_of: p.as_of, source: p.source, file: p.file, role: p.role }));
}

export function budgetLine(e: Estimate): string | undefined {
  if (!e.budget) return undefined;
  const used = e.totals.total.div(e.budget.monthly);
  const over = e.totals.total.minus(e.budget.monthly);
  const alertAt = e.budget.alert_at;
  let verdict: string;
  if (over.gt(0)) verdict = `OVER budget by ${money(over)}`;
  else if (alertAt && used.gte(alertAt)) verdict = `past the ${percent(alertAt, 0)} alert line`;
  else verdict = 'within budget';
  return `budget ${money(e.budget.monthly)}/month: ${percent(used)} used, ${verdict}`;
}
