import type { Io } from '../cli/verb.js';
import type { FetchProgress } from '../providers/progress.js';

/** One line on a terminal, rewritten in place: the fetch can take minutes on a slow or throttled API. */
export function progressLine(io: Io): ((p: FetchProgress) => void) | undefined {
  if (!(io.stderr as { isTTY?: boolean }).isTTY) return undefined;
  return (p) => {
    const wait = p.waitingMs ? ` · throttled, retrying in ${Math.ceil(p.waitingMs / 1000)} s` : '';
    io.stderr.write(`\r\x1b[K${p.query}: ${p.pages} page${p.pages === 1 ? '' : 's'} · ${p.seen} seen${wait}`);
  };
}
