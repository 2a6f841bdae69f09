import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Every temp file a test (or a CLI it spawns) makes lands in one folder per
// run; test/global-setup.ts removes it when the run ends.
const runTmp = mkdtempSync(join(tmpdir(), 'tollgate-test-run-'));
process.env.TOLLGATE_TEST_TMPDIR = runTmp;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/global-setup.ts'],
    // The clock is pinned so a test never depends on the day it runs (pricing staleness, which
    // month is over, Cost Explorer's daily history); a test that needs another day sets its own.
    env: { TMPDIR: runTmp, TOLLGATE_NOW: '2026-11-25T12:00:00Z' },
    testTimeout: 20000,
  },
});
