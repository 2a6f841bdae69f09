import type { BudgetVerdict } from '../engine/budget-check.js';
import { pricingJson, pricingLine } from './describe.js';
import { wrapNote } from './actuals-describe.js';
import { exact, money, percent } from '../model/numbers.js';

function status(v: BudgetVerdict): string {
  if (!v.budget) return 'no budget';
  if (v.over) return 'OVER';
  return v.alert ? 'alert' : 'ok';
}

function measured(v: BudgetVerdict): string {
  return v.measure === 'point' ? money(v.value) : `${v.measure} ${money(v.value)}`;
}

function summary(verdicts: readonly BudgetVerdict[]): string {
  const over = verdicts.filter((v) => v.over).length;
  const unbudgeted = verdicts.filter((v) => !v.budget).length;
  const tail = unbudgeted ? `; ${unbudgeted} without a budget (not gated)` : '';
  return over ? `${over} of ${verdicts.length} over budget${tail} → exit 3` : `all within budget${tail}`;
}

/** The CI gate for a terminal: one block per scenario, then the verdict. */
export function formatCheckTable(verdicts: readonly BudgetVerdict[]): string {
  const out: string[] = ['check · monthly projection against budget'];
  for (const v of verdicts) {
    const name = v.scenario.length > 65 ? `${v.scenario.slice(0, 64)}…` : v.scenario;
    out.push('', name.padEnd(66) + status(v).padStart(13), ...wrapNote(`pricing: ${pricingLine(v)}`, '    ', '  '));
    if (!v.budget) {
      out.push(...wrapNote(`${measured(v)}/month; no budget: add budget: {monthly: …} to gate it`, '    ', '  '));
      continue;
    }
    const diff = v.value.minus(v.budget.monthly);
    const margin = v.over ? `over by ${money(diff)}` : `${money(diff.neg())} to spare`;
    // Nine-figure plans run the line past 79 columns: it wraps, as every note of the table does.
    out.push(...wrapNote(`${measured(v)} of ${money(v.budget.monthly)} (${percent(v.used!)} used), ${margin}`, '    ', '  '));
    if (v.alert && !v.over) out.push(`  past the ${percent(v.budget.alert_at!, 0)} alert line`);
    if (v.pOver !== undefined) out.push(`  probability the month exceeds the budget: ${percent(v.pOver)}`);
  }
  out.push('', summary(verdicts));
  return `${out.join('\n')}\n`;
}

export function formatCheckMarkdown(verdicts: readonly BudgetVerdict[]): string {
  const out = ['### Budget check', '', '| Scenario | Projection | Budget | Used | P(over) | Status |', '|---|---:|---:|---:|---:|---|'];
  for (const v of verdicts) {
    const icon = v.over ? '❌ over' : v.budget ? (v.alert ? '⚠️ alert' : '✅ ok') : 'no budget';
    out.push(
      `| ${v.scenario} | ${measured(v)} | ${v.budget ? money(v.budget.monthly) : '—'} | ${v.used ? percent(v.used) : '—'} | ${v.pOver ? percent(v.pOver) : '—'} | ${icon} |`,
    );
  }
  out.push('', ...verdicts.map((v) => `Pricing (${v.scenario}): ${pricingLine(v)}`), '', summary(verdicts));
  return `${out.join('\n')}\n`;
}

export function formatCheckJson(verdicts: readonly BudgetVerdict[]): string {
  const body = {
    over: verdicts.some((v) => v.over),
    scenarios: verdicts.map((v) => ({
      scenario: v.scenario,
      pricing: pricingJson(v.pricing),
      measure: v.measure,
      value: exact(v.value),
      budget: v.budget ? exact(v.budget.monthly) : null,
      used: v.used ? exact(v.used) : null,
      over: v.over,
      alert: v.alert,
      ...(v.pOver !== undefined ? { p_over_budget: exact(v.pOver) } : {}),
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
