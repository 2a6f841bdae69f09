/**
 * A billed unit in the spelling plan lines use, so "6.28 Hrs" and a line's "hour" read as the
 * same unit: AWS writes Hrs / Hours, Azure "1 Hour" and "1 GB/Month", Google "hour" and
 * "gibibyte month". A unit not listed stays as written, lower-cased.
 */
export function billedUnit(unit: string): string {
  const u = unit.trim().toLowerCase().replace(/^1\s+/, '');
  if (/^(hrs?|hours?|h)$/.test(u)) return 'hour';
  if (/^(gb|gigabytes?)$/.test(u)) return 'GB';
  if (/^(gib|gibibytes?)$/.test(u)) return 'GiB';
  if (/^(gb-mo|gb-months?|gb\/month|gb-month|gigabyte months?)$/.test(u)) return 'GB-month';
  if (/^(gib-mo|gib-months?|gib\/month|gibibyte months?)$/.test(u)) return 'GiB-month';
  return u;
}
