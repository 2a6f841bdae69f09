import { clockNow } from '../clock.js';
import { DEFAULT_THRESHOLD, parseThreshold, periodAt } from '../actuals/period.js';
import { COST_BASES, type CostBasis } from '../actuals/reconcile.js';
import { DEFAULT_MAX_SCAN, parseScanSize } from '../actuals/sources/bigquery-scan.js';
import { BILLING_SOURCES, billingSource, checkCostBasis } from '../actuals/sources/index.js';
import type { Decimal } from '../model/decimal.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../remote/discipline.js';
import { timeoutOption } from './timeout-option.js';
import { UsageError, stringOption, type ParsedArgs } from './verb.js';

/** The parseArgs options of a month's check, taken alike by `actuals` and by `open` (for its actuals view). */
export const ACTUALS_OPTIONS = {
  month: { type: 'string' },
  source: { type: 'string' },
  threshold: { type: 'string' },
  cost: { type: 'string' },
  refresh: { type: 'boolean' },
  'max-scan': { type: 'string' },
  timeout: { type: 'string' },
} as const;

export interface ActualsArgs {
  source?: string;
  month?: string;
  threshold: Decimal;
  costBasis: CostBasis;
  refresh: boolean;
  /** The most a BigQuery query may scan, in bytes (gcp only). */
  maxScan: Decimal;
  /** How long the whole fetch may take (Cost Explorer, BigQuery), in milliseconds. */
  timeoutMs: number;
}

/**
 * What the options say, checked before any bill is read or screen opened: a
 * malformed or future month, a threshold that is not a percentage, an unknown
 * basis, an unreadable scan cap or one given for another source, or gcp with the effective basis are usage errors (exit 2).
 */
export function actualsOptions(args: ParsedArgs, source = stringOption(args, 'source')): ActualsArgs {
  const month = stringOption(args, 'month');
  const costBasis = (stringOption(args, 'cost') ?? 'billed') as CostBasis;
  if (!COST_BASES.includes(costBasis)) throw new UsageError(`--cost takes billed or effective, not ${JSON.stringify(costBasis)}`);
  const from = source === undefined ? undefined : billingSource(source);
  if (from) checkCostBasis(from, costBasis);
  // Accepting it and doing nothing would let a user believe some other source's spend is capped.
  if (from && !from.supports.scanLimit && stringOption(args, 'max-scan') !== undefined) {
    const capped = BILLING_SOURCES.find((s) => s.supports.scanLimit)!;
    throw new UsageError(`--max-scan caps ${capped.supports.scanLimit!.caps} of --source ${capped.name}; --source ${source} reads no ${capped.supports.scanLimit!.reads}`);
  }
  const text = stringOption(args, 'threshold');
  const threshold = text === undefined ? DEFAULT_THRESHOLD : parseThreshold(text);
  const maxScan = parseScanSize(stringOption(args, 'max-scan') ?? DEFAULT_MAX_SCAN);
  if (month !== undefined) periodAt(month, clockNow());
  return { ...(source !== undefined ? { source } : {}), ...(month !== undefined ? { month } : {}), threshold, costBasis, refresh: args.values.refresh === true, maxScan, timeoutMs: timeoutOption(args, DEFAULT_TIMEOUT_SECONDS.actuals) };
}
