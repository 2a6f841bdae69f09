/**
 * One discipline for every call tollgate makes to a remote service (Cost
 * Explorer, BigQuery, the AWS, Google and Azure pricing APIs): one deadline
 * for the whole command, a cap on pages and a check that a page token never
 * comes back, bounded retries that wait as long as the service asks
 * (Retry-After) but never past the deadline, and a plain message — not an
 * "internal error" — when it gives up. A misbehaving service can cost time
 * up to the deadline and requests up to the cap, never more.
 */

import { ServiceError } from '../model/errors.js';

/** Seconds a command may spend on remote calls when --timeout is not given. */
export const DEFAULT_TIMEOUT_SECONDS = { actuals: 120, pricing: 300, comment: 120, catalog: 3600 } as const;

/** The service misbehaved or did not answer in time: exit 1 with what happened; nothing written, nothing cached. */
export class RemoteGaveUp extends ServiceError {
  override name = 'RemoteGaveUp';
}

/** `--timeout`: seconds, or a number with s, m or h. Undefined when it is not a duration. */
export function parseTimeout(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h)?$/i.exec(text.trim());
  if (!m) return undefined;
  const scale = { s: 1, m: 60, h: 3600 }[(m[2] ?? 's').toLowerCase() as 's' | 'm' | 'h'];
  const ms = Math.round(Number(m[1]) * scale * 1000);
  return ms > 0 ? ms : undefined;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

export class Deadline {
  readonly signal: AbortSignal;
  private readonly end: number;

  constructor(readonly ms: number) {
    this.end = Date.now() + ms;
    this.signal = AbortSignal.timeout(ms);
  }

  remaining(): number {
    return Math.max(0, this.end - Date.now());
  }

  expired(what: string): RemoteGaveUp {
    return new RemoteGaveUp(`${what} did not finish within --timeout ${seconds(this.ms)}; gave up (raise --timeout if the service is just slow)`);
  }

  /**
   * The promise's value, or RemoteGaveUp once the deadline passes — whatever
   * the client is doing (a server trickling one byte at a time resets any
   * per-request idle timer). A google-gax call is cancelled too.
   */
  async race<T>(what: string, promise: Promise<T> & { cancel?: () => void }): Promise<T> {
    if (this.remaining() === 0) throw this.expired(what);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        promise.cancel?.();
        reject(this.expired(what));
      }, this.remaining());
    });
    // A rejection after the deadline won must not surface as an unhandled one.
    promise.catch(() => undefined);
    try {
      return await Promise.race([promise, late]);
    } catch (e) {
      // An aborted request (the signal fired) is the deadline too.
      if (this.remaining() === 0 && !(e instanceof RemoteGaveUp)) throw this.expired(what);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Wait `ms` as a service asked, or give up now when that would pass the deadline. */
  async wait(what: string, ms: number): Promise<void> {
    if (ms >= this.remaining()) {
      throw new RemoteGaveUp(`${what} asked to wait ${seconds(ms)} before trying again, longer than the ${seconds(this.remaining())} left of --timeout ${seconds(this.ms)}; gave up (try again later)`);
    }
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

export interface PageLimits {
  /** For messages: "Cost Explorer GetCostAndUsage". */
  what: string;
  /** No answer this tool needs has more pages; past it the service is looping. */
  maxPages: number;
  deadline: Deadline;
  onPage?: (pages: number) => void;
}

/**
 * Every page of a listing: each fetched under the deadline, stopped when a
 * page token repeats (the service would loop forever) or the page cap is
 * passed (each page may be billed: Cost Explorer charges $0.01 a request).
 */
export async function allPages<T>(o: PageLimits, fetchPage: (token: string | undefined) => Promise<{ items: readonly T[]; next?: string | null | undefined }>): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await o.deadline.race(o.what, fetchPage(token));
    items.push(...page.items);
    o.onPage?.(pages);
    const next = page.next || undefined;
    if (next === undefined) return items;
    if (seen.has(next)) throw new RemoteGaveUp(`${o.what} sent a page token it had sent before (page ${pages + 1}): it would repeat pages forever; stopped after ${pages} pages, no total was computed`);
    if (pages >= o.maxPages) throw new RemoteGaveUp(`${o.what} kept sending more pages: stopped at ${o.maxPages}, more than any real answer has; no total was computed`);
    seen.add(next);
    token = next;
  }
}

/** A Retry-After header (seconds, or an HTTP date) in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface HttpGetOptions {
  what: string;
  deadline: Deadline;
  /** Tries in all, throttled (429) or unavailable (503) ones included. */
  attempts: number;
  /** Told before each wait, so progress can say what it is waiting for. */
  onWait?: (ms: number, why: string) => void;
}

/**
 * GET a URL under the deadline, retrying a 429 or 503 after its Retry-After
 * (or a doubling backoff without one) at most `attempts` times in all. The
 * body is left unread: the caller reads it whole (httpGetText) or as a stream
 * (a bulk offer file is too large for one string); the deadline's signal
 * aborts that read too.
 */
export async function httpGet(url: string, o: HttpGetOptions): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const res = await o.deadline.race(o.what, fetch(url, { signal: o.deadline.signal }));
    if ((res.status === 429 || res.status === 503) && attempt < o.attempts) {
      const wait = retryAfterMs(res.headers.get('retry-after')) ?? 1000 * 2 ** (attempt - 1);
      await res.body?.cancel();
      o.onWait?.(wait, `${res.status === 429 ? 'throttled (429)' : 'unavailable (503)'}, Retry-After ${seconds(wait)}; attempt ${attempt + 1} of ${o.attempts}`);
      await o.deadline.wait(o.what, wait);
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new RemoteGaveUp(`${o.what} answered ${res.status} ${res.statusText}${attempt > 1 ? ` after ${attempt} tries` : ''}`);
    }
    return res;
  }
}

/** GET a URL and read its body as text, every byte under the deadline (see httpGet). */
export async function httpGetText(url: string, o: HttpGetOptions): Promise<string> {
  const res = await httpGet(url, o);
  return o.deadline.race(o.what, res.text());
}
