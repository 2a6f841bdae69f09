import { readFileSync, statSync } from 'node:fs';
import { Decimal } from '../model/decimal.js';
import type { PricingTableInput } from '../model/pricing.js';

/**
 * Bundled tables, parsed and validated at build time (scripts/build.mjs) so the
 * CLI skips YAML parsing and validation at start-up. A compiled table is used
 * only while its YAML source is unchanged (same size and mtime): a table edited
 * in place is always read from the YAML.
 */
export interface CompiledTable {
  size: number;
  mtimeMs: number;
  table: unknown;
}

/** JSON with each Decimal as `{$d: "…"}`. */
function stringify(value: unknown): string {
  // The holder's raw value: Decimal's toJSON has already turned `value` into a plain string.
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const raw = this[key];
    return Decimal.isDecimal(raw) ? { $d: (raw as Decimal).toString() } : v;
  });
}

/**
 * Each instance type is written as a JSON string of its own, parsed on first
 * read (see reviveLazily): start-up then makes one string per type, not the
 * thousands of objects of the full catalog's price maps.
 */
export function serializeTable(table: PricingTableInput, yamlFile: string): string {
  const { size, mtimeMs } = statSync(yamlFile);
  const instances = table.instances ? Object.fromEntries(Object.entries(table.instances).map(([name, entry]) => [name, stringify(entry)])) : undefined;
  const body: CompiledTable = { size, mtimeMs, table: { ...table, instances } };
  return stringify(body);
}

/**
 * Decimals back from their `{$d}` form, in place. A table repeats the same few
 * thousand figures (one rate in many regions, the same specs): each text is parsed
 * once per table and the Decimal shared, which is safe because a Decimal is immutable.
 */
function revive(value: unknown, seen: Map<string, Decimal>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i], seen);
    return value;
  }
  const o = value as Record<string, unknown>;
  if (typeof o.$d === 'string') {
    let d = seen.get(o.$d);
    if (d === undefined) seen.set(o.$d, (d = new Decimal(o.$d)));
    return d;
  }
  for (const k of Object.keys(o)) o[k] = revive(o[k], seen);
  return o;
}

/**
 * Instance entries are revived on first read: an estimate touches a handful of
 * the catalog's types, and making every Decimal of the others is most of a
 * cold start with the full tables. The getters are enumerable, so listing the
 * catalog (Object.entries) still sees every type.
 */
function reviveLazily(table: Record<string, unknown>): unknown {
  const { instances, ...rest } = table;
  const seen = new Map<string, Decimal>();
  revive(rest, seen);
  if (instances && typeof instances === 'object') {
    const lazy: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(instances as Record<string, unknown>)) {
      let value: unknown;
      let done = false;
      Object.defineProperty(lazy, name, {
        enumerable: true,
        configurable: true,
        get: () => {
          if (!done) [value, done] = [revive(JSON.parse(raw as string), seen), true];
          return value;
        },
      });
    }
    rest.instances = lazy;
  }
  return rest;
}

export function readCompiledTable(compiledFile: string, yamlFile: string): PricingTableInput | undefined {
  let text: string;
  try {
    text = readFileSync(compiledFile, 'utf8');
  } catch {
    return undefined;
  }
  const compiled = JSON.parse(text) as CompiledTable;
  const { size, mtimeMs } = statSync(yamlFile);
  if (compiled.size !== size || compiled.mtimeMs !== mtimeMs) return undefined;
  return reviveLazily(compiled.table as Record<string, unknown>) as PricingTableInput;
}
