import { Agent, RetryAgent, fetch } from 'undici';
import { ServiceError, UsageError } from '../model/errors.js';

/** A forge failed (unreachable, still rate limiting after the retries, a server error): main says so, exit 1. */
export class ForgeError extends ServiceError {}

/** How many times a request is retried after 429 / 503, and the longest wait between tries (Retry-After beyond it is cut to it). */
export const RETRY = { maxRetries: 3, minTimeout: 500, maxTimeout: 20_000 } as const;

export interface Http {
  /** JSON in, JSON out; a refusal the caller can fix (401, 403, 404, …) is a UsageError (exit 2), a failure a ForgeError (exit 1), each saying what to do. */
  json<T>(method: string, url: string, body?: unknown): Promise<{ data: T; headers: Headers }>;
}

/** Secrets never leave in a message, even when a server echoes them back. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length >= 4).reduce((t, s) => t.split(s).join('***'), text);
}

function hint(status: number, what: string): { text: string; input: boolean } {
  if (status === 401) return { text: `the token was refused (401): check that ${what} is set and still valid`, input: true };
  if (status === 403) return { text: `the token may not do this (403): it needs permission to write pull request comments`, input: true };
  if (status === 404) return { text: 'not found (404): check the repository, the pull request number and that the token can see them', input: true };
  if (status === 429) return { text: `rate limited (429), still after ${RETRY.maxRetries} retries honouring Retry-After; try again later`, input: false };
  return { text: `the server answered ${status}`, input: status < 500 };
}

/** undici's fetch with its RetryAgent: 429 and 503 are retried (a bounded number of times, waiting as Retry-After says); they mean nothing was done, so POST is safe to repeat. */
export function http(opts: { forge: string; headers: Record<string, string>; tokenName: string; secrets: readonly string[] }): Http {
  const dispatcher = new RetryAgent(new Agent(), {
    ...RETRY,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    statusCodes: [429, 503],
    throwOnError: false,
  });
  return {
    async json<T>(method: string, url: string, body?: unknown) {
      const where = `${method} ${redact(new URL(url).origin + new URL(url).pathname, opts.secrets)}`;
      let res;
      try {
        res = await fetch(url, {
          method,
          dispatcher,
          headers: { ...opts.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (e) {
        const cause = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
        throw new ForgeError(`${opts.forge}: ${where}: ${redact(cause, opts.secrets)}`);
      }
      const text = await res.text();
      if (!res.ok) {
        const h = hint(res.status, opts.tokenName);
        const detail = text ? `; the server said: ${redact(text.slice(0, 300), opts.secrets)}` : '';
        const message = `${opts.forge}: ${where}: ${h.text}${detail}`;
        throw h.input ? new UsageError(message) : new ForgeError(message);
      }
      return { data: (text ? JSON.parse(text) : undefined) as T, headers: res.headers as unknown as Headers };
    },
  };
}

/** The most pages of comments read before giving up on finding tollgate's (a pull request with 5,000+ comments). */
export const PAGE_CAP = 50;

/** Follow a forge's "next page" until there is none, or PAGE_CAP pages; `truncated` says the cap was hit. */
export async function paginate<T>(first: string, page: (url: string) => Promise<{ items: T[]; next?: string }>): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let url: string | undefined = first;
  for (let n = 0; url !== undefined; n++) {
    if (n === PAGE_CAP) return { items, truncated: true };
    const p = await page(url);
    items.push(...p.items);
    url = p.next;
  }
  return { items, truncated: false };
}

/** RFC 8288 Link header's rel="next" (GitHub, and GitLab besides X-Next-Page). */
export function nextLink(headers: Headers): string | undefined {
  const link = headers.get('link');
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}
