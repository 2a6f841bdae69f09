import type { Reconciliation } from '../actuals/reconcile.js';
import { flagMark, varianceText } from '../format/actuals-describe.js';
import { money, percent } from '../model/numbers.js';
import { Decimal } from '../model/decimal.js';
import { sparkline } from './charts.js';
import { fit } from './text.js';

/** The month's daily usage spend as a sparkline with its low and high day. */
export function dailyText(r: Reconciliation): string {
  if (r.daily.length === 0) return 'no daily series: the bill has monthly records only';
  const days = r.daily.map((d) => d.cost);
  const span = `${r.daily[0]!.day.slice(5)}…${r.daily.at(-1)!.day.slice(5)}`;
  return `daily ${span} ${sparkline(days)} low ${money(Decimal.min(...days))} · high ${money(Decimal.max(...days))}`;
}

/** The days the provider has not finalized (Cost Explorer marks the latest ones), or undefined when all are final. */
export function estimatedDaysText(r: Reconciliation): string | undefined {
  const at = r.daily.flatMap((d, i) => (d.estimated ? [i] : []));
  if (at.length === 0) return undefined;
  const day = (i: number) => r.daily[i]!.day.slice(5);
  const run = at.at(-1)! - at[0]! === at.length - 1;
  const which = at.length === 1 ? day(at[0]!) : run ? `${day(at[0]!)}…${day(at.at(-1)!)}` : at.map(day).join(', ');
  return `  ~ estimated by the provider, not final: ${which}`;
}

/**
 * The plan's lines past the threshold, largest difference first, each with its
 * variance and ▲/▼ (the sign says it without colour); as many as fit the width,
 * then how many more.
 */
export function flaggedLinesText(r: Reconciliation, width: number): string {
  const head = `lines past ±${percent(r.threshold, 0)}:`;
  const flagged = r.lines.filter((l) => l.flag).sort((a, b) => b.difference.abs().comparedTo(a.difference.abs()));
  if (flagged.length === 0) return `${head} none`;
  const parts = flagged.map((l) => `${l.line.name} ${varianceText(l)} ${flagMark(l)}`);
  let text = head;
  for (const [i, part] of parts.entries()) {
    const next = `${text}${i ? ',' : ''} ${part}`;
    const more = parts.length - i - 1;
    if (`${next}${more ? `, +${more} more` : ''}`.length > width) return fit(`${text}${i ? ',' : ''} +${parts.length - i} more`, width);
    text = next;
  }
  return text;
}
