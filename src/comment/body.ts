import type { BudgetVerdict } from '../engine/budget-check.js';
import { compare, type ComparedLine, type Comparison } from '../engine/compare.js';
import type { Uncertainty } from '../engine/uncertainty.js';
import type { Decimal } from '../model/decimal.js';
import type { Estimate } from '../model/estimate.js';
import { deltaText, signedMoney } from '../format/compare/shared.js';
import { formatComparisonMarkdown } from '../format/compare/markdown.js';
import { formatMarkdown } from '../format/markdown.js';
import { count, money, percent } from '../model/numbers.js';
import { uncertaintyMarkdown } from '../format/uncertainty.js';
import { MARKER } from './forge.js';

/** One scenario file: its base version (absent when new on this branch), the working tree's, and its budget verdict. */
export interface ScenarioChange {
  file: string;
  before?: { estimate: Estimate; uncertainty?: Uncertainty };
  after: { estimate: Estimate; uncertainty?: Uncertainty };
  verdict: BudgetVerdict;
}

export interface CommentOptions {
  base: string;
  /** Whether an over-budget scenario fails the job (exit 3), said in the comment so a reviewer knows. */
  failOverBudget: boolean;
}

const TOP_MOVES = 3;

/** GitHub refuses a comment over 65,536 characters; a margin under it (the other forges take at least as much, as far as their docs say). */
export const MAX_BODY = 60_000;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function p95(u: Uncertainty | undefined): Decimal | undefined {
  return u?.monteCarlo.spreads.total.percentiles.get(95);
}

function budgetCell(v: BudgetVerdict): string {
  if (!v.budget) return 'no budget';
  const icon = v.over ? '❌' : v.alert ? '⚠️' : '✅';
  const measure = v.measure === 'point' ? '' : ` (${v.measure})`;
  return `${icon} ${percent(v.used!)} of ${money(v.budget.monthly)}${measure}`;
}

/** The lines whose cost moved most between base and branch, biggest first. */
function topMoves(pair: Comparison): ComparedLine[] {
  return pair.lines
    .filter((l) => l.moved)
    .sort((a, b) => b.deltas[1]!.abs().comparedTo(a.deltas[1]!.abs()) || a.name.localeCompare(b.name))
    .slice(0, TOP_MOVES);
}

/** Each pricing table once, as "aws 2026-10-02", whichever scenario or side used it. */
function tablesDates(changes: readonly ScenarioChange[]): string {
  const estimates = changes.flatMap((c) => [c.after.estimate, ...(c.before ? [c.before.estimate] : [])]);
  const dates = new Set(estimates.flatMap((e) => e.pricing.map((p) => `${p.provider} ${p.as_of}${p.role === 'bundled' ? '' : ` (${p.role} ${p.file})`}`)));
  return [...dates].sort().join(' · ');
}

function fullTable(c: ScenarioChange, base: string): string {
  const after = c.after.estimate;
  if (!c.before) return formatMarkdown(after, c.after.uncertainty ? uncertaintyMarkdown(after, c.after.uncertainty) : []);
  const before = { ...c.before.estimate, scenario: `${c.before.estimate.scenario} @ ${base}` };
  const pair = [before, after];
  return formatComparisonMarkdown(compare(pair), pair, { uncertainties: [c.before.uncertainty, c.after.uncertainty], cheaper: [] });
}

/** The pull request comment: a short summary per scenario, the budget verdict, and the full tables folded. */
export function commentBody(changes: readonly ScenarioChange[], o: CommentOptions): string {
  const over = changes.filter((c) => c.verdict.over);
  const anyRanged = changes.some((c) => c.after.uncertainty || c.before?.uncertainty);
  const out: string[] = [MARKER, '### tollgate · monthly cost of this change', ''];
  out.push(`Against \`${o.base}\`. ${over.length ? `**${over.length} of ${changes.length} scenario${changes.length === 1 ? '' : 's'} over budget**${o.failOverBudget ? ' (fails the check)' : ''}.` : 'All within budget.'}`, '');
  out.push(`| Scenario | Before | After | Change | Budget use |${anyRanged ? ' p95 before → after |' : ''}`);
  out.push(`|---|---:|---:|---:|---|${anyRanged ? '---:|' : ''}`);
  const pairs = changes.map((c) => (c.before ? compare([c.before.estimate, c.after.estimate]) : undefined));
  changes.forEach((c, i) => {
    const after = c.after.estimate.totals.total;
    const before = c.before?.estimate.totals.total;
    const change = pairs[i] ? deltaText(pairs[i].total, 1) : 'new';
    const ranged = anyRanged ? ` ${[p95(c.before?.uncertainty), p95(c.after.uncertainty)].map((v) => (v ? money(v) : '—')).join(' → ')} |` : '';
    out.push(`| ${cell(c.after.estimate.scenario)} | ${before === undefined ? '—' : money(before)} | ${money(after)} | ${change} | ${budgetCell(c.verdict)} |${ranged}`);
  });
  const moves = changes.flatMap((c, i) => (pairs[i] ? [{ c, lines: topMoves(pairs[i]) }] : [])).filter((m) => m.lines.length > 0);
  if (moves.length) {
    out.push('', '**Lines that changed most**', '');
    for (const { c, lines } of moves) {
      const text = lines.map((l) => `\`${cell(l.name)}\` ${l.costs[0] === undefined ? `${signedMoney(l.deltas[1]!)} (new)` : l.costs[1] === undefined ? `${signedMoney(l.deltas[1]!)} (removed)` : deltaText(l, 1)}`);
      out.push(`- ${cell(c.after.estimate.scenario)}: ${text.join(', ')}`);
    }
  }
  if (pairs.every((p) => p && !p.lines.some((l) => l.moved) && p.total.deltas[1]!.isZero())) out.push('', 'No line of any scenario changes cost.');
  const tables = ['', '<details><summary>Full tables</summary>', '', ...changes.flatMap((c) => [`#### \`${cell(c.file)}\``, '', fullTable(c, o.base)]), '</details>'];
  const footer = ['', `<sub>Pricing tables: ${cell(tablesDates(changes))} · posted by tollgate</sub>`];
  const full = [...out, ...tables, ...footer].join('\n');
  if (full.length <= MAX_BODY) return `${full}\n`;
  // Too long for a forge to take: the summary stays, the folded tables go (`tollgate compare` prints them).
  return `${[...out, '', `_The full tables are left out: with them the comment would be ${count(full.length)} characters, past the ${count(MAX_BODY)} a forge takes. \`tollgate compare --format markdown\` prints them._`, ...footer].join('\n')}\n`;
}
