import { readTextFile } from '../../model/read-text-file.js';
import { Deadline, DEFAULT_TIMEOUT_SECONDS } from '../../remote/discipline.js';
import type { PricingTableInput } from '../../model/pricing.js';
import { displayPath } from '../../model/diagnostics.js';
import { mergeFetched, type MergeResult } from '../write-table.js';
import type { OnProgress } from '../../providers/progress.js';
import type { Fetch } from '../../providers/provider.js';
import { fetchPrices } from './run.js';

export interface LiveOptions {
  regions?: readonly string[];
  inputs?: readonly string[];
  onProgress?: OnProgress;
  env?: NodeJS.ProcessEnv;
  /** The day written as `as_of`; today (UTC) when absent. */
  asOf?: string;
  /** How long all the API calls may take (--timeout); default DEFAULT_TIMEOUT_SECONDS.pricing. */
  timeoutMs?: number;
}

/** A table file refreshed from its provider's API, in memory: what `update` writes and `diff --live` compares. */
export async function refreshTable(file: string, table: PricingTableInput, opts: LiveOptions = {}): Promise<{ fetch: Fetch; merged: MergeResult; asOf: string }> {
  const regions = opts.regions ?? Object.keys(table.regions ?? {});
  const deadline = new Deadline(opts.timeoutMs ?? DEFAULT_TIMEOUT_SECONDS.pricing * 1000);
  const fetch = await fetchPrices(table.provider, { table, regions, inputs: opts.inputs ?? [], onProgress: opts.onProgress, env: opts.env ?? process.env, deadline });
  const asOf = opts.asOf ?? new Date().toISOString().slice(0, 10);
  const merged = mergeFetched(readTextFile(file, { display: displayPath(file), notFound: { message: 'pricing file not found or not readable' } }), displayPath(file), fetch.fetched, { asOf, source: fetch.source, regions });
  return { fetch, merged, asOf };
}
