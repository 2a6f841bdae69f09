import { Decimal } from '../../model/decimal.js';
import { PlanError, type Estimate, type LineItem } from '../../model/estimate.js';
import type { PricingBook } from '../../model/pricing-book.js';
import { DEFAULT_HOURS_PER_MONTH, type Scenario } from '../../model/scenario.js';
import { estimate, estimateTotals } from '../estimate.js';
import { applyPlanEdits, type PlanEdit } from './edits.js';
import type { Rule, RuleContext } from './rule.js';
import { RULES } from './rules/index.js';

/** A line the change makes cheaper, removes, adds or makes dearer: its cost before and after. */
export interface LineChange {
  kind: LineItem['kind'];
  name: string;
  description: string;
  before: Decimal;
  after: Decimal;
}

/** One avoidable cost: where, what instead, and what the month saves. */
export interface Finding {
  rule: string;
  subject: string;
  alternative: string;
  /** The change to make in the file. */
  edits: PlanEdit[];
  /** Every saving is estimate(before) − estimate(after) of the plan with the edits (kept in the JSON as priced_by). */
  pricedBy: 'engine';
  before: Decimal;
  after: Decimal;
  saving: Decimal;
  lines: LineChange[];
  notes: string[];
}

export interface Advice {
  scenario: string;
  estimate: Estimate;
  /** Cheapest first: the largest saving leads. */
  findings: Finding[];
  rules: readonly Rule[];
  /** How many inputs the file writes as ranges: all are priced at their point values, as estimate prices them. */
  ranged?: number;
}

const key = (l: { kind: string; name: string }) => `${l.kind}\u0000${l.name}`;

/**
 * Lines whose cost changed, matched by kind and name: those that fell (a
 * removed line falls to 0) first, in the plan's order, then those that rose
 * (a new line rises from 0), so a finding shows what it adds as well as what it saves.
 */
function changedLines(before: readonly LineItem[], after: readonly LineItem[]): LineChange[] {
  const sum = (lines: readonly LineItem[]) => {
    const out = new Map<string, { line: LineItem; cost: Decimal }>();
    for (const l of lines) {
      const seen = out.get(key(l));
      out.set(key(l), { line: seen?.line ?? l, cost: (seen?.cost ?? new Decimal(0)).plus(l.cost) });
    }
    return out;
  };
  const was = sum(before);
  const now = sum(after);
  const change = (k: string): LineChange => {
    const line = (was.get(k) ?? now.get(k))!.line;
    return { kind: line.kind, name: line.name, description: line.description, before: was.get(k)?.cost ?? new Decimal(0), after: now.get(k)?.cost ?? new Decimal(0) };
  };
  const all = [...was.keys(), ...[...now.keys()].filter((k) => !was.has(k))].map(change);
  return [...all.filter((c) => c.after.lt(c.before)), ...all.filter((c) => c.after.gt(c.before))];
}

/**
 * Run every rule on a plan. Each proposal the engine can price is a finding
 * when it saves money: its saving is exactly estimate(before) − estimate(after)
 * of the whole plan, so a change that makes another line dearer counts that too.
 */
export function advise(scenario: Scenario, book: PricingBook, rules: readonly Rule[] = RULES): Advice {
  const before = estimate(scenario, book);
  const ctx: RuleContext = {
    scenario,
    book,
    estimate: before,
    hoursPerMonth: scenario.hours_per_month ?? new Decimal(DEFAULT_HOURS_PER_MONTH),
    total(s) {
      try {
        return estimateTotals(s, book).total;
      } catch (e) {
        if (e instanceof PlanError) return undefined;
        throw e;
      }
    },
  };
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const p of rule.propose(ctx)) {
      const base = { rule: rule.id, subject: p.subject, alternative: p.alternative, edits: p.edits, before: before.totals.total };
      const plan = applyPlanEdits(scenario, p.edits);
      let after: Estimate;
      try {
        after = estimate(plan, book);
      } catch (e) {
        if (e instanceof PlanError) continue; // the tables cannot price the alternative: no finding rather than a guess
        throw e;
      }
      const saving = before.totals.total.minus(after.totals.total);
      if (!saving.gt(0)) continue;
      findings.push({
        ...base,
        pricedBy: 'engine',
        after: after.totals.total,
        saving,
        lines: changedLines(before.lines, after.lines),
        notes: [...(p.notes ?? []), ...(p.explain?.(ctx, plan) ?? [])],
      });
    }
  }
  findings.sort((a, b) => b.saving.comparedTo(a.saving));
  return { scenario: scenario.name, estimate: before, findings, rules };
}
