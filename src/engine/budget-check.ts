import type { Decimal } from '../model/decimal.js';
import type { Estimate } from '../model/estimate.js';
import type { PricingSource } from '../model/pricing-book.js';
import type { Uncertainty } from './uncertainty.js';

/** One scenario held against its budget. */
export interface BudgetVerdict {
  scenario: string;
  /** The tables the projection was priced against. */
  pricing: PricingSource[];
  /** What was held against the budget: the point total, or a sampled percentile of the total for ranged scenarios. */
  measure: 'point' | `p${number}`;
  value: Decimal;
  budget?: { monthly: Decimal; alert_at?: Decimal };
  /** value / budget */
  used?: Decimal;
  over: boolean;
  /** At or past `alert_at` of the budget (a warning, not a failure). */
  alert: boolean;
  /** For ranged scenarios: the share of samples over the budget. */
  pOver?: Decimal;
}

/**
 * Over budget when the projection exceeds it: the point total, or — when the
 * scenario has ranges — the chosen percentile of the sampled total (p95 by
 * default: "19 months in 20 this plan fits").
 */
export function budgetVerdict(e: Estimate, u: Uncertainty | undefined, percentile: number): BudgetVerdict {
  const sampled = u?.monteCarlo.spreads.total.percentiles.get(percentile);
  const value = sampled ?? e.totals.total;
  const base = { scenario: e.scenario, pricing: e.pricing, measure: sampled ? (`p${percentile}` as const) : ('point' as const), value };
  if (!e.budget) return { ...base, over: false, alert: false };
  const used = value.div(e.budget.monthly);
  return {
    ...base,
    budget: e.budget,
    used,
    over: value.gt(e.budget.monthly),
    alert: e.budget.alert_at !== undefined && used.gte(e.budget.alert_at),
    ...(u?.monteCarlo.overBudget !== undefined ? { pOver: u.monteCarlo.overBudget } : {}),
  };
}
