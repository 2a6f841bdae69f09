import type { Provider } from '../model/scenario.js';
import { aws } from './aws/index.js';
import { azure } from './azure/index.js';
import { gcp } from './gcp/index.js';
import type { CloudProvider } from './provider.js';

/**
 * One module per cloud, keyed by every id in PROVIDERS: adding an id there
 * fails to compile here until its module exists, so no cloud falls through to
 * another's zone naming, bill reading or line keys.
 */
export const CLOUDS = { aws, gcp, azure } as const satisfies Record<Provider, CloudProvider>;

export function cloud(provider: Provider): CloudProvider {
  return CLOUDS[provider];
}

/** The cloud behind a bill's provider name, which may be one tollgate does not know. */
export function cloudOf(provider: string): CloudProvider | undefined {
  return Object.hasOwn(CLOUDS, provider) ? CLOUDS[provider as Provider] : undefined;
}

/** The clouds whose bulk offer files `pricing update --input` reads ("aws"). */
export function offerFileClouds(): string {
  return Object.values(CLOUDS).filter((c) => c.prices.offerFiles).map((c) => c.id).join(', ');
}

/** FOCUS ProviderName values seen in AWS, Google and Azure exports → tollgate providers; others lower-cased as they are. */
export function normalizeProvider(name: string): string {
  const n = name.trim().toLowerCase();
  return Object.values(CLOUDS).find((c) => c.bill.isProviderName(n))?.id ?? n;
}
