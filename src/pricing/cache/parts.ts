import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from '../../redact.js';
import { WriteError, writeAtomic } from '../../write-atomic.js';

/** A finished part as kept: the day it was read and the items the API sent. */
interface PartFile {
  fetched: string;
  items: unknown[];
}

/**
 * The finished parts of one provider's build, one JSON file each, written
 * atomically: an interrupted build leaves only whole parts, and the next run
 * reads them instead of fetching them again. Only prices are kept — never a
 * credential or a request header. The folder is removed once the catalog
 * is written.
 */
export class PartStore {
  constructor(private readonly dir: string) {}

  private file(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  /** A part kept by an earlier run, or undefined (missing, or unreadable: fetched again rather than trusted). */
  read(id: string): PartFile | undefined {
    try {
      const part = JSON.parse(readFileSync(this.file(id), 'utf8')) as PartFile;
      return typeof part.fetched === 'string' && Array.isArray(part.items) ? part : undefined;
    } catch {
      return undefined;
    }
  }

  write(id: string, fetched: string, items: readonly unknown[]): void {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw new WriteError(`could not create the cache folder ${this.dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    // As every cache file: a service that echoed a token into its answer must not leave it on disk.
    writeAtomic(this.file(id), redact(JSON.stringify({ fetched, items: [...items] } satisfies PartFile)), { mode: 0o600 });
  }

  /** How many parts an earlier run left. */
  count(): number {
    try {
      return readdirSync(this.dir).filter((f) => f.endsWith('.json')).length;
    } catch {
      return 0;
    }
  }

  clear(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
