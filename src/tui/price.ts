import { estimate } from '../engine/estimate.js';
import { PlanError, type Estimate } from '../model/estimate.js';
import type { Scenario } from '../model/scenario.js';
import type { PricingBook } from '../model/pricing-book.js';

export type Priced = { ok: true; estimate: Estimate } | { ok: false; problem: string };

/**
 * The one place the session calls the engine. An edit the tables cannot price
 * (spot where no spot price is listed, an instance not sold in a region) comes
 * back as the engine's own message and hint, so the reducer can refuse the edit
 * and say why instead of showing a broken plan.
 */
export function price(scenario: Scenario, book: PricingBook): Priced {
  try {
    return { ok: true, estimate: estimate(scenario, book) };
  } catch (e) {
    if (!(e instanceof PlanError)) throw e;
    const miss = e.misses[0]!;
    return { ok: false, problem: miss.suggestion ? `${miss.message} (${miss.suggestion})` : miss.message };
  }
}
