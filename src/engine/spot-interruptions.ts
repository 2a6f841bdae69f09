import type { Decimal } from '../model/decimal.js';

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
