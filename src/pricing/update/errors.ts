import type { Provider } from '../../model/scenario.js';

/** A pricing API could not be read (unreachable, refused, still throttled): reported plainly, exit 1, nothing written. */
export class PricingApiError extends Error {}

const API: Record<Provider, string> = {
  aws: 'the AWS Price List Query API',
  gcp: 'the Google Cloud Billing Catalog API',
  azure: 'the Azure Retail Prices API',
};

/** What went wrong, and what to do about it; never the credentials themselves. */
export function describeFetchError(provider: Provider, e: unknown): string {
  const err = e as { name?: string; code?: number | string; message?: string; cause?: { code?: string } } | null;
  const name = err?.name ?? '';
  const message = (err?.message ?? String(e)).split('\n')[0]!;
  const network = err?.cause?.code ?? (typeof err?.code === 'string' ? err.code : undefined);
  if (network && /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EAI_AGAIN)$/.test(network)) return `could not reach ${API[provider]} (${network})`;
  if (provider === 'aws') {
    if (name === 'CredentialsProviderError' || /credential/i.test(message)) {
      return 'no AWS credentials found: set AWS_PROFILE (or use `aws sso login` / the default credential chain); the credentials need the pricing:GetProducts permission';
    }
    if (name === 'AccessDeniedException') return 'access denied: the AWS credentials need the pricing:GetProducts permission';
    if (name === 'ThrottlingException') return `${API.aws} is still throttling after repeated retries; try again in a few minutes`;
  }
  if (provider === 'gcp') {
    // google-gax status codes: 7 PERMISSION_DENIED, 16 UNAUTHENTICATED, 8 RESOURCE_EXHAUSTED.
    if (err?.code === 7 || err?.code === 16 || /Could not load the default credentials/.test(message)) {
      return 'the Catalog API refused the request: set TOLLGATE_GCP_API_KEY to an API key of a project with the Cloud Billing API enabled, or sign in with `gcloud auth application-default login`';
    }
    if (err?.code === 8) return `${API.gcp} is still throttling after repeated retries; try again in a few minutes`;
  }
  return `${API[provider]} failed: ${message}`;
}
