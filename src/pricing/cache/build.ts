import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { displayPath } from '../../model/diagnostics.js';
import { readTextFile } from '../../model/read-text-file.js';
import type { PricingTableInput } from '../../model/pricing.js';
import type { Provider } from '../../model/scenario.js';
import { cloud } from '../../providers/index.js';
import type { BulkContext, BulkPart } from '../../providers/bulk.js';
import type { OnProgress } from '../../providers/progress.js';
import { RemoteGaveUp, type Deadline } from '../../remote/discipline.js';
import { WriteError, writeAtomic } from '../../write-atomic.js';
import { serializeTable } from '../compiled.js';
import { diffTables, type RateChange } from '../diff.js';
import { bundledPricingDir, readPricingFile } from '../load.js';
import { describeFetchError, PricingApiError } from '../update/errors.js';
import { lostRates, lostRatesText } from '../update/guard.js';
import { InputError } from '../../model/diagnostics.js';
import { assembleCatalog } from './assemble.js';
import { catalogFile, compiledCatalogFile, partsDir } from './files.js';
import { PartStore } from './parts.js';

export interface BuildOptions {
  /** The pricing cache folder (pricingCacheDir()). */
  dir: string;
  env: NodeJS.ProcessEnv;
  deadline: Deadline;
  onProgress?: OnProgress;
  /** Told when a part starts: which, and how far through the build. */
  onPart?: (part: BulkPart, index: number, total: number, resumed: boolean) => void;
  /** Only the parts of these regions (AWS offers are per region); every part when absent. */
  regions?: readonly string[];
  /** Write even when rates would drop to zero or vanish (--force). */
  force?: boolean;
  /** The day written as `as_of` when no kept part is older; today (UTC) when absent. */
  today?: string;
}

export interface BuildResult {
  provider: Provider;
  file: string;
  as_of: string;
  source: string;
  /** Parts fetched now, and parts an earlier, interrupted run had finished. */
  fetched: number;
  resumed: number;
  items: number;
  /** Regions the catalog prices that the bundled table does not list. */
  added: string[];
  regions: number;
  changes: RateChange[];
  notes: string[];
}

/** The bundled table of a provider, as text and validated. */
function bundled(provider: Provider): { file: string; text: string; table: PricingTableInput } {
  const file = join(bundledPricingDir(), `${provider}.yaml`);
  const text = readTextFile(file, { display: displayPath(file), notFound: { message: 'pricing file not found or not readable' } });
  return { file, text, table: readPricingFile(file).table };
}

/**
 * Build one provider's full catalog into the cache: fetch each part the
 * cache does not have yet (keeping it as soon as it is whole), then map all
 * parts onto the bundled table and write the catalog atomically. A failure
 * keeps the finished parts: the next run starts where this one stopped.
 */
export async function buildCatalog(provider: Provider, o: BuildOptions): Promise<BuildResult> {
  const bulk = await cloud(provider).prices.bulk();
  const base = bundled(provider);
  const ctx: BulkContext = { env: o.env, deadline: o.deadline, onProgress: o.onProgress, table: base.table };
  const store = new PartStore(partsDir(o.dir, provider));
  const today = o.today ?? new Date().toISOString().slice(0, 10);
  const items: unknown[] = [];
  let fetched = 0;
  let resumed = 0;
  let asOf = today;
  try {
    let parts = await bulk.parts(ctx);
    if (o.regions) parts = parts.filter((p) => p.region === undefined || o.regions!.includes(p.region));
    for (const [i, part] of parts.entries()) {
      const kept = store.read(part.id);
      o.onPart?.(part, i, parts.length, kept !== undefined);
      if (kept) {
        resumed++;
        items.push(...kept.items);
        // The catalog is as old as its oldest part.
        if (kept.fetched < asOf) asOf = kept.fetched;
        continue;
      }
      const got = await bulk.fetchPart(part, ctx);
      store.write(part.id, today, got);
      fetched++;
      items.push(...got);
    }
  } catch (e) {
    if (e instanceof InputError || e instanceof WriteError || e instanceof PricingApiError) throw e;
    const kept = fetched + resumed ? `; the ${fetched + resumed} finished part${fetched + resumed === 1 ? ' is' : 's are'} kept, run again to continue` : '';
    if (e instanceof RemoteGaveUp) throw new PricingApiError(`${e.message}${kept}`);
    throw new PricingApiError(`${describeFetchError(provider, e)}${kept}`);
  }

  const file = catalogFile(o.dir, provider);
  const assembled = assembleCatalog(base.text, displayPath(file), base.table, items, bulk, { asOf, source: bulk.source });
  const changes = diffTables(base.table, assembled.table);
  const lost = lostRates(changes);
  if (lost.length && !o.force) throw new PricingApiError(`${lostRatesText(lost)}; the fetched parts are kept`);
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new WriteError(`could not create the cache folder ${dirname(file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  writeAtomic(file, assembled.text, { mode: 0o600 });
  // Written after the YAML: the compiled form records the YAML's size and mtime, and is used only while they match.
  writeAtomic(compiledCatalogFile(o.dir, provider), serializeTable(assembled.table, file), { mode: 0o600 });
  store.clear();
  return {
    provider,
    file,
    as_of: asOf,
    source: bulk.source,
    fetched,
    resumed,
    items: items.length,
    added: assembled.added,
    regions: Object.keys(assembled.table.regions ?? {}).length,
    changes,
    notes: [...assembled.notes, ...(bulk.notes?.(ctx) ?? [])],
  };
}
