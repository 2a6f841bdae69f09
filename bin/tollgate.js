#!/usr/bin/env node
// The CLI runs from the esbuild bundle, one CommonJS file that src/boot.ts compiles
// from V8's code cache: start-up neither resolves modules nor compiles them again.
import { fileURLToPath } from 'node:url';

let boot;
try {
  boot = await import('../dist/boot.js');
} catch (e) {
  if (e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/boot.js')) {
    process.stderr.write('tollgate: the CLI is not built yet; run `npm run build` (npm start and npm test build it first)\n');
    process.exit(1);
  }
  throw e;
}
boot.runBundle(fileURLToPath(new URL('../dist/tollgate.cjs', import.meta.url)));
