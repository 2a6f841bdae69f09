import type { Io } from '../cli/verb.js';
import type { FetchProgress } from '../providers/progress.js';

/** One line on a terminal, rewritten in place: the fetch can take minutes on a slow or throttled API. */
export function progressLine(io: Io): ((p: FetchProgress) => void) | undefined {
  if (!(io.stderr as { isTTY?: boolean }).isTTY) return undefined;
  return (p) => {
    if (p.bytes) {
      io.stderr.write(`\r\x1b[K${p.query}: ${bar(p.bytes.read, p.bytes.total)} · ${p.seen} kept`);
      return;
    }
    const wait = p.waitingMs ? ` · throttled, retrying in ${Math.ceil(p.waitingMs / 1000)} s` : '';
    io.stderr.write(`\r\x1b[K${p.query}: ${p.pages} page${p.pages === 1 ? '' : 's'} · ${p.seen} seen${wait}`);
  };
}

/** `[########------------] 40% 180/450 MB`: how far into a file a read is. */
export function bar(read: number, total: number, width = 20): string {
  const share = total > 0 ? Math.min(1, read / total) : 1;
  const full = Math.round(share * width);
  const mb = (n: number) => Math.round(n / 1e6);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${Math.floor(share * 100)}% ${mb(read)}/${mb(total)} MB`;
}
