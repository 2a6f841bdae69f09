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
