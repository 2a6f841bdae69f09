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
