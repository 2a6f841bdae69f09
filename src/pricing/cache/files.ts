import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot } from '../../cache-dir.js';
import type { PricingTableInput } from '../../model/pricing.js';
import type { Provider } from '../../model/scenario.js';
import { readCompiledTable } from '../compiled.js';

/**
 * Where `pricing update --all` keeps what it built, under the user's cache
 * folder: `catalog/<provider>.yaml` (a pricing table like the bundled ones,
 * every region the provider's bulk source prices) with its compiled form
 * `catalog/<provider>.json` beside it, and `parts/<provider>/` for the parts
 * of a build not yet finished.
 */
export function pricingCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheRoot(env), 'pricing');
}

export const catalogFile = (dir: string, provider: Provider) => join(dir, 'catalog', `${provider}.yaml`);
export const compiledCatalogFile = (dir: string, provider: Provider) => join(dir, 'catalog', `${provider}.json`);
export const partsDir = (dir: string, provider: Provider) => join(dir, 'parts', provider);

/** Which prices the verbs read: the cached catalog when there is one (`cache`), or always the bundled tables. */
export const PRICES = ['cache', 'bundled'] as const;
export type Prices = (typeof PRICES)[number];
export const DEFAULT_PRICES: Prices = 'cache';

/**
 * The cached catalog of a provider, when one was built: read from its
 * compiled form while that matches the YAML (the full catalog parses in a
 * fraction of the YAML's time), otherwise undefined and the caller reads
 * the YAML itself (an edited cache file is still honoured).
 */
export function cachedCatalog(dir: string, provider: Provider): { file: string; compiled?: PricingTableInput } | undefined {
  const file = catalogFile(dir, provider);
  if (!existsSync(file)) return undefined;
  return { file, compiled: readCompiledTable(compiledCatalogFile(dir, provider), file) };
}
