import { Decimal } from '../../../model/decimal.js';
import { amount } from '../../../model/numbers.js';
import type { Scenario } from '../../../model/scenario.js';
import { breakEven } from '../../breakeven.js';
import type { RuleContext } from '../rule.js';

class Unpriced extends Error {}

/**
 * Where two plans cost the same as one quantity varies over [0, high] (by
 * default 4 × now), in words (a finding's break-even note); undefined when a plan cannot be priced
 * or the plans cost the same everywhere. Both plans are priced by the engine.
 */
export function crossing(
  ctx: RuleContext,
  a: (x: Decimal) => Scenario,
  b: (x: Decimal) => Scenario,
  now: Decimal,
  say: (at: Decimal) => string,
  never: string,
  unit: string,
  high: Decimal = Decimal.max(now.times(4), 1),
): string | undefined {
  const cost = (f: (x: Decimal) => Scenario) => (x: Decimal) => {
    const total = ctx.total(f(x));
    if (total === undefined) throw new Unpriced();
    return total;
  };
  let result;
  try {
    result = breakEven(cost(a), cost(b), new Decimal(0), high);
  } catch (e) {
    if (e instanceof Unpriced) return undefined;
    throw e;
  }
  if (result.kind === 'crossing') return say(result.at[0]!);
  if (result.kind === 'never') return `${never} anywhere up to ${amount(high)} ${unit}`;
  return undefined;
}
