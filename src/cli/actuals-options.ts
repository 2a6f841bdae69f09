import { clockNow } from '../clock.js';
import { DEFAULT_THRESHOLD, parseThreshold, periodAt } from '../actuals/period.js';
import { COST_BASES, type CostBasis } from '../actuals/reconcile.js';
import { DEFAULT_MAX_SCAN, parseScanSize } from '../actuals/sources/bigquery-scan.js';
import { BILLING_SOURCES, billingSource, checkCostBasis } from '../actuals/sources/index.js';
import type { Decimal } from '../model/decimal.js';
import { normalizeProvider } from '../providers/index.js';
import { PERIOD_BASES, type PeriodBasis } from '../actuals/sources/dialects.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../remote/discipline.js';
import { timeoutOption } from './timeout-option.js';
import { UsageError, stringOption, type ParsedArgs } from './verb.js';

export interface ActualsArgs {
  source?: string;
  month?: string;
  threshold: Decimal;
  costBasis: CostBasis;
  refresh: boolean;
  /** The most a BigQuery query may scan, in bytes (gcp only). */
  maxScan: Decimal;
  /** charge (default) or billing: which rows a billing file's month is (files only). */
  period: PeriodBasis;
  /** The providers to compare, in tollgate's names; absent: the plan's. */
  providers?: string[];
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
  const period = (stringOption(args, 'period') ?? 'charge') as PeriodBasis;
  if (!PERIOD_BASES.includes(period)) throw new UsageError(`--period takes charge or billing, not ${JSON.stringify(period)}`);
  // Cost Explorer and the BigQuery query have one way to read a month each; only a billing file has both columns.
  if (period === 'billing' && from && !from.supports.billingPeriod) {
    throw new UsageError(`--period billing selects a billing file's rows by its billing period column; --source ${source} has no such choice`);
  }
  const providerText = stringOption(args, 'provider');
  const providers = providerText?.split(',').map((p) => normalizeProvider(p)).filter(Boolean);
  if (providerText !== undefined && !providers?.length) throw new UsageError('--provider takes provider names, e.g. --provider aws or --provider aws,azure');
  const text = stringOption(args, 'threshold');
  const threshold = text === undefined ? DEFAULT_THRESHOLD : parseThreshold(text);
  const maxScan = parseScanSize(stringOption(args, 'max-scan') ?? DEFAULT_MAX_SCAN);
  if (month !== undefined) periodAt(month, clockNow());
  return { ...(source !== undefined ? { source } : {}), ...(month !== undefined ? { month } : {}), threshold, costBasis, refresh: args.values.refresh === true, maxScan, timeoutMs: timeoutOption(args, DEFAULT_TIMEOUT_SECONDS.actuals), period, ...(providers ? { providers } : {}) };
}
