import * as z from 'zod';
import { Decimal } from './decimal.js';

/**
 * JSON Schema fragments for schemas zod cannot describe on its own, keyed by
 * the schema's definition: `.describe()` returns a clone sharing it.
 */
const fragments = new WeakMap<object, Record<string, unknown>>();
export const jsonSchemaFor = {
  set: (schema: z.ZodType, fragment: Record<string, unknown>) => fragments.set(schema._zod.def, fragment),
  get: (schema: z.ZodType) => fragments.get(schema._zod.def),
};

export interface DecimalRule {
  min?: number;
  exclusiveMin?: number;
  max?: number;
  integer?: boolean;
}

/** "a whole number, zero or more": what a rule asks for, as the loader's messages say it. */
export function describeRule(rule: DecimalRule): string {
  const parts: string[] = [];
  if (rule.integer) parts.push('a whole number');
  else parts.push('a number');
  if (rule.exclusiveMin !== undefined) parts.push(`greater than ${rule.exclusiveMin}`);
  if (rule.min !== undefined) parts.push(rule.min === 0 ? 'zero or more' : `at least ${rule.min}`);
  if (rule.max !== undefined) parts.push(`at most ${rule.max}`);
  return parts.join(', ');
}

/** A number written in YAML, held as an exact Decimal. */
export function decimal(rule: DecimalRule = {}) {
  const expected = describeRule(rule);
  const schema = z.custom<Decimal>(
    (v) => {
      if (!Decimal.isDecimal(v)) return false;
      const d = v as Decimal;
      if (!d.isFinite()) return false;
      if (rule.integer && !d.isInteger()) return false;
      if (rule.min !== undefined && d.lt(rule.min)) return false;
      if (rule.exclusiveMin !== undefined && d.lte(rule.exclusiveMin)) return false;
      if (rule.max !== undefined && d.gt(rule.max)) return false;
      return true;
    },
    { error: (issue) => `expected ${expected}, got ${shown(issue.input)}` },
  );
  const json: Record<string, unknown> = { type: rule.integer ? 'integer' : 'number' };
  if (rule.min !== undefined) json.minimum = rule.min;
  if (rule.exclusiveMin !== undefined) json.exclusiveMinimum = rule.exclusiveMin;
  if (rule.max !== undefined) json.maximum = rule.max;
  jsonSchemaFor.set(schema, json);
  return schema;
}

export function shown(value: unknown): string {
  if (Decimal.isDecimal(value)) return (value as Decimal).toString();
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

export function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const fragment = jsonSchemaFor.get(ctx.zodSchema as unknown as z.ZodType);
      if (fragment) Object.assign(ctx.jsonSchema, fragment);
    },
  }) as Record<string, unknown>;
}
