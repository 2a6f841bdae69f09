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

export function serializeTable(table: PricingTableInput, yamlFile: string): string {
  const { size, mtimeMs } = statSync(yamlFile);
  const body: CompiledTable = { size, mtimeMs, table };
  // The holder's raw value: Decimal's toJSON has already turned `value` into a plain string.
  return JSON.stringify(body, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return Decimal.isDecimal(raw) ? { $d: (raw as Decimal).toString() } : value;
  });
}

function revive(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && '$d' in value) return new Decimal((value as { $d: string }).$d);
  return value;
}

export function readCompiledTable(compiledFile: string, yamlFile: string): PricingTableInput | undefined {
  let text: string;
  try {
    text = readFileSync(compiledFile, 'utf8');
  } catch {
    return undefined;
  }
  const compiled = JSON.parse(text, revive) as CompiledTable;
  const { size, mtimeMs } = statSync(yamlFile);
  return compiled.size === size && compiled.mtimeMs === mtimeMs ? (compiled.table as PricingTableInput) : undefined;
}
