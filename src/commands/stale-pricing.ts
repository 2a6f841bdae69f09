import { clockNow } from '../clock.js';
import { stringOption, UsageError, type Io, type ParsedArgs } from '../cli/verb.js';
import type { Estimate } from '../model/estimate.js';
import { DEFAULT_MAX_AGE_DAYS, stalePriceWarnings, staleWarnings } from '../pricing/staleness.js';

function maxAgeDays(args: ParsedArgs): number {
  // TOLLGATE_PRICING_MAX_AGE_DAYS and the config files arrive as --max-age (src/config/).
  const text = stringOption(args, 'max-age');
  if (text === undefined) return DEFAULT_MAX_AGE_DAYS;
  if (!/^\d+$/.test(text)) throw new UsageError(`--max-age takes a whole number of days, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** Stale tables and stale prices are reported on stderr, so JSON on stdout stays machine-readable. */
export function warnIfStale(estimates: readonly Estimate[], args: ParsedArgs, io: Io): void {
  const limit = maxAgeDays(args);
  const now = clockNow();
  const warnings = new Set(estimates.flatMap((e) => [...staleWarnings(e.pricing, now, limit), ...stalePriceWarnings(e.lines, now, limit)]));
  for (const w of warnings) io.stderr.write(`${w}\n`);
}
