import type { Reconciliation } from '../actuals/reconcile.js';
import { varianceText } from './actuals-describe.js';
import type { BudgetVerdict } from '../engine/budget-check.js';
import type { Position } from '../model/diagnostics.js';
import type { PathSegment } from '../model/yaml-source.js';
import { money, percent } from '../model/numbers.js';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`),
 * which the runner turns into annotations on the scenario's line. Escaping as
 * the runner decodes it: % CR LF in the message, and : , too in properties.
 */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export interface Located {
  file: string;
  position?: Position;
}

export function annotation(level: 'error' | 'warning' | 'notice', at: Located, title: string, message: string): string {
  const props = [`file=${escapeProperty(at.file)}`, ...(at.position ? [`line=${at.position.line}`, `col=${at.position.col}`] : []), `title=${escapeProperty(title)}`];
  return `::${level} ${props.join(',')}::${escapeData(message)}`;
}

/** One annotation per budgeted scenario past its alert line or over budget, on its `budget:` key. */
export function checkAnnotations(items: readonly { verdict: BudgetVerdict; budgetAt: Located }[]): string[] {
  return items.flatMap(({ verdict: v, budgetAt }) => {
    if (!v.budget || (!v.over && !v.alert)) return [];
    const measured = v.measure === 'point' ? money(v.value) : `${v.measure} ${money(v.value)}`;
    const text = `${v.scenario}: ${measured}/month is ${percent(v.used!)} of the ${money(v.budget.monthly)} budget`;
    return v.over
      ? [annotation('error', budgetAt, 'over budget', `${text}, over by ${money(v.value.minus(v.budget.monthly))}`)]
      : [annotation('warning', budgetAt, 'past the budget alert line', `${text} (alert at ${percent(v.budget.alert_at!, 0)})`)];
  });
}

/** Where a category's lines live in a scenario: a category over with no line of its own over points there. */
const SECTION: Partial<Record<string, PathSegment>> = { compute: 'nodes', storage: 'storage', egress: 'transfers', ingress: 'transfers' };

/**
 * Each line whose actual spend is over the threshold, on the scenario line it
 * came from; a category over with no line of its own over (spread over lines
 * each within it) on the category's section, or on the file when the plan
 * has none (unplanned spend).
 */
export function actualsAnnotations(r: Reconciliation, file: string, at: (ref: readonly PathSegment[]) => Position | undefined): string[] {
  const out: string[] = [];
  for (const l of r.lines.filter((x) => x.flag === 'over')) {
    out.push(annotation('error', { file, position: at(l.line.ref) }, 'actual spend over plan', `${l.line.name}: ${money(l.actual)} actual vs ${money(l.projected)} projected (${varianceText(l)}, threshold ±${percent(r.threshold, 0)}) in ${r.period.month}`));
  }
  for (const c of r.categories.filter((x) => x.flag === 'over' && !r.lines.some((l) => l.flag === 'over' && l.line.category === x.category))) {
    const section = SECTION[c.category];
    out.push(annotation('error', { file, ...(section ? { position: at([section]) } : {}) }, `${c.category} over plan`, `${r.scenario} ${c.category}: ${money(c.actual)} actual vs ${money(c.projected)} projected (${varianceText(c)}) in ${r.period.month}`));
  }
  return out;
}
