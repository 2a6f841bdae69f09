import * as z from 'zod';
import { Decimal } from './decimal.js';
import { decimal, jsonSchemaFor, type DecimalRule } from './zod-decimal.js';

/** A quantity known only roughly: most likely `expected`, never below `low` or above `high`. */
export interface Triangular {
  low: Decimal;
  expected: Decimal;
  high: Decimal;
}

/** A quantity with a long right tail: half the time below `p50`, 95% of the time below `p95`. */
export interface Lognormal {
  p50: Decimal;
  p95: Decimal;
}

export type Range = Triangular | Lognormal;
export type Quantity = Decimal | Range;

export function isLognormal(r: Range): r is Lognormal {
  return 'p50' in r;
}

/**
 * The value a range stands for in the point projection: `expected` for a
 * triangular range, the median for a lognormal one (its most typical month;
 * the mean would be pulled up by the tail).
 */
export function pointOf(q: Quantity): Decimal {
  if (Decimal.isDecimal(q)) return q as Decimal;
  return isLognormal(q as Range) ? (q as Lognormal).p50 : (q as Triangular).expected;
}

/** The largest value a quantity is written to reach (for "at most" checks across fields). */
export function highOf(q: Quantity): Decimal {
  if (Decimal.isDecimal(q)) return q as Decimal;
  return isLognormal(q as Range) ? (q as Lognormal).p95 : (q as Triangular).high;
}

const TRIANGULAR_KEYS = ['low', 'expected', 'high'] as const;
const LOGNORMAL_KEYS = ['p50', 'p95'] as const;

/**
 * A numeric scenario quantity that may be a range. Written as one custom
 * schema rather than a zod union so each mistake gets its own message at its
 * own key (a union would only say "invalid input" at the quantity).
 */
export function quantity(rule: DecimalRule = {}) {
  const point = decimal(rule);
  // A lognormal is fitted through logarithms, so its quantiles must be above zero.
  const positive = decimal({ ...rule, min: undefined, exclusiveMin: Math.max(0, rule.exclusiveMin ?? 0) });
  const schema = z.custom<Quantity>(() => true).superRefine((value, ctx) => {
    const fail = (message: string, path: (string | number)[] = []) => ctx.addIssue({ code: 'custom', message, path });
    const mapping = value !== null && typeof value === 'object' && !Array.isArray(value) && !Decimal.isDecimal(value);
    if (!mapping) {
      const r = point.safeParse(value);
      if (!r.success) fail(r.error.issues[0]!.message);
      return;
    }
    const map = value as unknown as Record<string, unknown>;
    const lognormal = 'p50' in map || 'p95' in map;
    const keys: readonly string[] = lognormal ? LOGNORMAL_KEYS : TRIANGULAR_KEYS;
    for (const key of Object.keys(map)) {
      if (!keys.includes(key)) fail(`unknown key ${JSON.stringify(key)} in a range; a range is {low, expected, high} or {p50, p95}`, [key]);
    }
    let ok = true;
    for (const key of keys) {
      if (!(key in map)) {
        ok = false;
        fail(`the range is missing ${JSON.stringify(key)}; write {${keys.join(', ')}}`);
        continue;
      }
      const r = (lognormal ? positive : point).safeParse(map[key]);
      if (!r.success) {
        ok = false;
        fail(r.error.issues[0]!.message, [key]);
      }
    }
    if (!ok) return;
    if (lognormal) {
      const { p50, p95 } = map as unknown as Lognormal;
      if (!p50.lt(p95)) fail(`p50 (${p50}) must be below p95 (${p95})`, ['p95']);
    } else {
      const { low, expected, high } = map as unknown as Triangular;
      if (low.gt(expected)) fail(`low (${low}) is above expected (${expected})`, ['low']);
      else if (expected.gt(high)) fail(`expected (${expected}) is above high (${high})`, ['high']);
    }
  });
  const number = { ...(jsonSchemaFor.get(point) ?? { type: 'number' }) };
  const bound = (k: readonly string[], item: Record<string, unknown>) => ({
    type: 'object',
    additionalProperties: false,
    required: [...k],
    properties: Object.fromEntries(k.map((key) => [key, item])),
  });
  jsonSchemaFor.set(schema, {
    anyOf: [
      number,
      { ...bound(TRIANGULAR_KEYS, number), description: 'triangular range: low <= expected <= high' },
      { ...bound(LOGNORMAL_KEYS, { ...number, minimum: undefined, exclusiveMinimum: 0 }), description: 'lognormal through two quantiles: p50 < p95' },
    ],
  });
  return schema;
}
