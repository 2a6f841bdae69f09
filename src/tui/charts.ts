import { Decimal } from '../model/decimal.js';

// Bars and sparklines are pictures of ratios: rounding them to whole cells is rendering, not money arithmetic.
const cells = (part: Decimal, whole: Decimal, width: number) => (whole.isZero() ? 0 : part.div(whole).times(width).toDecimalPlaces(0).toNumber());

/**
 * Projected against actual in one bar, scaled to the larger of the two: █ spent
 * within the plan, ▓ spent past it, ░ planned but not spent. The glyphs carry
 * the meaning, so it reads the same without colour.
 */
export function planBar(projected: Decimal, actual: Decimal, width: number): string {
  const scale = Decimal.max(projected, actual);
  const spent = cells(actual, scale, width);
  const planned = cells(projected, scale, width);
  const within = Math.min(spent, planned);
  return '█'.repeat(within) + (spent > planned ? '▓'.repeat(spent - planned) : '░'.repeat(planned - spent)) + ' '.repeat(width - Math.max(spent, planned));
}

const LEVELS = '▁▂▃▄▅▆▇█';

/** One cell per value, lowest value ▁ to highest █; a flat series sits in the middle. */
export function sparkline(values: readonly Decimal[]): string {
  if (values.length === 0) return '';
  const low = Decimal.min(...values);
  const span = Decimal.max(...values).minus(low);
  return values.map((v) => (span.isZero() ? LEVELS[3] : LEVELS[cells(v.minus(low), span, LEVELS.length - 1)])).join('');
}
