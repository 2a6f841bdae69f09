import type { Io } from '../cli/verb.js';

/**
 * `placements [########------------] 40% 2,074/5,184` on one stderr line,
 * rewritten in place, on a terminal only (never in a pipe or CI log). Drawn
 * at most every 100 ms and only for searches long enough to need it.
 */
export function progressBar(io: Io, width = 20): { update: (done: number, total: number) => void; done: () => void } | undefined {
  if (!(io.stderr as { isTTY?: boolean }).isTTY) return undefined;
  const started = Date.now();
  let drawn = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - started < 300 || now - drawn < 100) return;
      drawn = now;
      shown = true;
      const share = total > 0 ? done / total : 1;
      const full = Math.round(share * width);
      io.stderr.write(`\r\x1b[Kplacements [${'#'.repeat(full)}${'-'.repeat(width - full)}] ${Math.floor(share * 100)}% ${done}/${total}`);
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[K');
    },
  };
}
