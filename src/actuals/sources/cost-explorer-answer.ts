import type { ResultByTime } from '@aws-sdk/client-cost-explorer';
import { SourceError } from '../source.js';

/**
 * A Cost Explorer answer checked before anything is computed from it or
 * cached: a wrong answer must stop the check, never become a report. Cost
 * Explorer sends one result per period asked for (even when nothing was
 * spent), each inside the asked range, each group once, all in one currency
 * (which is returned).
 */
export function checkAnswers(answers: Record<string, readonly ResultByTime[]>, range: { start: string; end: string }): string | undefined {
  const currencies = new Set<string>();
  for (const [what, results] of Object.entries(answers)) checkAnswer(results, range, what, currencies);
  if (currencies.size > 1) {
    throw new SourceError(`Cost Explorer's answers mix currencies (${[...currencies].sort().join(' and ')}); tollgate does not add amounts in different currencies, so nothing was computed or cached`);
  }
  return [...currencies][0];
}

function checkAnswer(results: readonly ResultByTime[], range: { start: string; end: string }, what: string, currencies: Set<string>): void {
  const asked = `${range.start} to ${range.end}`;
  if (results.length === 0) {
    throw new SourceError(`Cost Explorer's ${what} answer holds no results for ${asked}; it always sends one per period, so the answer is malformed; nothing was computed or cached`);
  }
  const seen = new Set<string>();
  for (const r of results) {
    const start = r.TimePeriod?.Start;
    const end = r.TimePeriod?.End;
    if (!start || !end) throw new SourceError(`Cost Explorer's ${what} answer has a result without its time period; nothing was computed or cached`);
    if (start < range.start || end > range.end || start >= end) {
      throw new SourceError(`Cost Explorer's ${what} answer is for ${start} to ${end}, outside the ${asked} asked for; nothing was computed or cached`);
    }
    for (const g of r.Groups ?? []) {
      const key = `${start} ${(g.Keys ?? []).join(' / ')}`;
      if (seen.has(key)) throw new SourceError(`Cost Explorer's ${what} answer lists ${(g.Keys ?? []).join(' / ')} twice for ${start}: its pages overlap; nothing was computed or cached`);
      seen.add(key);
      for (const [metric, value] of Object.entries(g.Metrics ?? {})) if (metric !== 'UsageQuantity' && value.Unit) currencies.add(value.Unit);
    }
    for (const [metric, value] of Object.entries(r.Total ?? {})) if (metric !== 'UsageQuantity' && value.Unit) currencies.add(value.Unit);
  }
}
