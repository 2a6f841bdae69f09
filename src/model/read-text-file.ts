import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputError, type Diagnostic, type Position } from './diagnostics.js';

/** A YAML file larger than this is refused before it is read: a scenario or table is a few KB. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** `TOLLGATE_MAX_FILE_SIZE`: bytes, or a number with KB / MB (1024-based), e.g. `20MB`. */
export function maxFileBytes(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.TOLLGATE_MAX_FILE_SIZE?.trim();
  if (!text) return DEFAULT_MAX_FILE_BYTES;
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib)?$/i.exec(text);
  if (!m) {
    throw new InputError([{ file: 'TOLLGATE_MAX_FILE_SIZE', message: `not a size: ${JSON.stringify(text.slice(0, 20))}`, suggestion: 'write bytes, or a number with KB or MB, e.g. 20MB' }]);
  }
  const unit = (m[2] ?? 'b').toLowerCase();
  const scale = unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('k') ? 1024 : 1;
  return Math.floor(Number(m[1]) * scale);
}

export interface ReadOptions {
  /** The name errors show (relative to the working folder, as the user wrote it). */
  display: string;
  /** What to say when the file is missing or unreadable. */
  notFound: Omit<Diagnostic, 'file'>;
  maxBytes?: number;
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;
}

/**
 * Read a user's text file safely: a regular file only (a FIFO would block, a
 * device like /dev/zero never ends; a symlink counts as what it points to),
 * at most `maxBytes`, and UTF-8 — any other encoding is named rather than
 * parsed into nonsense. The file is opened non-blocking and checked on its
 * descriptor, so what is checked is what is read.
 */
export function readTextFile(file: string, o: ReadOptions): string {
  const fail = (d: Omit<Diagnostic, 'file'>): never => {
    throw new InputError([{ file: o.display, ...d }]);
  };
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return fail({ message: 'is a folder, not a file' });
    return fail(o.notFound);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return fail({ message: 'is a folder, not a file' });
    if (!stat.isFile()) {
      const kind = stat.isFIFO() ? 'a pipe (FIFO)' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : stat.isSocket() ? 'a socket' : 'not a regular file';
      return fail({ message: `is ${kind}, not a regular file; tollgate reads only regular files`, suggestion: 'save the content to a file and name that file' });
    }
    const max = o.maxBytes ?? maxFileBytes();
    if (stat.size > max) {
      return fail({
        message: `is ${mb(stat.size)}, larger than the ${mb(max)} tollgate reads (a scenario or pricing table is a few KB)`,
        suggestion: 'check this is the file you meant; to read a larger one set TOLLGATE_MAX_FILE_SIZE (e.g. 50MB)',
      });
    }
    // One byte more than the cap: a file growing while read is still cut off.
    const buf = Buffer.alloc(Math.min(stat.size, max) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
      if (length >= buf.length) return fail({ message: `grew past ${mb(max)} while being read`, suggestion: 'wait until the file is written, then run again' });
    }
    return decode(buf.subarray(0, length), fail);
  } finally {
    closeSync(fd);
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** The encoding a byte order mark or the pattern of zero bytes gives away; undefined for UTF-8 (or plain ASCII). */
export function detectEncoding(bytes: Buffer): string | undefined {
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])) return 'UTF-32';
  if (startsWith(bytes, [0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe])) return 'UTF-16';
  // Without a mark, ASCII text in UTF-16 has every other byte zero.
  const sample = bytes.subarray(0, 512);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 === 0 ? evenZeros++ : oddZeros++;
  const pairs = Math.floor(sample.length / 2);
  if (pairs >= 2 && Math.max(evenZeros, oddZeros) >= pairs * 0.4) return 'UTF-16';
  return undefined;
}

function positionOf(bytes: Buffer, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: Buffer.from(bytes.subarray(start, offset)).toString('utf8').length + 1 };
}

/** The first byte that does not start or continue a UTF-8 sequence (only run once decoding failed). */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k] ?? 0) >> 6 !== 0b10) return i;
    i += len;
  }
  return 0;
}

function decode(bytes: Buffer, fail: (d: Omit<Diagnostic, 'file'>) => never): string {
  const encoding = detectEncoding(bytes);
  if (encoding) return fail({ position: { line: 1, col: 1 }, message: `this file is ${encoding}; tollgate reads UTF-8`, suggestion: 'save it as UTF-8 (in most editors: Save with Encoding → UTF-8)' });
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    return fail({
      position: positionOf(body, at),
      message: `this file is not valid UTF-8 (byte 0x${body[at]?.toString(16).padStart(2, '0') ?? '??'}); it may be Latin-1 or Windows-1252`,
      suggestion: 'save it as UTF-8',
    });
  }
}
