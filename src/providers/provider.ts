import type { Deadline } from '../remote/discipline.js';
import type { ActualsSelector } from '../model/actuals-selector.js';
import type { ActualCategory, BillingRecord, Classified } from '../model/billing-record.js';
import type { PricingTableInput } from '../model/pricing.js';
import type { Provider } from '../model/scenario.js';
import type { FetchedPrices } from './fetched.js';
import type { OnProgress } from './progress.js';
import type { BulkSource } from './bulk.js';

/** A zone that does not belong to its region: what is wrong, and how that cloud names zones. */
export interface ZoneProblem {
  message: string;
  suggestion?: string;
}

/** What one pricing-API fetch brought back. */
export interface Fetch {
  fetched: FetchedPrices;
  /** The API (or file) the rates were read from: the table's new `source`. */
  source: string;
  /** Products, SKUs or items the API returned. */
  seen: number;
}

export interface FetchRequest {
  table: PricingTableInput;
  regions: readonly string[];
  /** AWS only: bulk offer files to read instead of calling the API. */
  inputs: readonly string[];
  onProgress?: OnProgress;
  env: NodeJS.ProcessEnv;
  /** Every API call of the update shares it (--timeout). */
  deadline: Deadline;
}

/** A failed fetch as the SDKs throw it: error name, status or network code, first line of the message. */
export interface FetchFailure {
  name: string;
  code?: number | string;
  message: string;
}

/** How a scenario's `actuals.<cloud>` selector narrows a billing file to this cloud's rows. */
export interface FileSelector {
  tags?: Record<string, string>;
  accounts?: string[];
  /** The selector field named when the file has no tags column to apply it to. */
  what: string;
  /** SQL normalizing the file's account column before it is compared with `accounts`. */
  account?: (sql: string) => string;
}

/**
 * Everything that is one cloud's own: how it names zones, what its bills call
 * it and how they read, where its bill and the plan's lines disagree on names,
 * and where its prices come from. One module per cloud implements it; the
 * registry in ./index.ts holds one per Provider.
 */
export interface CloudProvider {
  id: Provider;
  /** undefined when `zone` is a zone of `region` as this cloud names them. */
  zoneProblem(region: string, zone: string): ZoneProblem | undefined;
  bill: {
    /** FOCUS ProviderName (lower-cased, trimmed) is this cloud's. */
    isProviderName(name: string): boolean;
    /** The same test in DuckDB SQL over the expression `provider` (lower-cased). */
    providerNameSql(provider: string): string;
    /** A usage record → category and what it can be matched against; `fallback` is FOCUS ServiceCategory's answer. */
    classify(r: BillingRecord, fallback: ActualCategory): Classified;
    /** This cloud's part of the scenario's `actuals:` selector, for a billing file. */
    fileSelector(selector: ActualsSelector | undefined): FileSelector;
  };
  /** Where the bill's names and the plan's differ, so a line and its usage meet on one key. */
  lineKeys: {
    /** A node group's instance as the bill names what it pays for. */
    billedInstance(instance: string): string;
    /** An instance name as the join compares it. */
    joinInstance(instance: string): string;
    /** A pricing table's storage class as the bill names it. */
    billedStorageClass(tableClass: string): string;
    /** The bill names an inter-region transfer's destination region. */
    namesInterRegionDestination: boolean;
    /**
     * The edge region a via: cdn transfer with these `viewers:` is billed under, where the bill
     * names edges (the same names the bill's classification gives); absent where it merges them.
     */
    cdnEdge?(viewers: string | undefined): string;
  };
  prices: {
    /** The pricing API, for people. */
    api: string;
    /** What the API returns many of ("products", "SKUs"). */
    seen: string;
    /** `pricing update --input FILE` reads this cloud's bulk offer files. */
    offerFiles: boolean;
    /**
     * This cloud's public regions as tollgate knows them (its bills' region codes), where it does:
     * a region here that a table lacks is real but unpriced, not a typo to correct.
     */
    regions?: ReadonlySet<string>;
    /** Fetch and map the table's rates; the SDK or HTTP client loads only now. */
    fetch(req: FetchRequest): Promise<Fetch>;
    /** The public bulk source `pricing update --all` builds the full catalog from; loaded only then. */
    bulk(): Promise<BulkSource>;
    /** A failure this cloud's API explains better than "failed: …", with what to do; undefined otherwise. */
    describeError(e: FetchFailure): string | undefined;
  };
}
