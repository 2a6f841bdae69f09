import { PROVIDERS, type Provider } from './scenario.js';
import { didYouMean } from './suggest.js';

export type Endpoint =
  | { kind: 'cloud'; provider: Provider; region: string; zone?: string }
  | { kind: 'internet' }
  | { kind: 'on-prem' };

export class EndpointError extends Error {
  constructor(
    message: string,
    readonly suggestion?: string,
  ) {
    super(message);
  }
}

const FORM = 'write provider:region[:zone] (e.g. aws:us-east-1 or gcp:us-central1:us-central1-a), internet or on-prem';

// A scenario names a handful of endpoints and every Monte Carlo sample prices them again.
const parsed = new Map<string, Readonly<Endpoint>>();

/** `provider:region[:zone]`, `internet` or `on-prem`; the result is shared, never to be mutated. */
export function parseEndpoint(text: string): Readonly<Endpoint> {
  let endpoint = parsed.get(text);
  if (endpoint === undefined) {
    endpoint = Object.freeze(parseText(text));
    parsed.set(text, endpoint);
  }
  return endpoint;
}

function parseText(text: string): Endpoint {
  if (text === 'internet') return { kind: 'internet' };
  if (text === 'on-prem') return { kind: 'on-prem' };
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new EndpointError(
      `endpoint ${JSON.stringify(text)} is not provider:region[:zone], internet or on-prem`,
      didYouMean(text, ['internet', 'on-prem']) ?? FORM,
    );
  }
  const [provider, region, zone] = parts as [string, string, string | undefined];
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new EndpointError(
      `unknown provider ${JSON.stringify(provider)} in endpoint ${JSON.stringify(text)}`,
      didYouMean(provider, PROVIDERS) ?? `providers: ${PROVIDERS.join(', ')}`,
    );
  }
  return zone === undefined
    ? { kind: 'cloud', provider: provider as Provider, region }
    : { kind: 'cloud', provider: provider as Provider, region, zone };
}

export function formatEndpoint(e: Endpoint): string {
  if (e.kind !== 'cloud') return e.kind;
  return [e.provider, e.region, e.zone].filter(Boolean).join(':');
}
