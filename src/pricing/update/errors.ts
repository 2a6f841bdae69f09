import { ServiceError } from '../../model/errors.js';
import type { Provider } from '../../model/scenario.js';
import { cloud } from '../../providers/index.js';

/** A pricing API could not be read (unreachable, refused, still throttled): reported plainly, exit 1, nothing written. */
export class PricingApiError extends ServiceError {}

/** What went wrong, and what to do about it; never the credentials themselves. */
export function describeFetchError(provider: Provider, e: unknown): string {
  const err = e as { name?: string; code?: number | string; message?: string; cause?: { code?: string } } | null;
  const name = err?.name ?? '';
  const message = (err?.message ?? String(e)).split('\n')[0]!;
  const network = err?.cause?.code ?? (typeof err?.code === 'string' ? err.code : undefined);
  const { api, describeError } = cloud(provider).prices;
  if (network && /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EAI_AGAIN)$/.test(network)) return `could not reach ${api} (${network})`;
  return describeError({ name, message, ...(err?.code !== undefined ? { code: err.code } : {}) }) ?? `${api} failed: ${message}`;
}
