import type { Uncertainty } from '../../engine/uncertainty.js';
import type { Estimate, LineItem, TierShare } from '../../model/estimate.js';
import { budgetLine, byCategory, purchaseNote, quantityTimesRate } from '../describe.js';
import { amount, count, exact, money, percent, rate } from '../../model/numbers.js';
import { sampledInputs, spreadRows } from '../uncertainty.js';
import { barChart, tornadoChart } from './charts.js';
import { list, page, table, text } from './page.js';

/** The tables priced against: provider, date, where it was read from. */
export function pricingSection(e: Estimate): string {
  const rows = e.pricing.map((p) => [text(p.provider), text(p.as_of), `<a href="${text(p.source)}">${text(p.source)}</a>`, text(p.role === 'bundled' ? p.file : `${p.role} ${p.file}`)]);
  return `<h3>Pricing tables</h3>${table(['Provider', 'As of', 'Source', 'File'], rows)}`;
}

export function assumptionsSection(assumptions: readonly string[]): string {
  return assumptions.length ? `<h3>Assumptions</h3>${list(assumptions, 'assumptions')}` : '';
}

function breakdown(e: Estimate): string {
  const groups = byCategory(e).map(({ category }) => ({ label: category, bars: [{ value: e.totals[category], cls: `cat-${category}` }] }));
  const rows = byCategory(e).flatMap(({ category, lines }) => [
    ...lines.map((l) => [text(category), `${text(l.name)}<div class="note">${text(l.description)}</div>${purchaseNote(l) ? `<div class="note">${text(purchaseNote(l)!)}</div>` : ''}`, text(quantityTimesRate(l)), text(money(l.cost))]),
  ]);
  const totals = byCategory(e).map(({ category }) => `<tr class="total" data-category="${category}"><td>${text(category)}</td><td></td><td></td><td class="num" data-exact="${exact(e.totals[category])}">${text(money(e.totals[category]))}</td></tr>`);
  return `<h3>By category</h3>${barChart('cost by category', groups)}
<h3>Lines</h3>${table(['Category', 'Line', 'Quantity × rate', 'Cost'], rows, [3])}
<table class="category-totals"><tbody>${totals.join('')}<tr class="total"><td>total</td><td></td><td></td><td class="num" data-figure="total" data-exact="${exact(e.totals.total)}">${text(money(e.totals.total))}</td></tr></tbody></table>`;
}

interface TierGroup {
  provider: string;
  aggregate: LineItem['quantity'];
  bands: readonly TierShare[];
  lines: string[];
}

/** Egress lines whose price came from tiers on a provider-wide total: one group per provider (and aggregate). */
function tierGroups(e: Estimate): TierGroup[] {
  const groups = new Map<string, TierGroup>();
  for (const l of e.lines) {
    if (l.category !== 'egress' || !l.tiers) continue;
    const key = `${l.provider}\u0000${l.tiers.aggregate.toFixed()}`;
    const g = groups.get(key) ?? { provider: l.provider, aggregate: l.tiers.aggregate, bands: l.tiers.bands, lines: [] };
    g.lines.push(l.name);
    groups.set(key, g);
  }
  return [...groups.values()];
}

function egressTiers(e: Estimate): string {
  const groups = tierGroups(e);
  if (groups.length === 0) return '';
  const parts = groups.map((g) => {
    const bands = g.bands.filter((b) => b.quantity.gt(0));
    const chart = barChart(`${g.provider} egress tiers`, bands.map((b) => ({ label: `${amount(b.from)}–${b.to ? amount(b.to) : '∞'} GB`, bars: [{ value: b.quantity.times(b.rate), cls: 'cat-egress', caption: `${amount(b.quantity)} GB at ${rate(b.rate)}:` }] })));
    const rows = bands.map((b) => [text(`${amount(b.from)} – ${b.to ? amount(b.to) : '∞'} GB`), text(rate(b.rate)), text(amount(b.quantity)), text(money(b.quantity.times(b.rate)))]);
    return `<div class="tiers" data-provider="${text(g.provider)}"><h4>${text(g.provider)}: ${text(amount(g.aggregate))} GB this month (${text(g.lines.join(', '))})</h4>${chart}${table(['Band', 'Rate / GB', 'GB in band', 'Cost'], rows, [1, 2, 3])}</div>`;
  });
  return `<h3>Egress tiers per provider</h3><p class="note">Tiers apply to each provider's monthly total, then the cost is shared among the flows by volume.</p>${parts.join('')}`;
}

export function uncertaintySection(e: Estimate, u: Uncertainty): string {
  const mc = u.monteCarlo;
  const ps = [...mc.spreads.total.percentiles.keys()];
  const rows = spreadRows(e).map((k) => {
    const s = mc.spreads[k];
    return [text(k), ...[s.expected, ...ps.map((p) => s.percentiles.get(p)!)].map((v) => text(money(v)))];
  });
  const over = mc.overBudget !== undefined && e.budget ? `<p>Probability the total exceeds the ${text(money(e.budget.monthly))} budget: <strong data-figure="p-over">${text(percent(mc.overBudget))}</strong></p>` : '';
  const tornado = tornadoChart(u.sensitivity.map((s) => ({ label: s.input.label, atLow: s.totalAtLow, atHigh: s.totalAtHigh })), e.totals.total);
  const swings = u.sensitivity.map((s) => [text(s.input.label), text(money(s.totalAtLow)), text(money(s.totalAtHigh)), text(money(s.swing))]);
  return `<h3>Uncertainty</h3><p class="note">${text(`${count(mc.samples)} Monte Carlo samples, seed ${mc.seed}, ${sampledInputs(u.inputs)}`)}</p>
${table(['', 'expected', ...ps.map((p) => `p${p}`)], rows, Array.from({ length: ps.length + 1 }, (_, i) => i + 1), (i) => (i === rows.length - 1 ? 'total' : ''))}${over}
<h3>What drives the spread</h3><p class="note">The total with one input at its low … high end (p05 … p95 for a {p50, p95} range), the others at their point values.</p>${tornado}
${table(['Input', 'Total at low', 'Total at high', 'Swing'], swings, [1, 2, 3])}`;
}

function estimateSection(e: Estimate, u: Uncertainty | undefined): string {
  const budget = budgetLine(e);
  return `<section class="report" data-scenario="${text(e.scenario)}">
<h2>${text(e.scenario)}</h2>
<div class="headline">${text(money(e.totals.total))}<span class="meta"> / month</span></div>
${budget ? `<p class="${e.budget && e.totals.total.gt(e.budget.monthly) ? 'over' : ''}">${text(budget)}</p>` : ''}
${breakdown(e)}${egressTiers(e)}${u ? uncertaintySection(e, u) : ''}${pricingSection(e)}${assumptionsSection(e.assumptions)}
</section>`;
}

/** The estimate report for the monthly review: one section per scenario. */
export function formatEstimateHtml(estimates: readonly Estimate[], uncertainties: readonly (Uncertainty | undefined)[] = []): string {
  const title = `tollgate estimate: ${estimates.map((e) => e.scenario).join(', ')}`;
  const body = `<h1>Monthly cost estimate</h1><p class="meta">${text(estimates.map((e) => e.scenario).join(' · '))} · USD per month</p>
${estimates.map((e, i) => estimateSection(e, uncertainties[i])).join('\n')}`;
  return page(title, body);
}
