import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fsyncSync, lstatSync, openSync, readFileSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * A file tollgate could not write (full disk, missing or read-only folder,
 * read-only file): said plainly, exit 1, the old file untouched. Never an
 * "internal error".
 */
export class WriteError extends Error {
  override name = 'WriteError';
}

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'part of its path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a folder',
  ELOOP: 'it is a loop of symlinks',
};

function failure(file: string, e: unknown, what = 'write'): WriteError {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  return new WriteError(`could not ${what} ${file}: ${REASONS[code] ?? (e as Error).message.split('\n')[0]}${code ? ` (${code})` : ''}; nothing was changed`);
}

/**
 * The file a write really lands on: a symlink is followed (to its target,
 * even one not created yet), so the edit reaches the real file and the link
 * stays a link.
 */
export function realTarget(file: string): string {
  let path = resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!lstatSync(path).isSymbolicLink()) return realpathOf(path);
      link = readlinkSync(path);
    } catch {
      return realpathOf(path);
    }
    path = resolve(dirname(path), link);
  }
  throw failure(file, Object.assign(new Error('too many symlinks'), { code: 'ELOOP' }));
}

/** The path with its folder's symlinks resolved too, when the folder exists. */
function realpathOf(path: string): string {
  try {
    return join(realpathSync(dirname(path)), basename(path));
  } catch {
    return path;
  }
}

export interface Writability {
  /** The real file a write lands on. */
  target: string;
  /** The file exists and is read-only: a write needs the user's yes. */
  readOnly: boolean;
}

/**
 * Whether `file` can be written, checked before anything is fetched that
 * costs money or time: its folder exists and is writable (the temp file and
 * the rename need that), and whether the file itself is read-only.
 */
export function checkWritable(file: string): Writability {
  const target = realTarget(file);
  const dir = dirname(target);
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw failure(file, e);
  }
  let readOnly = false;
  try {
    const stat = statSync(target);
    if (stat.isDirectory()) throw failure(file, Object.assign(new Error('folder'), { code: 'EISDIR' }));
    // No write bit at all is read-only by intent, even for root, whom access() always lets write.
    readOnly = (stat.mode & 0o222) === 0;
    try {
      accessSync(target, constants.W_OK);
    } catch {
      readOnly = true;
    }
  } catch (e) {
    if (e instanceof WriteError) throw e;
    /* not there yet: created by the write */
  }
  return { target, readOnly };
}

/** Whether writing `file` needs the user's yes first: it is read-only. False when it cannot be told (the write says why). */
export function isReadOnly(file: string): boolean {
  try {
    return checkWritable(file).readOnly;
  } catch {
    return false;
  }
}

export interface WriteOptions {
  /** The file's mode; when absent, the replaced file's mode is kept (a new file gets 0o644). */
  mode?: number;
  /** A read-only file is replaced only when this says yes; without it (no one to ask) it is refused. */
  readOnly?: 'refuse' | 'replace';
}

/** CRLF when most of the existing file's line breaks are CRLF. */
function usesCrlf(text: string): boolean {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const all = text.match(/\n/g)?.length ?? 0;
  return crlf > 0 && crlf * 2 >= all;
}

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* some file systems cannot sync a folder; the rename is still atomic */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The one way tollgate writes a file (a saved scenario, a refreshed pricing
 * table, a cache entry). Write `text` to `file` so that a reader, a crash or
 * a full disk never sees half of it: a temp file beside the real target (symlinks followed), synced,
 * renamed over it, the folder synced. The file keeps its mode and its line
 * endings (a CRLF file stays CRLF); a read-only file is replaced only when
 * asked to. On any failure the temp file is removed and the old file is as it was.
 */
export function writeAtomic(file: string, text: string, o: WriteOptions = {}): string {
  const { target, readOnly } = checkWritable(file);
  if (readOnly && o.readOnly !== 'replace') throw new WriteError(`${file} is read-only; not overwritten (make it writable, or save elsewhere)`);
  let mode = o.mode ?? 0o644;
  let body = text;
  try {
    const stat = statSync(target);
    mode = o.mode ?? stat.mode & 0o7777;
    if (usesCrlf(readFileSync(target, 'utf8'))) body = text.replace(/\r?\n/g, '\r\n');
  } catch {
    /* a new file */
  }
  const temp = join(dirname(target), `.${basename(target)}.tollgate-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o600);
    const bytes = Buffer.from(body, 'utf8');
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    // Set after writing: the mode given to open is masked by the umask, and a read-only mode would stop the write.
    chmodSync(temp, mode);
    renameSync(temp, target);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      /* never created */
    }
    throw failure(file, e);
  }
  fsyncDir(dirname(target));
  return target;
}
