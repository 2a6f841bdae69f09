/**
 * Secrets out of everything tollgate prints, logs or caches. Two nets: the
 * values of the credential variables set in this process (whatever their
 * shape), and text shaped like a well-known key or token (an AWS key id, a
 * Google OAuth token or API key, a GitHub or GitLab token, a JWT, a bearer
 * header) even when it came from a file or a service's error text.
 */

/** Environment variables whose values are credentials, by name. */
const SECRET_NAME = /(^|_)(SECRET|TOKEN|PASSWORD|PASSWD|API_?KEY|ACCESS_KEY|PRIVATE_KEY|AUTH)(_|$)|^AWS_ACCESS_KEY_ID$/i;
/** Names that hold where a credential is (a file, a folder), not the credential itself. */
const LOCATION_NAME = /_(FILE|PATH|DIR|URL|ENDPOINT)$/i;

/** Shapes of published credential formats: specific enough that billing data never matches them. */
const SHAPES: RegExp[] = [
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g, // AWS access key ids
  /\bya29\.[\w-]{20,}/g, // Google OAuth access tokens
  /\bAIza[\w-]{30,}/g, // Google API keys
  /\b1\/\/0[\w-]{20,}/g, // Google refresh tokens
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b/g, // GitHub tokens
  /\bgithub_pat_\w{30,}\b/g,
  /\bglpat-[\w-]{20,}\b/g, // GitLab
  /\bxox[abposr]-[\w-]{10,}\b/g, // Slack
  /\bsk-[A-Za-z0-9_-]{20,}\b/g, // API keys of the sk- family
  /\beyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/g, // JWTs
  /\b(Bearer|Basic)\s+[\w.~+/=-]{16,}/gi, // authorization headers
  /\bIQoJb3JpZ2luX2Vj[\w+/=]{10,}/g, // AWS session tokens (base64 of "origin_ec")
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
];

/** `SECRET_NAME=value` / `"api_key": "value"` pairs in echoed text: the value goes, the name stays. */
const ASSIGNED = /\b([\w-]*(?:SECRET|TOKEN|PASSWORD|PASSWD|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)[\w-]*)(["']?\s*[:=]\s*["']?)([^\s"',;&]{4,})/gi;

export const REDACTED = '[redacted]';

let cached: { env: NodeJS.ProcessEnv; values: string[] } | undefined;

function secretValues(env: NodeJS.ProcessEnv): string[] {
  if (cached?.env === env) return cached.values;
  const values = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && !LOCATION_NAME.test(name) && value !== undefined && value.length >= 8)
    .map(([, value]) => value!)
    // Longest first, so a value containing another is replaced whole.
    .sort((a, b) => b.length - a.length);
  cached = { env, values };
  return values;
}

/** The text with every credential value and credential-shaped token replaced by [redacted]. */
export function redact(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text;
  for (const value of secretValues(env)) if (out.includes(value)) out = out.split(value).join(REDACTED);
  for (const shape of SHAPES) out = out.replace(shape, (m, scheme?: string) => (typeof scheme === 'string' && /^(bearer|basic)$/i.test(scheme) ? `${scheme} ${REDACTED}` : REDACTED));
  return out.replace(ASSIGNED, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`);
}

/** A stream whose text passes through redact() on its way out: stderr, where every message and progress line goes. */
export function redacting<S extends NodeJS.WritableStream>(stream: S, env: NodeJS.ProcessEnv = process.env): S {
  return new Proxy(stream, {
    get(target, prop, receiver) {
      if (prop === 'write') {
        return (chunk: unknown, ...rest: unknown[]) =>
          (target.write as (...a: unknown[]) => boolean).call(target, typeof chunk === 'string' ? redact(chunk, env) : chunk, ...rest);
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
