import { Box, Text } from 'ink';
import type { Comparison } from '../../actuals/reconcile.js';
import { CATEGORY_TITLE, costBasisText, flagMark, requestsText, varianceText, verdict } from '../../format/actuals-describe.js';
import { money, percent } from '../../model/numbers.js';
import { sum } from '../../model/decimal.js';
import type { ActualsReport as Report } from '../actuals-state.js';
import { dailyText, estimatedDaysText, flaggedLinesText } from '../actuals-text.js';
import { planBar } from '../charts.js';
import { fit, left, right, wrapped } from '../text.js';
import { Dim, Toned } from './Toned.js';

const LABEL = 9;
const MONEY = 12;
const VARIANCE = 12;

function variance(c: Comparison): string {
  return [varianceText(c), flagMark(c)].filter(Boolean).join(' ');
}

function Row({ label, c, barWidth, bold }: { label: string; c: Comparison; barWidth: number; bold?: boolean }) {
  const tone = c.flag === 'over' ? 'dearer' : c.flag === 'under' ? 'cheaper' : 'same';
  return (
    <Text bold={bold}>
      {left(label, LABEL)}
      {planBar(c.projected, c.actual, barWidth)}
      {right(money(c.projected), MONEY)}
      {right(money(c.actual), MONEY)}
      <Toned tone={tone}>{right(variance(c), VARIANCE)}</Toned>
    </Text>
  );
}

/** Each note in up to two lines, all in at most `rows`; a note cut short ends in an ellipsis. */
function noteLines(notes: readonly string[], width: number, rows: number): string[] {
  const out: string[] = [];
  for (const note of notes) {
    const room = Math.min(NOTE_LINES, rows - out.length);
    if (room <= 0) break;
    out.push(...wrapped(`note: ${note}`, width, room));
  }
  return out;
}

interface Props {
  report: Report;
  width: number;
  /** Rows the report may use; the unplanned list gets what the rest leaves. */
  rows: number;
}

// Each source note gets up to two lines; the unplanned list keeps at least this many rows for itself.
const NOTE_LINES = 2;
const UNPLANNED_KEPT = 2;

/** Projected vs actual per category, the month's daily spend, spend the plan does not have, and credits apart. */
export function ActualsReport({ report, width, rows }: Props) {
  const r = report.reconciliation;
  const plan = report.edited ? 'the edited plan (not saved)' : 'the saved plan';
  const barWidth = Math.max(8, width - LABEL - 2 * MONEY - VARIANCE);
  const requests = requestsText(report.result);
  const estimated = estimatedDaysText(r);
  const partial = r.period.elapsedDays < r.period.days;
  const head = [
    `actuals ${r.period.month}${partial ? ` (${r.period.elapsedDays} of ${r.period.days} days)` : ''} · ${r.scenario} · against ${plan}`,
    // What was paid comes first: a long source name is what the width cuts.
    requests ? `${requests} · ${report.result.source}` : `source: ${report.result.source}`,
  ];
  const extra = [r.forecast, estimated, r.unused.length, r.adjustments.length].filter(Boolean).length;
  // Title, source, legend, column heads, categories, total, flagged lines, daily, unplanned heading, verdict, status, free row.
  const fixed = head.length + 2 + r.categories.length + 1 + 1 + 1 + 1 + 1 + 1 + 1 + extra;
  // What the source says about its figures (synthetic, estimated, how far back it keeps them) comes before the list of extras.
  const notes = noteLines(report.result.notes, width, Math.max(0, rows - fixed - UNPLANNED_KEPT));
  const room = Math.max(1, rows - fixed - notes.length);
  const shown = r.unplanned.length > room ? r.unplanned.slice(0, room - 1) : r.unplanned;
  const rest = r.unplanned.slice(shown.length);
  return (
    <Box flexDirection="column">
      <Text bold>{fit(head[0]!, width)}</Text>
      <Text>{fit(head[1]!, width)}</Text>
      {notes.map((line, i) => (
        <Dim key={i}>{line}</Dim>
      ))}
      <Dim>{fit(`█ spent within plan · ▓ past it · ░ planned, unspent · ▲▼ past ±${percent(r.threshold, 0)}`, width)}</Dim>
      <Text bold>{`${left(costBasisText(r), LABEL + barWidth)}${right('projected', MONEY)}${right('actual', MONEY)}${right('variance', VARIANCE)}`}</Text>
      {r.categories.map((c) => (
        <Row key={c.category} label={CATEGORY_TITLE[c.category]} c={c} barWidth={barWidth} />
      ))}
      <Row label="TOTAL" c={r.total} barWidth={barWidth} bold />
      {r.forecast ? <Text>{fit(`forecast for the whole month: ${money(r.forecast.total)} (${r.forecast.basis === 'provider' ? "the provider's" : 'run rate'})`, width)}</Text> : null}
      <Text>{fit(flaggedLinesText(r, width), width)}</Text>
      <Text>{fit(dailyText(r), width)}</Text>
      {estimated ? <Text>{fit(estimated, width)}</Text> : null}
      <Text bold>{fit(r.unplanned.length ? `unplanned spend (no projected line): ${money(sum(r.unplanned.map((u) => u.cost)))}` : 'unplanned spend: none', width)}</Text>
      {shown.map((u, i) => (
        <Text key={i}>{`${left(`  ${u.category.padEnd(8)} ${u.provider} ${u.region} ${u.usageType || u.service}`, width - 14)}${right(money(u.cost), 14)}`}</Text>
      ))}
      {rest.length ? <Dim>{fit(`  … ${rest.length} more, ${money(sum(rest.map((u) => u.cost)))}`, width)}</Dim> : null}
      {r.unused.length ? <Text>{fit(`unused plan: ${r.unused.map((l) => `${l.line.name} ${money(l.projected)}`).join(', ')}`, width)}</Text> : null}
      {r.adjustments.length ? (
        <Text>{fit(`apart from usage: ${r.adjustments.map((a) => `${a.kind} ${money(a.cost)}`).join(', ')} · net ${r.costBasis} ${money(r.net)}`, width)}</Text>
      ) : null}
      <Toned tone={r.over ? 'dearer' : 'same'}>{fit(verdict(r).replace(' (exit 4)', ''), width)}</Toned>
    </Box>
  );
}
