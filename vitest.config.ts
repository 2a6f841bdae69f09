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
    // The settings are the suite's own too: no user config.yml and no TOLLGATE_* variable of the
    // person running it reaches a test (an empty variable counts as unset; src/config/).
    env: {
      TMPDIR: runTmp,
      TOLLGATE_NOW: '2026-11-25T12:00:00Z',
      XDG_CONFIG_HOME: join(runTmp, 'xdg-config'),
      TOLLGATE_FORMAT: '',
      TOLLGATE_PRICING_MAX_AGE_DAYS: '',
      TOLLGATE_ACTUALS_SOURCE: '',
      TOLLGATE_THRESHOLD: '',
      TOLLGATE_PRICES: '',
      // No user's cached catalog (pricing update --all) reaches a test: each that wants one builds its own.
      XDG_CACHE_HOME: join(runTmp, 'xdg-cache'),
      TOLLGATE_CACHE_DIR: '',
    },
    testTimeout: 20000,
  },
});
