import type { PricingTableInput } from './pricing.js';
import type { Provider } from './scenario.js';

/** Where a set of rates came from; every estimate lists the ones it used. */
export interface PricingSource {
  provider: Provider;
  as_of: string;
  source: string;
  file: string;
  /** `cache`: the full catalog `pricing update --all` built in the user's cache folder, in place of the bundled table. */
  role: 'bundled' | 'cache' | 'override';
}

/** The merged rates per provider (bundled tables with user overrides applied). */
export interface PricingBook {
  tables: Partial<Record<Provider, PricingTableInput>>;
  sources: PricingSource[];
}
