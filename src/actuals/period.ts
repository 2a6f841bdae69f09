import { Decimal } from '../model/decimal.js';
import { UsageError } from '../model/errors.js';
import type { Period } from './reconcile.js';

/** `2026-10` → the month's first day and the first day after it (UTC, ISO dates; end exclusive as Cost Explorer wants). */
export function monthRange(month: string): { start: string; end: string; days: number } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new UsageError(`--month ${JSON.stringify(month)} is not YYYY-MM (e.g. 2026-10)`);
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  const start = new Date(Date.UTC(year, index, 1));
  const end = new Date(Date.UTC(year, index + 1, 1));
  return { start: iso(start), end: iso(end), days: Math.round((end.getTime() - start.getTime()) / 86_400_000) };
}

/**
 * How much of the month is over at `now`: a finished month is whole; the
 * current month counts complete UTC days only, since today's spend is still
 * arriving. Pure: the caller passes the clock.
 */
export function periodAt(month: string, now: Date): Period {
  const { start, end, days } = monthRange(month);
  const today = iso(now);
  if (today < start) throw new UsageError(`--month ${month} has not started yet (today is ${today})`);
  if (today >= end) return { month, elapsedDays: days, days };
  const elapsedDays = now.getUTCDate() - 1;
  if (elapsedDays === 0) throw new UsageError(`--month ${month} began today: there is no complete day to compare yet`);
  return { month, elapsedDays, days };
}

/** The days a period covers, end exclusive: the whole month, or up to (not including) today. */
export function coveredRange(period: Period): { start: string; end: string } {
  const { start } = monthRange(period.month);
  const end = new Date(Date.parse(`${start}T00:00:00Z`) + period.elapsedDays * 86_400_000);
  return { start, end: iso(end) };
}

/** The variance past which a line or category is flagged, when --threshold is not given: 10%. */
export const DEFAULT_THRESHOLD = new Decimal('0.1');

/** `10%` → 0.1. A bare number is refused: "10" could mean 10% or 1000%. */
export function parseThreshold(text: string): Decimal {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  if (!m) throw new UsageError(`--threshold ${JSON.stringify(text)} is not a percentage (e.g. 10%)`);
  return new Decimal(m[1]!).div(100);
}

/** `2026-10-31` → `2026-11-01`. */
export function nextDay(day: string): string {
  return iso(new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000));
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}
