import type { PricingTableInput } from './pricing.js';
import type { Provider } from './scenario.js';

/** Where a set of rates came from; every estimate lists the ones it used. */
export interface PricingSource {
  provider: Provider;
  as_of: string;
  source: string;
  file: string;
  role: 'bundled' | 'override';
}

/** The merged rates per provider (bundled tables with user overrides applied). */
export interface PricingBook {
  tables: Partial<Record<Provider, PricingTableInput>>;
  sources: PricingSource[];
}

/** An override file as named by a scenario's `pricing:` list or `--pricing`. */
export interface OverrideFile {
  path: string;
  /** The path as the user wrote it. */
  written?: string;
  /** Where it was named, so a missing file points at the naming line. */
  namedAt?: { file: string; line: number; col: number };
}
