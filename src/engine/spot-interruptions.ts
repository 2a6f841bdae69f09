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
  const billed = useful.times(jobRate.times(lostPerInterruption).plus(1));
  const rateText = m.gang ? `${m.perNodeHour}/node-h × ${nodes} nodes (gang) = ${jobRate}/h` : `${jobRate}/h per node`;
  const formula =
    `billed = useful × (1 + λ × (restart + checkpoint/2)) = ${useful} × (1 + ${jobRate} × (${m.restartHours} + ${m.checkpointEveryHours}/2)) = ${billed} h per node` +
    ` (λ = ${rateText}; first-order, interruptions counted over useful hours)`;
  return { billed, jobRate, lostPerInterruption, formula };
}
