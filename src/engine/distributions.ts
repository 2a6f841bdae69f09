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
  const draw = drawParts(input);
  const n = new Float64Array(1);
  const e = new Int32Array(1);
  return (u) => {
    draw(u, n, e, 0);
    return decimalOfParts(n[0]!, e[0]!);
  };
}

/**
 * The same draw as `sampler`, as n × 10^e with n a whole number, written at
 * position j of `n` and `e`: what the exact-integer pricing (scaled-plan.ts)
 * takes, with no Decimal built.
 */
export function drawParts(input: UncertainInput): (u: number, n: Float64Array, e: Int32Array, j: number) => void {
  // An interruption luck is the uniform itself (its billed hours are the engine's to work out).
  const quantile = input.interruptions ? (u: number) => u : isLognormal(input.dist) ? lognormal(input.dist) : triangular(input.dist);
  const max = input.max?.toNumber() ?? Infinity;
  return (u, n, e, j) => {
    const x = Math.min(Math.max(quantile(u), 0), max);
    if (input.integer) {
      n[j] = Math.round(x);
      e[j] = 0;
    } else significantParts(x, n, e, j);
  };
}

/** 10^k for k from −40 to 40, so a draw's Decimal is built by one multiplication. */
const POWERS = Array.from({ length: 81 }, (_, k) => new Decimal(10).pow(k - 40));

function decimalOfParts(n: number, e: number): Decimal {
  const power = POWERS[e + 40];
  return power ? new Decimal(n).times(power) : new Decimal(`${n}e${e}`);
}

/**
 * `x.toPrecision(SAMPLE_DIGITS)` as n × 10^e without building the string (one
 * per input per sample): n the leading digits rounded to nearest. Where float
 * scaling might round otherwise (a near tie, an edge of the digit count), the
 * string way decides.
 */
export function significantParts(x: number, n: Float64Array, e: Int32Array, j: number): void {
  if (x > 0 && Number.isFinite(x)) {
    const k = Math.floor(Math.log10(x)) - (SAMPLE_DIGITS - 1);
    const scaled = k >= 0 ? x / 10 ** k : x * 10 ** -k;
    const m = Math.round(scaled);
    const tie = Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6;
    if (!tie && POWERS[k + 40] && m >= 10 ** (SAMPLE_DIGITS - 1) && m < 10 ** SAMPLE_DIGITS) {
      n[j] = m;
      e[j] = k;
      return;
    }
  }
  const d = new Decimal(x.toPrecision(SAMPLE_DIGITS));
  if (d.isZero() || !d.isFinite()) {
    n[j] = d.toNumber();
    e[j] = 0;
    return;
  }
  // d has at most SAMPLE_DIGITS significant digits: its leading digit is at 10^d.e.
  const k = d.e - (SAMPLE_DIGITS - 1);
  n[j] = d.times(new Decimal(10).pow(-k)).toNumber();
  e[j] = k;
}

/** `new Decimal(x.toPrecision(SAMPLE_DIGITS))`, by way of `significantParts`. */
export function significant(x: number): Decimal {
  const n = new Float64Array(1);
  const e = new Int32Array(1);
  significantParts(x, n, e, 0);
  return decimalOfParts(n[0]!, e[0]!);
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
