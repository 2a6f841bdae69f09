import { notePointValues } from '../projection.js';
import { compilePlan, type CompiledPlan } from '../engine/compiled-plan.js';
import { estimate } from '../engine/estimate.js';
import { priceNodeGroup } from '../engine/price-nodes.js';
import { Decimal } from '../model/decimal.js';
import { PlanError, type Estimate } from '../model/estimate.js';
import { DEFAULT_HOURS_PER_MONTH, type Scenario } from '../model/scenario.js';
import { pathKey } from '../model/yaml-source.js';
import type { PricingBook } from '../model/pricing-book.js';
import type { FieldChange } from './edits.js';

export type Priced = { ok: true; estimate: Estimate } | { ok: false; problem: string };

/**
 * The one place the session calls the engine. An edit the tables cannot price
 * (spot where no spot price is listed, an instance not sold in a region) comes
 * back as the engine's own message and hint, so the reducer can refuse the edit
 * and say why instead of showing a broken plan. `ranged` quantities keep the
 * note `estimate` and `open` give them.
 */
export function price(scenario: Scenario, book: PricingBook, ranged = 0): Priced {
  try {
    return { ok: true, estimate: notePointValues(estimate(scenario, book), ranged) };
  } catch (e) {
    if (!(e instanceof PlanError)) throw e;
    const miss = e.misses[0]!;
    return { ok: false, problem: miss.suggestion ? `${miss.message} (${miss.suggestion})` : miss.message };
  }
}

/** A compiled plan for the quantity edited last, reused while the edits stay on it (the +/- key held down). */
export interface EditPlan {
  key: string;
  plan: CompiledPlan;
}

/**
 * Price a plan after `changes` to the one before it. A node group's count or
 * hours (the +/- key, typed numbers) changes one line and no rate, tier or
 * assumption: that line is priced again and the totals come from the compiled
 * plan for the quantity, the same figures as pricing it all again
 * (test/tui/reprice.test.ts). Anything else is priced in full.
 */
export function reprice(
  before: { scenario: Scenario; estimate: Estimate },
  scenario: Scenario,
  changes: readonly FieldChange[],
  book: PricingBook,
  ranged: number,
  last?: EditPlan,
): { priced: Priced; plan?: EditPlan } {
  const change = changes.length === 1 ? changes[0]! : undefined;
  const [section, index, field] = (change?.path ?? []) as [string, number, string];
  const quantity =
    section === 'nodes' && (field === 'count' || (field === 'hours' && change!.before !== undefined && change!.after !== undefined));
  if (!quantity) return { priced: price(scenario, book, ranged) };

  const key = pathKey(change!.path);
  const plan = last?.key === key ? last : { key, plan: compilePlan(before.scenario, book, [[section, index, field]]) };
  const group = scenario.nodes![index]!;
  const hoursPerMonth = scenario.hours_per_month ?? new Decimal(DEFAULT_HOURS_PER_MONTH);
  const line = priceNodeGroup(group, index, book, hoursPerMonth, () => {});
  const lines = before.estimate.lines.slice();
  const at = lines.findIndex((l) => l.kind === 'node' && l.ref[1] === index);
  lines[at] = line;
  const totals = plan.plan.totals([change!.after as Decimal]);
  return { priced: { ok: true, estimate: { ...before.estimate, lines, totals } }, plan };
}
