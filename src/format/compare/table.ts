import type { Comparison, ComparedCosts } from '../../engine/compare.js';
import type { Uncertainty } from '../../engine/uncertainty.js';
import type { Estimate } from '../../model/estimate.js';
import { wrapNote } from '../actuals-describe.js';
import { budgetLine, pricingLine, pricingUsed } from '../describe.js';
import { spreadRows, tornadoBar, tornadoScale } from '../uncertainty.js';
import { money, percent, count } from '../../model/numbers.js';
import { boughtText, costText, deltaText, isCheapest, letter, UNSAMPLED, type Sampled } from './shared.js';

const WIDTH = 79;
const TOP_DRIVERS = 3;
const DRIVER_BAR = 6;
// How a moved line was bought sits under its scenario's row, wrapped within WIDTH.
const BOUGHT_INDENT = '       ';

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** One row per scenario: cost, then its move against the baseline; the cheapest marked. */
function rowsFor(c: ComparedCosts, indent: string, markCheapest = true): string[] {
  return c.costs.map((cost, i) => {
    const mark = markCheapest && isCheapest(c, i) ? ' ◀ cheapest' : '';
    const delta = i === 0 ? 'baseline' : deltaText(c, i);
    return `${indent}${letter(i)}  ${costText(cost).padStart(15)}  ${delta.padEnd(27)}${mark}`.trimEnd();
  });
}

/** A compact tornado: the inputs that move the total most, one line each, the others counted. */
function drivers(e: Estimate, u: Uncertainty): string[] {
  const scale = tornadoScale(e, u);
  const rows = u.sensitivity.slice(0, TOP_DRIVERS).map((s) => {
    const swing = `swing ${money(s.swing)}`;
    const head = `      ${tornadoBar(s, e.totals.total, scale, DRIVER_BAR)} ${s.input.label}`;
    return `${fit(head, WIDTH - swing.length - 2).padEnd(WIDTH - swing.length)}${swing}`;
  });
  const rest = u.sensitivity.length - TOP_DRIVERS;
  return [
    '    what drives it: the total with one input at its low … high end',
    ...rows,
    ...(rest > 0 ? [`      … and ${rest} more (all in --format json; a full tornado in \`tollgate estimate\`)`] : []),
  ];
}

/**
 * Scenarios side by side for the terminal: categories, total, what moved, the
 * spread of ranged scenarios and what drives it, and each plan's chance of
 * costing less than the baseline.
 */
export function formatComparisonTable(c: Comparison, estimates: readonly Estimate[], { uncertainties, cheaper }: Sampled = UNSAMPLED): string {
  const out: string[] = [`compare · monthly cost, USD · ${c.scenarios.length} scenarios against A (the baseline)`];
  c.scenarios.forEach((s, i) => out.push(fit(`  ${letter(i)}  ${s}${isCheapest(c.total, i) ? '   ◀ cheapest' : ''}`, WIDTH)));
  out.push(...wrapNote(`pricing: ${pricingLine({ pricing: pricingUsed(estimates) })}`));
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
      rowsFor(l, '    ', false).forEach((row, i) => {
        const bought = boughtText(l, i);
        out.push(row, ...(bought ? wrapNote(bought, BOUGHT_INDENT, BOUGHT_INDENT) : []));
      });
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
      out.push(...drivers(e, u!));
    }
  }
  const chances = cheaper.map((p, i) => ({ p, i })).filter((x) => x.p !== undefined);
  if (chances.length > 0) {
    out.push('', 'chance of costing less than A (paired samples, shared inputs drawn alike):');
    for (const { p, i } of chances) out.push(`  ${letter(i)}  ${percent(p!)}`);
  }
  return `${out.join('\n')}\n`;
}
