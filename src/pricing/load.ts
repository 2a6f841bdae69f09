import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayPath, InputError } from '../model/diagnostics.js';
import { pricingTableSchema, type PricingTableInput } from '../model/pricing.js';
import type { Provider } from '../model/scenario.js';
import { readTextFile } from '../model/read-text-file.js';
import { validate } from '../model/validate.js';
import { parseYamlSource, type SourceFile } from '../model/yaml-source.js';
import type { OverrideFile } from '../model/load-scenario.js';
import type { PricingBook, PricingSource } from '../model/pricing-book.js';
import { readCompiledTable } from './compiled.js';
import { applyOverride } from './merge.js';
import { cachedCatalog, DEFAULT_PRICES, pricingCacheDir, type Prices } from './cache/files.js';

/** The bundled `pricing/` folder, found from this module whether it runs bundled (dist/) or from src/. */
export function bundledPricingDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'pricing', 'aws.yaml'))) return join(dir, 'pricing');
    dir = dirname(dir);
  }
  throw new Error('bundled pricing tables not found next to the tollgate install');
}

export function readPricingFile(file: string): { source: SourceFile; table: PricingTableInput } {
  const text = readTextFile(file, { display: displayPath(file), notFound: { message: 'pricing file not found or not readable' } });
  const source = parseYamlSource(text, displayPath(file));
  return { source, table: validate(pricingTableSchema(), source) };
}

/** Set when running from the bundle, which ships the tables precompiled beside it. */
const COMPILED_DIR = join(dirname(fileURLToPath(import.meta.url)), 'pricing-compiled');

/**
 * Bundled tables read once per process, again when the file changes: `compare`
 * and placement price many plans on the same tables. Tables are never changed
 * in place (an override builds a new one), so plans can share them.
 */
const bundled = new Map<string, { size: number; mtimeMs: number; table: PricingTableInput }>();

function readBundledTable(dir: string, provider: Provider): PricingTableInput {
  const file = join(dir, `${provider}.yaml`);
  const stat = statSync(file, { throwIfNoEntry: false });
  const hit = bundled.get(file);
  if (stat && hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs) return hit.table;
  const table = readCompiledTable(join(COMPILED_DIR, `${provider}.json`), file) ?? readPricingFile(file).table;
  if (stat) bundled.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, table });
  return table;
}

export interface BookOptions {
  /** `bundled` ignores the cached catalog (--prices bundled); default `cache`: the catalog when one was built. */
  prices?: Prices;
  /** The pricing cache folder; default pricingCacheDir() of this process's environment. */
  cacheDir?: string;
}

/** A provider's base table: the cached full catalog when there is one and it is wanted, the bundled table otherwise. */
function readBaseTable(dir: string, provider: Provider, o: BookOptions): { table: PricingTableInput; source: PricingSource } {
  const cached = (o.prices ?? DEFAULT_PRICES) === 'bundled' ? undefined : cachedCatalog(o.cacheDir ?? pricingCacheDir(), provider);
  if (cached) {
    const table = cached.compiled ?? readPricingFile(cached.file).table;
    return { table, source: { provider, as_of: table.as_of, source: table.source, file: displayPath(cached.file), role: 'cache' } };
  }
  const table = readBundledTable(dir, provider);
  return { table, source: { provider, as_of: table.as_of, source: table.source, file: `pricing/${provider}.yaml`, role: 'bundled' } };
}

export function loadPricingBook(providers: Iterable<Provider>, overrides: readonly OverrideFile[], dir = bundledPricingDir(), options: BookOptions = {}): PricingBook {
  const tables: PricingBook['tables'] = {};
  const sources: PricingSource[] = [];
  const wanted = new Set(providers);
  for (const provider of wanted) {
    const { table, source } = readBaseTable(dir, provider, options);
    tables[provider] = table;
    sources.push(source);
  }
  for (const o of overrides) {
    if (!existsSync(o.path)) {
      const where = o.namedAt;
      throw new InputError([
        {
          file: where?.file ?? o.path,
          position: where ? { line: where.line, col: where.col } : undefined,
          message: `pricing file ${o.written ?? displayPath(o.path)} not found${o.written ? ` (looked for ${displayPath(o.path)})` : ''}`,
          suggestion: where ? 'paths in a scenario are relative to the scenario file' : undefined,
        },
      ]);
    }
    const { source, table } = readPricingFile(o.path);
    let base = tables[table.provider];
    if (!base) {
      const read = readBaseTable(dir, table.provider, options);
      base = read.table;
      sources.push(read.source);
    }
    tables[table.provider] = applyOverride(base, table, source);
    sources.push({ provider: table.provider, as_of: table.as_of, source: table.source, file: displayPath(o.path), role: 'override' });
  }
  return { tables, sources };
}
