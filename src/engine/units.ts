import { Decimal } from '../model/decimal.js';
import type { VolumeUnit } from '../model/pricing.js';

/** 10^9 / 2^30: exact in decimal, so the conversion loses nothing. */
export const GIB_PER_GB = new Decimal('0.931322574615478515625');

/** Scenario volumes are written in GB (10^9 bytes); Google prices per GiB (2^30 bytes). */
export function fromGB(gb: Decimal, unit: VolumeUnit): Decimal {
  return unit === 'GB' ? gb : gb.times(GIB_PER_GB);
}

/** `fromGB` of a field as a product of terms (trace.ts): the field, times GiB per GB where the unit is GiB. */
export function gbProduct(field: string | Decimal, unit: VolumeUnit, ...more: (string | Decimal)[]): (string | Decimal)[] {
  return unit === 'GB' ? [field, ...more] : [field, ...more, GIB_PER_GB];
}

const Exact = Decimal.clone({ precision: 1000 });

/**
 * 1/d when that is an exact Decimal (d is 2^a·5^b times a power of ten), else undefined: then
 * x.div(d) and x.times(1/d) are the one correctly rounded x/d, so a rule that divides by d is a
 * product (trace.ts).
 */
export function exactInverse(d: Decimal): Decimal | undefined {
  const key = d.toString();
  if (inverses.has(key)) return inverses.get(key);
  const inverse = d.isFinite() && !d.isZero() ? new Decimal(1).div(d) : undefined;
  const exact = inverse && new Exact(inverse).times(new Exact(d)).eq(1) ? inverse : undefined;
  inverses.set(key, exact);
  return exact;
}

/** A table has a handful of divisors (GB per LCU-hour, requests per fee): each is checked once. */
const inverses = new Map<string, Decimal | undefined>();
