import { rmSync } from 'node:fs';

/** Removes the per-run temp folder vitest.config.ts made, so test runs leave nothing behind in /tmp. */
export default function setup(): () => void {
  return () => {
    const dir = process.env.TOLLGATE_TEST_TMPDIR;
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
