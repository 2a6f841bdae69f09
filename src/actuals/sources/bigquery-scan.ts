import { gib, money } from '../../model/numbers.js';
import { Decimal } from '../../model/decimal.js';
import { UsageError } from '../../model/errors.js';

/**
 * BigQuery on-demand compute: the US (multi-region) list price per TiB a query
 * processes, as published at https://cloud.google.com/bigquery/pricing#on_demand_pricing
 * (read 2026-11-25). Other locations cost a little more and the first TiB a
 * month per billing account is free, so figures from it are estimates ("≈"),
 * never a bill.
 */
export const ON_DEMAND_PER_TIB = new Decimal('6.25');

const GIB = new Decimal(2).pow(30);
const TIB = new Decimal(2).pow(40);

/** `--max-scan` when not given: one month of a large organisation's export fits; a wrong, unpartitioned table rarely does. */
export const DEFAULT_MAX_SCAN = '100GiB';

/** SI units are powers of 1000, IEC units (GiB) powers of 1024, as BigQuery's own docs write them. */
const UNITS: Record<string, Decimal> = {
  B: new Decimal(1),
  KB: new Decimal(10).pow(3),
  MB: new Decimal(10).pow(6),
  GB: new Decimal(10).pow(9),
  TB: new Decimal(10).pow(12),
  KIB: new Decimal(2).pow(10),
  MIB: new Decimal(2).pow(20),
  GIB,
  TIB,
};

/** `50GB`, `1.5TiB`, `2000000000` (bytes) → whole bytes. */
export function parseScanSize(text: string): Decimal {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]i?B|B)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--max-scan ${JSON.stringify(text)} is not a size (e.g. 50GB or 200GiB)`);
  const bytes = new Decimal(m[1]!).times(UNITS[(m[2] ?? 'B').toUpperCase()]!).floor();
  if (bytes.isZero()) throw new UsageError('--max-scan must be more than 0 bytes');
  return bytes;
}

/** What scanning `bytes` costs at the on-demand list price. */
export function scanCost(bytes: Decimal): Decimal {
  return bytes.div(TIB).times(ON_DEMAND_PER_TIB);
}

/** `5.00 GiB (≈ $0.03 at the on-demand rate of $6.25/TiB)` */
export function scanText(bytes: Decimal): string {
  return `${gib(bytes)} (≈ ${money(scanCost(bytes))} at the on-demand rate of ${money(ON_DEMAND_PER_TIB)}/TiB)`;
}

/** The smallest whole-GiB cap that lets `bytes` through, for the hint. */
export function capFor(bytes: Decimal): string {
  return `${bytes.div(GIB).ceil().toFixed()}GiB`;
}
