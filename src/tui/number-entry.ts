import { Decimal } from '../model/decimal.js';
import { amount } from '../model/numbers.js';
import { KEY_HINTS } from '../model/validate.js';
import { describeRule, shown, type DecimalRule } from '../model/zod-decimal.js';

/** What kind of number is typed: a field's name, or `item_hours` for a cluster's or load balancer's hours. */
export type NumberField =
  | 'count'
  | 'hours'
  | 'item_hours'
  | 'gb'
  | 'gb_per_day'
  | 'gb_per_month'
  | 'get_requests_per_month'
  | 'put_requests_per_month'
  | 'disk.gb'
  | 'disk.iops'
  | 'disk.throughput_mbps'
  | 'public_ipv4'
  | 'processed_gb';

export type Entry = { ok: true; value: Decimal; note?: string } | { ok: false; message: string; hint?: string };

/** Decimal (10^3) and binary (2^10) byte units, as multiples of the GB (10^9 bytes) the scenario counts in. */
const BYTES: Record<string, Decimal> = {
  b: new Decimal('1e-9'),
  kb: new Decimal('1e-6'),
  mb: new Decimal('1e-3'),
  gb: new Decimal(1),
  tb: new Decimal('1e3'),
  pb: new Decimal('1e6'),
  kib: new Decimal(2).pow(10).div('1e9'),
  mib: new Decimal(2).pow(20).div('1e9'),
  gib: new Decimal(2).pow(30).div('1e9'),
  tib: new Decimal(2).pow(40).div('1e9'),
  pib: new Decimal(2).pow(50).div('1e9'),
};
/** "20k" is twenty thousand of the field's own unit. */
const SCALE: Record<string, Decimal> = { k: new Decimal('1e3'), m: new Decimal('1e6') };

// A number as people write it: 1,000 · 1.5 · .5 · 1e3 · -5 (refused below, but read, so the message quotes it).
const NUMBER = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[+-]?\.\d+)(?:e([+-]?\d+))?\s*([a-z]*)$/i;

// Up to nine integer and six decimal digits: every such value survives the round
// trip through the YAML writer's number form exactly.
const MOST = new Decimal('999999999.999999');
const PLACES = 6;

export interface FieldLimits {
  /** The month's hours, the most `hours` can be. */
  hoursPerMonth: Decimal;
}

// The scenario schema's rules for these fields (scenario.ts), so a typed value the file would refuse is refused here.
function ruleFor(field: NumberField, limits: FieldLimits): DecimalRule {
  if (field === 'count' || field === 'disk.iops' || field === 'public_ipv4') return { integer: true, min: 0 };
  if (isHours(field)) return { min: 0, max: limits.hoursPerMonth.toNumber() };
  if (field === 'disk.gb') return { exclusiveMin: 0 };
  return { min: 0 };
}

const isHours = (field: NumberField) => field === 'hours' || field === 'item_hours';
const isBytes = (field: NumberField) => field === 'gb' || field === 'gb_per_day' || field === 'gb_per_month' || field === 'disk.gb' || field === 'processed_gb';
const isRequests = (field: NumberField) => field === 'get_requests_per_month' || field === 'put_requests_per_month';

/** What the prompt says the field takes, limits included. */
export function entryPrompt(field: NumberField, limits: FieldLimits): string {
  if (field === 'count') return 'nodes, a whole number';
  if (field === 'hours') return `hours per node, 0 to ${limits.hoursPerMonth} (the month)`;
  if (field === 'item_hours') return `hours it runs a month, 0 to ${limits.hoursPerMonth} (the month)`;
  if (isRequests(field)) return 'requests per month; or 20k, 2m, 1e6';
  if (field === 'disk.iops') return 'provisioned IOPS per node, a whole number; or 16k';
  if (field === 'disk.throughput_mbps') return 'provisioned MB/s per node';
  if (field === 'public_ipv4') return 'public IPv4 addresses per node, a whole number';
  if (field === 'disk.gb') return 'GB per node, more than 0; or 2TB, 500 GiB';
  return 'GB; or 2TB, 1.5 TiB, 20k';
}

function hintFor(field: NumberField, limits: FieldLimits): string {
  if (isBytes(field)) return 'a number of GB (10^9 bytes), or with a unit: 2TB, 1.5 TiB, 500 GiB, 1e3, 1,000, 20k';
  if (isRequests(field)) return KEY_HINTS[field] ?? 'a number of requests per month: 20000, 20k, 2m, 1e6';
  if (field === 'item_hours') return `hours a month, 0 to ${limits.hoursPerMonth}`;
  return KEY_HINTS[field] ?? (field === 'hours' ? `hours per node per month, 0 to ${limits.hoursPerMonth}` : entryPrompt(field, limits));
}

/**
 * What the typed text means in the field's unit, or why it is refused, with
 * the loader's wording ("expected a whole number, zero or more, got ...") and a
 * hint. Nothing typed is dropped: the whole text is read or refused.
 */
export function readEntry(text: string, field: NumberField, limits: FieldLimits): Entry {
  const rule = ruleFor(field, limits);
  const refuse = (why?: string): Entry => ({
    ok: false,
    message: why ?? `${shown(text.trim())} is not a number: expected ${describeRule(rule)}`,
    hint: hintFor(field, limits),
  });
  const m = NUMBER.exec(text.trim());
  if (!m) return refuse();
  const [, digits, exponent, unitText] = m as unknown as [string, string, string | undefined, string];
  let value = new Decimal(digits.replace(/,/g, '')).times(new Decimal(10).pow(exponent ?? 0));
  const unit = unitText.toLowerCase();
  let note: string | undefined;
  if (unit) {
    const factor = isBytes(field) ? (BYTES[unit] ?? SCALE[unit]) : isHours(field) && (unit === 'h' || unit === 'hours') ? new Decimal(1) : SCALE[unit];
    if (!factor) return refuse(`${shown(text.trim())}: unknown unit ${JSON.stringify(unitText)}; expected ${describeRule(rule)}`);
    value = value.times(factor);
    note = `${text.trim()} = ${amount(value, PLACES)} ${isBytes(field) ? 'GB' : isHours(field) ? 'hours' : field}`;
  }
  if (value.isNegative()) return refuse(`expected ${describeRule(rule)}, got ${value}`);
  if (rule.integer && !value.isInteger()) return refuse(`expected ${describeRule(rule)}, got ${value}`);
  if (rule.exclusiveMin !== undefined && value.lte(rule.exclusiveMin)) return refuse(`expected ${describeRule(rule)}, got ${value}`);
  if (isHours(field) && value.gt(limits.hoursPerMonth)) {
    return refuse(`hours ${value} is more than the ${limits.hoursPerMonth} hours in the month (hours_per_month)`);
  }
  if (value.gt(MOST)) return refuse(`${amount(value)} is more than this session can write back exactly (at most 999,999,999)`);
  const rounded = value.toDecimalPlaces(PLACES);
  if (!rounded.eq(value)) note = `${note ?? text.trim()} ≈ ${amount(rounded, PLACES)} (rounded to ${PLACES} decimals)`;
  return { ok: true, value: rounded, note };
}
