import { Decimal } from '../model/decimal.js';
import { isLognormal, type Lognormal, type Triangular } from '../model/quantity.js';
import type { UncertainInput } from '../model/uncertain.js';
import { normalQuantile } from './normal-quantile.js';

/** z of the standard normal's 95th percentile: a lognormal's p95 is p50 × e^(1.6449σ). */
const Z95 = 1.6448536269514722;

/**
 * Sampled quantities are priced to 4 significant digits (±0.05%), far inside
 * the sampling error of any percentile. Short numbers matter: priced with all
 * of a float's digits, every tier share and pro-rata split carries 40-digit
 * Decimals and a sample costs twice as much.
 */
const SAMPLE_DIGITS = 4;

/**
 * Draws from one uncertain input by its inverse CDF: a uniform u in (0, 1) gives
 * the input's u-quantile. One uniform per draw, so two scenarios that feed the
 * same u to an input they share get the same quantile of it, whatever its range
 * in each. Floats only for the draw; the result is a Decimal.
 */
export function sampler(input: UncertainInput): (u: number) => Decimal {
  const quantile = isLognormal(input.dist) ? lognormal(input.dist) : triangular(input.dist);
  const max = input.max?.toNumber() ?? Infinity;
  return (u) => {
    const x = Math.min(Math.max(quantile(u), 0), max);
    return new Decimal(input.integer ? Math.round(x) : x.toPrecision(SAMPLE_DIGITS));
  };
}

/** The quantile function of the triangular distribution (low, mode = expected, high). */
function triangular(t: Triangular): (u: number) => number {
  const a = t.low.toNumber();
  const c = t.expected.toNumber();
  const b = t.high.toNumber();
  if (a === b) return () => a;
  const split = (c - a) / (b - a);
  return (u) => (u < split ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c)));
}

/** The quantile function of the lognormal through p50 and p95: ln X ~ N(ln p50, σ) with σ = ln(p95 / p50) / z95. */
function lognormal(l: Lognormal): (u: number) => number {
  const mu = Math.log(l.p50.toNumber());
  const sigma = Math.log(l.p95.toNumber() / l.p50.toNumber()) / Z95;
  return (u) => Math.exp(mu + sigma * normalQuantile(u));
}

/**
 * The two ends a sensitivity swing uses: a triangular range's low and high; a
 * lognormal's p05 and p95 (p05 = p50² / p95, exact by symmetry in log space).
 */
export function swingEnds(input: UncertainInput): { low: Decimal; high: Decimal } {
  const d = input.dist;
  if (!isLognormal(d)) return { low: d.low, high: d.high };
  const p05 = d.p50.pow(2).div(d.p95);
  return { low: input.integer ? p05.round() : p05, high: d.p95 };
}
