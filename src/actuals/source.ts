import { Decimal } from '../model/decimal.js';
import { ServiceError } from '../model/errors.js';
import type { BillingRecord } from '../model/billing-record.js';

/** What every billing source hands to reconciliation. */
export interface SourceResult {
  /** For people: where the numbers came from. */
  source: string;
  records: BillingRecord[];
  /**
   * Paid API calls made for this check (Cost Explorer: $0.01 each), or BigQuery
   * jobs (`what`), whose cost is the bytes they scan (`scannedBytes`).
   */
  requests?: { count: number; cost: Decimal; cached: boolean; what: string; scannedBytes?: Decimal };
  /** The provider's own forecast for the whole month, when the month is not over. */
  forecast?: Decimal;
  /**
   * Usage spend per UTC day, for a source whose records are longer than a day
   * (Cost Explorer's are monthly); both costs, so either basis can be compared.
   */
  daily?: DailySpend[];
  notes: string[];
}

export interface DailySpend {
  day: string;
  billedCost: Decimal;
  effectiveCost: Decimal;
  /** The provider says the day is not final yet (Cost Explorer `Estimated`). */
  estimated: boolean;
}

/** What reconciliation takes from a source besides its records. */
export function sourceExtras(result: SourceResult): { forecast?: Decimal; daily?: DailySpend[] } {
  return { ...(result.forecast ? { forecast: result.forecast } : {}), ...(result.daily ? { daily: result.daily } : {}) };
}

/** A billing source failed (unreachable, refused, malformed answer): reported plainly, never as a partial total. */
export class SourceError extends ServiceError {}

/** What Cost Explorer charges per API request. */
export const REQUEST_PRICE = new Decimal('0.01');
