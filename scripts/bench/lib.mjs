// Shared measuring helpers for the bench scripts (not a bench itself: no default export).
import { execFileSync, spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inkTextCache } from '../ink-text-cache/plugin.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Wall time of a whole process, ms, median of `runs`. */
export function timeProcess(args, runs = 15, opts = {}) {
  const times = [];
  for (let i = 0; i < runs + 1; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    if (i > 0) times.push(ms); // the first run warms the file cache
  }
  return median(times);
}

/**
 * Bundle a TypeScript bench driver so it runs under plain node. With `asShipped`, its
 * packages are bundled too, built as the CLI's bundle builds them (production React,
 * Ink's text functions remembered across frames): the session's figures are of what ships.
 */
export async function loadDriver(name, { asShipped = false } = {}) {
  mkdirSync(`${ROOT}.bench`, { recursive: true });
  const outfile = `${ROOT}.bench/${name}.mjs`;
  const shipped = {
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'react-devtools-core': `${ROOT}scripts/stubs/react-devtools-core.mjs` },
    external: ['@duckdb/*', '@google-cloud/*', 'google-gax', '@aws-sdk/*'],
    banner: { js: "import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url);" },
    plugins: [inkTextCache],
  };
  await build({
    entryPoints: [`${ROOT}scripts/bench/drivers/${name}.ts`],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    ...(asShipped ? shipped : { packages: 'external' }),
    logLevel: 'warning',
  });
  return import(`${outfile}?t=${Date.now()}`);
}

export const fmt = (ms) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
export const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
export { execFileSync };
