import type { Comparison, ComparedCosts, ComparedLine } from '../../engine/compare.js';
import type { Estimate } from '../../model/estimate.js';
import { boughtText, costText, deltaText, isCheapest, letter, UNSAMPLED, type Sampled } from '../compare/shared.js';
import { exact, money, percent } from '../../model/numbers.js';
import { barChart } from './charts.js';
import { assumptionsSection, pricingSection, uncertaintySection } from './estimate.js';
import { page, table, text } from './page.js';

const SCENARIO_FILLS = ['cat-compute', 'cat-egress', 'cat-storage', 'cat-network', 'cat-ingress', 'cat-other'];
const fill = (i: number) => SCENARIO_FILLS[i % SCENARIO_FILLS.length]!;

function cells(c: ComparedCosts, markCheapest = true): string[] {
  return c.costs.map((cost, i) => {
    const delta = i === 0 ? '' : deltaText(c, i);
    const body = `${text(costText(cost))}${delta ? `<div class="note">${text(delta)}</div>` : ''}`;
    return markCheapest && isCheapest(c, i) ? `<span class="cheapest">${body}</span>` : body;
  });
}

/** A moved line's cells: cost and move, then how that scenario bought it. */
function boughtCells(l: ComparedLine): string[] {
  return cells(l, false).map((body, i) => {
    const bought = boughtText(l, i);
    return bought ? `${body}<div class="note" data-figure="purchase">${text(bought)}</div>` : body;
  });
}

/** The comparison report: totals, per category side by side, what moved, and each plan's own detail. */
export function formatComparisonHtml(c: Comparison, estimates: readonly Estimate[], { uncertainties, cheaper }: Sampled = UNSAMPLED): string {
  const names = c.scenarios.map((s, i) => `${letter(i)} ${s}`);
  const head = ['', ...c.scenarios.map((s, i) => text(`${letter(i)} ${s}${i === 0 ? ' (baseline)' : ''}`))];
  const numCols = c.scenarios.map((_, i) => i + 1);
  const rows = c.categories.map((k) => [`<span data-category="${k.category}">${text(k.category)}</span>`, ...cells(k)]);
  const totalRow = ['total', ...cells(c.total).map((cell, i) => `<span data-figure="total" data-scenario="${text(c.scenarios[i]!)}" data-exact="${exact(c.total.costs[i]!)}">${cell}</span>`)];
  const budgetRow = estimates.some((e) => e.budget)
    ? [['budget', ...estimates.map((e) => (e.budget ? `${text(money(e.budget.monthly))}<div class="note ${e.totals.total.gt(e.budget.monthly) ? 'over' : ''}">${text(percent(e.totals.total.div(e.budget.monthly)))} used</div>` : '—'))]]
    : [];
  const all = [...rows, totalRow, ...budgetRow];
  const totalsTable = table(head, all, numCols, (i) => (i === rows.length ? 'total' : ''));
  const chart = barChart(
    'cost by category per scenario',
    [...c.categories, c.total].map((k) => ({ label: k.category, bars: k.costs.map((cost, i) => ({ value: cost, cls: fill(i), caption: `${letter(i)}` })) })),
  );
  const moved = c.lines.filter((l) => l.moved);
  const movedTable = moved.length
    ? `<h3>What moved</h3><p class="note">${moved.length} of ${c.lines.length} lines, matched by kind and name; — = not in that scenario.</p>${table(
        ['Line', ...head.slice(1)],
        moved.map((l) => [`${text(l.name)}<div class="note">${text(`${l.kind}, ${l.category}`)}</div>`, ...boughtCells(l)]),
        numCols,
      )}`
    : '';
  const chances = cheaper.map((p, i) => ({ p, i })).filter((x) => x.p !== undefined);
  const chanceTable = chances.length
    ? `<h3>Chance of costing less than ${text(c.scenarios[0]!)}</h3>${table(['Scenario', 'P(cheaper than the baseline)'], chances.map(({ p, i }) => [text(names[i]!), text(percent(p!))]), [1])}`
    : '';
  const detail = estimates.map((e, i) => {
    const u = uncertainties[i];
    return `<section class="report" data-plan="${text(e.scenario)}"><h2>${text(names[i]!)}</h2>${u ? uncertaintySection(e, u) : ''}${pricingSection(e)}${assumptionsSection(e.assumptions)}</section>`;
  });
  const body = `<h1>Cost comparison</h1>
<p class="meta">${text(c.scenarios.join(' vs '))} · USD per month against ${text(c.scenarios[0]!)} (the baseline) · ${c.total.lowest.length ? `cheapest: ${c.total.lowest.map((i) => `<strong>${text(names[i]!)}</strong>`).join(' and ')}` : 'every scenario costs the same'}</p>
<section class="report" data-scenario="comparison">${chart}${totalsTable}${movedTable}${chanceTable}</section>
${detail.join('\n')}`;
  return page(`tollgate compare: ${c.scenarios.join(' vs ')}`, body);
}
