import type { PricingSource } from '../model/pricing-book.js';

export const DEFAULT_MAX_AGE_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from an ISO date to today (both taken as UTC dates). */
export function ageInDays(asOf: string, today: Date): number {
  const start = Date.parse(`${asOf}T00:00:00Z`);
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.floor((end - start) / DAY_MS);
}

/** One warning per table older than `maxAgeDays`: stale list prices are worse than none. */
export function staleWarnings(sources: readonly PricingSource[], today: Date, maxAgeDays = DEFAULT_MAX_AGE_DAYS): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of sources) {
    const age = ageInDays(s.as_of, today);
    if (age <= maxAgeDays || seen.has(s.file)) continue;
    seen.add(s.file);
    const refresh = s.role === 'bundled' ? `; refresh with \`tollgate pricing update ${s.provider}\`` : '';
    out.push(`warning: ${s.file} prices are ${age} days old (as_of ${s.as_of}, older than ${maxAgeDays} days)${refresh}`);
  }
  return out;
}
