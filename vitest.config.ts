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
    env: { TMPDIR: runTmp },
    testTimeout: 20000,
  },
});
