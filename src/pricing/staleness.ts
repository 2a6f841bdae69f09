import type { LineItem } from '../model/estimate.js';
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
    const refresh = s.role === 'bundled' ? `; refresh with \`tollgate pricing update ${s.provider}\`` : s.role === 'cache' ? '; rebuild it with `tollgate pricing update --all`' : '';
    out.push(`warning: ${s.file} prices are ${age} days old (as_of ${s.as_of}, older than ${maxAgeDays} days)${refresh}`);
  }
  return out;
}

/** The scenario item a line prices, as the user wrote it. */
function lineLabel(l: LineItem): string {
  if (l.kind === 'node' || l.kind === 'disk' || l.kind === 'public-ipv4') return `nodes.${l.name}`;
  if (l.kind === 'cluster') return `clusters.${l.name}`;
  if (l.kind === 'storage') return `storage.${l.name}`;
  if (l.kind === 'lb-hours' || l.kind === 'lb-processing') return `load_balancers.${l.name}`;
  if (l.kind === 'nat-gateway' || l.kind === 'endpoint-hours' || l.kind === 'interconnect-port') return l.name;
  return `transfers.${l.name}${l.kind === 'nat-processing' ? ' (NAT processing)' : ''}`;
}

/** Lines named one by one before the rest are counted in one line: a 100k-line plan must not print 30,000 warnings. */
const NAMED_STALE_LINES = 10;

/**
 * One warning per line whose own price date (a spot snapshot, a per-type
 * date) is older than `maxAgeDays`, the first ten by name and the rest
 * counted in one line. Lines priced at their table's date are covered by
 * `staleWarnings`; these are the prices a recent table date would otherwise hide.
 */
export function stalePriceWarnings(lines: readonly LineItem[], today: Date, maxAgeDays = DEFAULT_MAX_AGE_DAYS): string[] {
  const out: string[] = [];
  let more = 0;
  let oldest: string | undefined;
  for (const l of lines) {
    if (l.as_of === undefined) continue;
    const age = ageInDays(l.as_of, today);
    if (age <= maxAgeDays) continue;
    if (out.length < NAMED_STALE_LINES) {
      out.push(`warning: ${lineLabel(l)} is priced at ${l.provider} ${l.region} rates of ${l.as_of}, ${age} days old (older than ${maxAgeDays} days): ${l.description}`);
      continue;
    }
    more += 1;
    if (oldest === undefined || l.as_of < oldest) oldest = l.as_of;
  }
  if (more > 0) {
    out.push(`warning: ${more.toLocaleString('en-US')} more lines are priced at rates older than ${maxAgeDays} days (the oldest of ${oldest}); each line's as_of is in --format json`);
  }
  return out;
}
