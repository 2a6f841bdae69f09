import { Decimal } from '../model/decimal.js';

/** Cost of each plan at a value of the varied input. */
export type PlanCost = (x: Decimal) => Decimal;

export type BreakEven =
  /** Plan costs cross at these values (usually one); `cheaperBelow` is the plan cheaper just below the first. */
  | { kind: 'crossing'; at: Decimal[]; cheaperBelow: 0 | 1; costAt: Decimal[] }
  /** No crossing in [low, high]: `cheaper` costs less over the whole interval. */
  | { kind: 'never'; cheaper: 0 | 1 }
  /** The plans cost the same everywhere in [low, high]. */
  | { kind: 'always' };

/** Grid points scanned for sign changes; each interval is then solved exactly. */
const GRID = 64;
/** A crossing is located to within this fraction of [low, high] (the money difference is then below a cent in practice). */
const TOLERANCE = new Decimal('1e-12');
/** Costs closer than this are equal: interpolation lands on the root up to Decimal's 40 digits. */
const EQUAL_MONEY = new Decimal('1e-20');

/**
 * Where plan A and plan B cost the same, for x in [low, high]. Costs are
 * piecewise linear in any one quantity (tiers bend them at band edges), so
 * the difference is scanned on a grid for sign changes and each bracket is
 * solved by linear interpolation — exact once the bracket lies within one
 * linear piece — with bisection steps to guarantee progress. All in Decimal.
 */
export function breakEven(costA: PlanCost, costB: PlanCost, low: Decimal, high: Decimal): BreakEven {
  if (low.gt(high)) throw new RangeError('low must not be above high');
  const diff = (x: Decimal) => costB(x).minus(costA(x));
  const step = high.minus(low).div(GRID);
  const xs = high.eq(low) ? [low] : Array.from({ length: GRID + 1 }, (_, i) => (i === GRID ? high : low.plus(step.times(i))));
  const ds = xs.map(diff);

  if (ds.every((d) => d.isZero())) return { kind: 'always' };
  // A crossing is where the cheaper plan changes: between two grid points of
  // opposite sign (solved), or at the first of the equal points between them.
  // Touching without changing sides (e.g. both cost the same at 0 hours) is no crossing.
  const roots: Decimal[] = [];
  let previous = -1; // the last grid point where the costs differ
  for (let i = 0; i < xs.length; i++) {
    const d = ds[i]!;
    if (d.isZero()) continue;
    if (previous >= 0 && d.isNegative() !== ds[previous]!.isNegative()) {
      roots.push(
        previous === i - 1 ? solve(diff, xs[previous]!, ds[previous]!, xs[i]!, d, high.minus(low).times(TOLERANCE)) : xs[previous + 1]!,
      );
    }
    previous = i;
  }
  const firstNonZero = ds.find((d) => !d.isZero())!;
  // diff = B − A: positive means A is cheaper.
  const cheaperFirst: 0 | 1 = firstNonZero.isPositive() ? 0 : 1;
  if (roots.length === 0) return { kind: 'never', cheaper: cheaperFirst };
  return { kind: 'crossing', at: roots, cheaperBelow: cheaperFirst, costAt: roots.map((r) => costA(r)) };
}

function solve(f: PlanCost, a: Decimal, fa: Decimal, b: Decimal, fb: Decimal, width: Decimal): Decimal {
  for (let i = 0; i < 200 && b.minus(a).gt(width); i++) {
    // Interpolate, then bisect, in turn: interpolation is exact on a linear piece,
    // bisection shrinks the bracket when a band edge sits inside it.
    const x = i % 2 === 0 ? a.minus(fa.times(b.minus(a)).div(fb.minus(fa))) : a.plus(b).div(2);
    const fx = f(x);
    if (fx.abs().lt(EQUAL_MONEY)) return x;
    if (fx.isNegative() === fa.isNegative()) [a, fa] = [x, fx];
    else [b, fb] = [x, fx];
  }
  return a.minus(fa.times(b.minus(a)).div(fb.minus(fa)));
}
