import type { Continent, PricingTableInput } from '../model/pricing.js';
import type { Deadline } from '../remote/discipline.js';
import type { FetchedPrices } from './fetched.js';
import type { OnProgress } from './progress.js';

/**
 * One piece of a full-catalog build (`pricing update --all`) that is fetched
 * whole and kept in the cache once finished: an AWS regional offer, an Azure
 * query, a Google service's SKUs. A build interrupted between parts starts
 * again at the first part it does not have.
 */
export interface BulkPart {
  /** File-safe and stable between runs: the name of the part's file in the cache. */
  id: string;
  /** For progress and messages: "AmazonEC2 eu-north-1". */
  what: string;
  /** Where the part is read from (a URL); parts of one listing may share it. */
  url: string;
  /** The one region the part prices, when it has one: `--regions` picks parts by it. */
  region?: string;
}

export interface BulkContext {
  env: NodeJS.ProcessEnv;
  deadline: Deadline;
  onProgress?: OnProgress;
  /** The bundled table: the instance types, storage classes and rules the catalog prices. */
  table: PricingTableInput;
}

/**
 * A cloud's public bulk price source, as the full-catalog build reads it. The
 * items of a part are kept as the API sent them (JSON), so a resumed build maps
 * them with the same code as a fresh one: the cloud's own mapper (prices.ts).
 */
export interface BulkSource {
  /** The table's `source` when built from it. */
  source: string;
  /** What the build fetches, part by part (AWS reads its region indexes for this). */
  parts(ctx: BulkContext): Promise<BulkPart[]>;
  fetchPart(part: BulkPart, ctx: BulkContext): Promise<unknown[]>;
  /** The public regions the items price (sovereign and test regions left out). */
  regionsOf(items: readonly unknown[]): string[];
  /** A region's continent from its name, for the regions the bundled table does not list; undefined when unknown. */
  continentOf(region: string): Continent | undefined;
  /** Items → rates in the terms of `table` (its instance types, its regions). */
  map(items: readonly unknown[], table: PricingTableInput): FetchedPrices;
  /** Told to the user after the build: what this source cannot give (no credentials, no spot history…). */
  notes?(ctx: BulkContext): string[];
}
