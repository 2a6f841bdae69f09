import { Decimal } from '../model/decimal.js';
import type { Estimate } from '../model/estimate.js';
import type { Uncertainty } from './uncertainty.js';

/** A scenario's total in sample k: its k-th sample, or its point total when nothing in it is ranged. */
function monthly(e: Estimate, u: Uncertainty | undefined): { samples?: number; at: (k: number) => Decimal } {
  if (!u) return { at: () => e.totals.total };
  const totals = u.monteCarlo.totals;
  return { samples: totals.length, at: (k) => totals[k]! };
}

/**
 * The chance each scenario ends up cheaper than the first (the baseline): the
 * share of paired samples (sample k of each, drawn with one seed, so an input
 * both share by label has the same draw) in which its total is strictly below
 * the baseline's. Undefined for the baseline itself and where neither side has
 * ranges (the point totals already say which is cheaper). All scenarios must
 * have been sampled with the same seed and sample count.
 */
export function chanceCheaper(estimates: readonly Estimate[], uncertainties: readonly (Uncertainty | undefined)[]): (Decimal | undefined)[] {
  const base = monthly(estimates[0]!, uncertainties[0]);
  return estimates.map((e, i) => {
    const alt = monthly(e, uncertainties[i]);
    const n = base.samples ?? alt.samples;
    if (i === 0 || n === undefined) return undefined;
    if (alt.samples !== undefined && alt.samples !== n) throw new RangeError('paired samples need the same sample count');
    let cheaper = 0;
    for (let k = 0; k < n; k++) if (alt.at(k).lt(base.at(k))) cheaper++;
    return new Decimal(cheaper).div(n);
  });
}
