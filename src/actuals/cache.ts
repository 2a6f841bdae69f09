import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { cacheRoot } from '../cache-dir.js';
import { join } from 'node:path';
import { redact } from '../redact.js';
import { WriteError, writeAtomic } from '../write-atomic.js';

/**
 * An on-disk cache for paid API answers (Cost Explorer bills $0.01 a request).
 * It holds billing data only — never credentials — in files only the user can
 * read (0600 in a 0700 folder), written atomically so a crash never leaves a
 * half-written answer that would later be read as a wrong total.
 */

export function cacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

function fileFor(namespace: string, key: string, root: string): string {
  return join(root, namespace, `${key}.json`);
}

export function readCache(namespace: string, key: string, root = cacheRoot()): unknown {
  try {
    return JSON.parse(readFileSync(fileFor(namespace, key, root), 'utf8'));
  } catch {
    // Missing or unreadable: fetch again rather than trust it.
    return undefined;
  }
}

function writeCache(namespace: string, key: string, value: unknown, root = cacheRoot()): string {
  const dir = join(root, namespace);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new WriteError(`could not create the cache folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  // A service that echoed a token into its answer must not leave it on disk.
  return writeAtomic(fileFor(namespace, key, root), redact(JSON.stringify(value)), { mode: 0o600 });
}

/**
 * Cache an answer already paid for; when the cache cannot be written (full
 * disk, read-only folder) the answer is still used, and the note says why the
 * next run will pay again. Never a failed check for a local disk problem.
 */
export function keepAnswer(namespace: string, key: string, value: unknown, root = cacheRoot()): string[] {
  try {
    writeCache(namespace, key, value, root);
    return [];
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    return [`the answer was used but not cached (${e.message}); the next run will fetch it again`];
  }
}
