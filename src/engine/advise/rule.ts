import type { Decimal } from '../../model/decimal.js';
import type { Estimate } from '../../model/estimate.js';
import type { PricingBook } from '../../model/pricing-book.js';
import type { Scenario } from '../../model/scenario.js';
import type { PlanEdit } from './edits.js';

/** What a rule sees: the plan, its tables, its estimate, and the engine to price a changed plan. */
export interface RuleContext {
  scenario: Scenario;
  book: PricingBook;
  estimate: Estimate;
  hoursPerMonth: Decimal;
  /** The engine's total of a plan, or undefined when the tables cannot price it (then there is no finding). */
  total(s: Scenario): Decimal | undefined;
}

/**
 * One place in the plan where a rule's condition holds, and the change that
 * avoids the line. The engine prices the plan with `edits` made.
 */
export interface Proposal {
  /** The item the finding is about: `transfers.model-sync`. */
  subject: string;
  /** The priced alternative, in words. */
  alternative: string;
  edits: PlanEdit[];
  /** What else to know: a trade-off, what the figure leaves out. */
  notes?: string[];
  /** Notes that need the changed plan priced (a break-even): called only once the proposal is a finding. */
  explain?(ctx: RuleContext, after: Scenario): string[];
}

/** One rule: a small declarative entry — when it applies, what it proposes instead, how that is priced. */
export interface Rule {
  id: string;
  /** The condition, in words (the docs and the JSON list it). */
  when: string;
  /** The alternative, in words. */
  instead: string;
  /** How the alternative is priced, in words. */
  priced: string;
  /** Every place the condition holds, each with its change. */
  propose(ctx: RuleContext): Proposal[];
}
