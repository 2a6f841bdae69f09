import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface WriteOptions {
  /** The new file's mode; when absent, the replaced file's mode is kept (a new file gets the umask's default). */
  mode?: number;
}

function modeOf(file: string): number | undefined {
  try {
    return statSync(file).mode;
  } catch {
    return undefined;
  }
}

/**
 * The one way tollgate writes a file (a saved scenario, a refreshed pricing
 * table, a cache entry): a temp file in the same folder, then rename, so a
 * crash leaves the old file or the new one, never half of one. The temp file
 * is removed when anything fails.
 */
export function writeAtomic(file: string, text: string, options: WriteOptions = {}): void {
  const temp = join(dirname(file), `.${basename(file)}.tollgate-${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, options.mode === undefined ? 'utf8' : { encoding: 'utf8', mode: options.mode });
    // writeFileSync's mode is masked by the umask, and an existing file's mode is not copied: set it.
    const mode = options.mode ?? modeOf(file);
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, file);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      /* never created */
    }
    throw e;
  }
}
