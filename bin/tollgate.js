#!/usr/bin/env node
// The CLI runs from the esbuild bundle: one file to load keeps start-up fast.
import module from 'node:module';

// Node 22.1 and later keep the bundle's compiled code on disk between runs (in the
// system's temp folder), so a start-up skips compiling it; Node 20 has no such call.
module.enableCompileCache?.();
try {
  await import('../dist/tollgate.js');
} catch (e) {
  if (e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/tollgate.js')) {
    process.stderr.write('tollgate: the CLI is not built yet; run `npm run build` (npm start and npm test build it first)\n');
    process.exit(1);
  }
  throw e;
}
