import type { Decimal } from '../model/decimal.js';
import { significant } from './distributions.js';
import { normalQuantile } from './normal-quantile.js';

/** What a spot group says about interruptions (all three numbers given; see scenario.ts). */
export interface InterruptionModel {
  /** Interruptions per node-hour. */
  perNodeHour: Decimal;
  checkpointEveryHours: Decimal;
  restartHours: Decimal;
  /** One interruption stops every node of the group (a multi-node training job). */
  gang: boolean;
}

export interface BilledHours {
  /** Billed hours per node. */
  billed: Decimal;
  /** Interruptions per hour the job sees: the node rate, × nodes for a gang. */
  jobRate: Decimal;
  /** Hours lost per interruption: restart + half a checkpoint interval. */
  lostPerInterruption: Decimal;
  /** The formula with the group's numbers, for the assumptions line. */
  formula: string;
}

/**
 * First-order expected billed hours per node for `useful` hours of work:
 *   billed = useful × (1 + λ × (restart + checkpoint / 2)),  λ = rate (× nodes for a gang).
 * Each interruption loses the restart time plus, on average, half the work
 * since the last checkpoint; interruptions are counted over the useful hours
 * (the exact renewal formula would also count those during re-done work, which
 * is a second-order term at the rates spot sees).
 */
export function billedHours(useful: Decimal, nodes: Decimal, m: InterruptionModel): BilledHours {
  const jobRate = m.gang ? m.perNodeHour.times(nodes) : m.perNodeHour;
  const lostPerInterruption = m.restartHours.plus(m.checkpointEveryHours.div(2));
  const billed = billedOnly(useful, nodes, m);
  const rateText = m.gang ? `${m.perNodeHour}/node-h × ${nodes} nodes (gang) = ${jobRate}/h` : `${jobRate}/h per node`;
  const formula =
    `billed = useful × (1 + λ × (restart + checkpoint/2)) = ${useful} × (1 + ${jobRate} × (${m.restartHours} + ${m.checkpointEveryHours}/2)) = ${billed} h per node` +
    ` (λ = ${rateText}; first-order, interruptions counted over useful hours)`;
  return { billed, jobRate, lostPerInterruption, formula };
}

/** The billed hours alone, without the formula's text: what every Monte Carlo sample re-prices. */
export function billedOnly(useful: Decimal, nodes: Decimal, m: InterruptionModel): Decimal {
  const jobRate = m.gang ? m.perNodeHour.times(nodes) : m.perNodeHour;
  return useful.times(jobRate.times(m.restartHours.plus(m.checkpointEveryHours.div(2))).plus(1));
}

/** z of the 95th percentile of the standard normal. */
const Z95 = 1.6448536269514722;

/**
 * The 95th percentile of billed hours per node: a bad week, not the mean. The
 * lost time is compound Poisson (N ~ Poisson(λ × useful) interruptions, each
 * losing restart + U × checkpoint, U uniform on [0, 1)), with mean λu(r + c/2)
 * and variance λu·E[(r + cU)²] = λu(r² + rc + c²/3); its 95th percentile is
 * taken by the normal approximation (good from a few interruptions expected up).
 */
export function p95BilledHours(useful: Decimal, nodes: Decimal, m: InterruptionModel): Decimal {
  const { billed, jobRate } = billedHours(useful, nodes, m);
  const r = m.restartHours;
  const c = m.checkpointEveryHours;
  const variance = jobRate.times(useful).times(r.times(r).plus(r.times(c)).plus(c.times(c).div(3)));
  return billed.plus(variance.sqrt().times(Z95));
}

/** Above this many interruptions expected, the month's lost time is taken as normal (its Poisson terms underflow a float). */
const POISSON_LIMIT = 500;
/** Points of each lost-time quantile table. */
const GRID = 1024;

/**
 * One month's billed hours per node, for one draw of luck u in (0, 1): what
 * Monte Carlo samples, so its p95 is a bad month of interruptions, not a bad
 * rate alone. The group sees N ~ Poisson(μ) interruptions, μ = rate × nodes ×
 * useful (a gang's own rate, or all its nodes' together); each loses the
 * restart and the work since the last checkpoint, U × checkpoint with U
 * uniform. The lost time's u-quantile is read from its quantile table
 * (`lostQuantiles`), so more luck is never a better month; a gang loses it on
 * every node, nodes on their own share it. Its mean is `billedOnly`'s; the
 * hours are priced to 4 significant digits, as every sampled quantity is
 * (distributions.ts), and the money from them in Decimal.
 */
export function sampledBilledHours(useful: Decimal, nodes: Decimal, m: InterruptionModel, u: number): Decimal {
  const mu = m.perNodeHour.times(nodes).times(useful).toNumber();
  return significant(sampledHours(mu, m.restartHours.toNumber(), m.checkpointEveryHours.toNumber(), useful.toNumber(), nodes.toNumber(), m.gang, u));
}

/**
 * `sampledBilledHours` before its rounding to 4 digits, all in floats: μ, restart,
 * checkpoint, useful hours and nodes as the nearest doubles of their exact values.
 * Monte Carlo's integer path (scaled-plan.ts) calls it with the same doubles.
 */
export function sampledHours(mu: number, r: number, c: number, useful: number, nodes: number, gang: boolean, u: number): number {
  const at = Math.min(GRID - 1, Math.max(0, Math.floor(u * GRID)));
  // Tables at μ of 2 significant digits, interpolated between: a ranged rate needs few of them.
  const step = mu > 0 ? 10 ** (Math.floor(Math.log10(mu)) - 1) : 1;
  const below = Math.floor(mu / step) * step;
  const low = lostQuantiles(Number(below.toPrecision(2)), r, c)[at]!;
  const lost = below === mu ? low : low + ((mu - below) / step) * (lostQuantiles(Number((below + step).toPrecision(2)), r, c)[at]! - low);
  const perNode = gang || nodes === 0 ? lost : lost / nodes;
  return useful + perNode;
}

const tables = new Map<string, Float64Array>();

/**
 * The lost time's quantiles at (i + ½) / GRID, a pure function of μ,
 * restart and checkpoint, memoized. Built by sorting the
 * lost time at a uniform grid of u, each u giving N by Poisson's inverse CDF
 * and, from where u falls within N's own probability (a second uniform,
 * independent of N), the N lost work fractions' sum: exactly for N ≤ 2, by the
 * normal approximation (mean N/2, variance N/12) above. Past POISSON_LIMIT the
 * lost time itself is normal, mean μ(r + c/2), variance μ(r² + rc + c²/3).
 */
function lostQuantiles(mu: number, r: number, c: number): Float64Array {
  // A sample asks for the two tables around its μ, most often those the last sample asked for: no key text for them.
  for (const hit of recent) if (hit.mu === mu && hit.r === r && hit.c === c) return hit.table;
  const table = lostTable(mu, r, c);
  recent[next] = { mu, r, c, table };
  next = 1 - next;
  return table;
}

const recent: { mu: number; r: number; c: number; table: Float64Array }[] = [];
let next = 0;

function lostTable(mu: number, r: number, c: number): Float64Array {
  const key = `${mu}|${r}|${c}`;
  const known = tables.get(key);
  if (known) return known;
  const out = new Float64Array(GRID);
  for (let i = 0; i < GRID; i++) {
    const u = (i + 0.5) / GRID;
    if (mu > POISSON_LIMIT) {
      out[i] = Math.max(0, mu * (r + c / 2) + Math.sqrt(mu * (r * r + r * c + (c * c) / 3)) * normalQuantile(u));
      continue;
    }
    let k = 0;
    let p = Math.exp(-mu);
    let below = 0;
    while (u > below + p && p > 0) {
      below += p;
      k++;
      p *= mu / k;
    }
    const v = p > 0 ? Math.min(Math.max((u - below) / p, Number.EPSILON), 1 - Number.EPSILON) : 0.5;
    out[i] = k * r + c * uniformSum(k, v);
  }
  out.sort();
  // A pure function memoized: forgetting old tables changes no result.
  if (tables.size > 4096) tables.clear();
  tables.set(key, out);
  return out;
}

/** The v-quantile of the sum of k independent uniforms on [0, 1) (Irwin–Hall): exact for k ≤ 2, normal above. */
function uniformSum(k: number, v: number): number {
  if (k === 0) return 0;
  if (k === 1) return v;
  if (k === 2) return v < 0.5 ? Math.sqrt(2 * v) : 2 - Math.sqrt(2 * (1 - v));
  return Math.min(Math.max(k / 2 + Math.sqrt(k / 12) * normalQuantile(v), 0), k);
}
