import type { Comparison, ComparedCosts } from '../../engine/compare.js';
import type { Estimate } from '../../model/estimate.js';
import { pricingLine, pricingUsed } from '../describe.js';
import { money, percent, count } from '../../model/numbers.js';
import { spreadRows, swingCells } from '../uncertainty.js';
import { boughtText, costText, deltaText, isCheapest, UNSAMPLED, type Sampled } from './shared.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** Cost, and for the other scenarios the move against the baseline; the cheapest in bold. */
function cells(c: ComparedCosts, markCheapest = true): string {
  return c.costs
    .map((cost, i) => {
      const delta = i === 0 ? '' : deltaText(c, i);
      const text = delta ? `${costText(cost)} · ${delta}` : costText(cost);
      return markCheapest && isCheapest(c, i) ? `**${text}**` : text;
    })
    .join(' | ');
}

const TOP_DRIVERS = 3;

/** A comparison fit to paste into a pull request or design doc. */
function cheapestText(c: Comparison): string {
  const names = c.total.lowest.map((i) => `**${cell(c.scenarios[i]!)}**`);
  if (names.length === 0) return 'Every scenario costs the same.';
  return `Cheapest: ${names.join(' and ')}${names.length > 1 ? ' (tied)' : ''}, in bold in each row.`;
}

export function formatComparisonMarkdown(c: Comparison, estimates: readonly Estimate[], { uncertainties, cheaper }: Sampled = UNSAMPLED): string {
  const out: string[] = [];
  out.push(`### Cost comparison: ${c.scenarios.map(cell).join(' vs ')}`, '');
  out.push(`Monthly cost in USD against **${cell(c.scenarios[0]!)}** (the baseline). ${cheapestText(c)}`, '', `Pricing: ${pricingLine({ pricing: pricingUsed(estimates) })}`, '');
  const head = c.scenarios.map((s, i) => (i === 0 ? `${cell(s)} (baseline)` : cell(s)));
  out.push(`| | ${head.join(' | ')} |`, `|---|${c.scenarios.map(() => '---:').join('|')}|`);
  for (const k of c.categories) out.push(`| ${k.category} | ${cells(k)} |`);
  out.push(`| **total** | ${cells(c.total)} |`);
  const budgets = estimates.map((e) => {
    if (!e.budget) return '—';
    const used = e.totals.total.div(e.budget.monthly);
    return `${money(e.budget.monthly)} · ${percent(used)} used${used.gt(1) ? ' ❌' : ''}`;
  });
  if (estimates.some((e) => e.budget)) out.push(`| budget | ${budgets.join(' | ')} |`);

  const moved = c.lines.filter((l) => l.moved);
  if (moved.length > 0) {
    out.push('', `**What moved** (${moved.length} of ${c.lines.length} lines, matched by name; — = not in that scenario)`, '');
    out.push(`| Line | ${head.join(' | ')} |`, `|---|${c.scenarios.map(() => '---:').join('|')}|`);
    for (const l of moved) {
      out.push(`| ${cell(l.name)} (${l.kind}, ${l.category}) | ${cells(l, false)} |`);
      const bought = c.scenarios.map((_, i) => boughtText(l, i));
      if (bought.some(Boolean)) out.push(`| ↳ how bought | ${bought.map((b) => (b ? cell(b) : '—')).join(' | ')} |`);
    }
  }

  const ranged = uncertainties.map((u, i) => ({ u, i })).filter((x) => x.u !== undefined);
  if (ranged.length > 0) {
    const { samples, seed } = ranged[0]!.u!.monteCarlo;
    out.push('', `**Uncertainty** (${count(samples)} Monte Carlo samples, seed ${seed})`, '');
    out.push('| Scenario | | expected | p50 | p90 | p95 | P(over budget) |', '|---|---|---:|---:|---:|---:|---:|');
    for (const { u, i } of ranged) {
      const mc = u!.monteCarlo;
      for (const [row, k] of spreadRows(estimates[i]!).entries()) {
        const s = mc.spreads[k];
        const values = [s.expected, ...[50, 90, 95].map((p) => s.percentiles.get(p)!)].map(money);
        const total = k === 'total';
        const over = !total ? '' : mc.overBudget === undefined ? 'no budget' : percent(mc.overBudget);
        out.push(`| ${row === 0 ? cell(c.scenarios[i]!) : ''} | ${total ? '**total**' : k} | ${values.join(' | ')} | ${over} |`);
      }
    }
    out.push('', `**What drives the spread** (the total with one input at its low … high end, p05 … p95 for a {p50, p95} range, the others at their point values; the top ${TOP_DRIVERS} per scenario)`, '');
    out.push('| Scenario | Input | Range | Total at low | Total at high | Swing |', '|---|---|---|---:|---:|---:|');
    for (const { u, i } of ranged) {
      u!.sensitivity.slice(0, TOP_DRIVERS).forEach((s, row) => out.push(`| ${row === 0 ? cell(c.scenarios[i]!) : ''} | ${swingCells(s)} |`));
    }
  }
  const chances = cheaper.map((p, i) => ({ p, i })).filter((x) => x.p !== undefined);
  if (chances.length > 0) {
    out.push('', `**Chance of costing less than ${cell(c.scenarios[0]!)}** (paired samples: an input both plans have is drawn alike in both)`, '');
    out.push('| Scenario | P(cheaper than the baseline) |', '|---|---:|');
    for (const { p, i } of chances) out.push(`| ${cell(c.scenarios[i]!)} | ${percent(p!)} |`);
  }
  return `${out.join('\n')}\n`;
}
