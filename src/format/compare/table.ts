import type { Comparison, ComparedCosts } from '../../engine/compare.js';
import type { Uncertainty } from '../../engine/uncertainty.js';
import type { Estimate } from '../../model/estimate.js';
import { budgetLine } from '../describe.js';
import { spreadRows } from '../uncertainty.js';
import { money, percent, count } from '../numbers.js';
import { costText, deltaText, hasCheapest, letter } from './shared.js';

const WIDTH = 79;

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** One row per scenario: cost, then its move against the baseline; the cheapest marked. */
function rowsFor(c: ComparedCosts, indent: string, markCheapest = true): string[] {
  return c.costs.map((cost, i) => {
    const mark = markCheapest && hasCheapest(c) && i === c.cheapest ? ' ◀ cheapest' : '';
    const delta = i === 0 ? 'baseline' : deltaText(c, i);
    return `${indent}${letter(i)}  ${costText(cost).padStart(15)}  ${delta.padEnd(27)}${mark}`.trimEnd();
  });
}

/** Scenarios side by side for the terminal: categories, total, what moved, and the spread of ranged scenarios. */
export function formatComparisonTable(
  c: Comparison,
  estimates: readonly Estimate[],
  uncertainties: readonly (Uncertainty | undefined)[] = [],
): string {
  const out: string[] = [`compare · monthly cost, USD · ${c.scenarios.length} scenarios against A (the baseline)`];
  c.scenarios.forEach((s, i) => out.push(fit(`  ${letter(i)}  ${s}${i === c.cheapest ? '   ◀ cheapest' : ''}`, WIDTH)));
  for (const k of c.categories) {
    out.push('', k.category.toUpperCase(), ...rowsFor(k, '  '));
  }
  out.push('─'.repeat(WIDTH), 'TOTAL per month', ...rowsFor(c.total, '  '));
  estimates.forEach((e, i) => {
    const budget = budgetLine(e);
    if (budget) out.push(fit(`  ${letter(i)}  ${budget}`, WIDTH));
  });

  const moved = c.lines.filter((l) => l.moved);
  if (moved.length > 0) {
    out.push('', `what moved (${moved.length} of ${c.lines.length} lines, matched by name):`);
    for (const l of moved) {
      out.push(fit(`  ${l.name} (${l.kind}, ${l.category})`, WIDTH));
      out.push(...rowsFor(l, '    ', false));
    }
  } else out.push('', `no line differs between the scenarios (${c.lines.length} lines matched by name)`);

  const ranged = uncertainties.map((u, i) => ({ u, i })).filter((x) => x.u !== undefined);
  if (ranged.length > 0) {
    const { samples, seed } = ranged[0]!.u!.monteCarlo;
    out.push('', `UNCERTAINTY · ${count(samples)} samples, seed ${seed}`);
    out.push(`${''.padEnd(13)}${['expected', 'p50', 'p90', 'p95'].map((h) => h.padStart(14)).join('')}`);
    for (const { u, i } of ranged) {
      const mc = u!.monteCarlo;
      const e = estimates[i]!;
      const over = mc.overBudget !== undefined && e.budget ? ` · P(total > budget ${money(e.budget.monthly)}): ${percent(mc.overBudget)}` : '';
      out.push(fit(`  ${letter(i)}${over}`, WIDTH));
      for (const k of spreadRows(e)) {
        const s = mc.spreads[k];
        const cells = [s.expected, ...[50, 90, 95].map((p) => s.percentiles.get(p)!)].map((v) => money(v).padStart(14));
        out.push(`    ${(k === 'total' ? 'TOTAL' : k).padEnd(9)}${cells.join('')}`);
      }
    }
    out.push('(run `tollgate estimate` on one scenario for its tornado chart of what drives the spread)');
  }
  return `${out.join('\n')}\n`;
}
