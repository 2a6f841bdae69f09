// `npm run bench`: every figure printed as a ratio against a baseline measured in
// the same run, so results compare across machines. Each file in scripts/bench/
// measures one area and prints its own lines.
import { readdirSync } from 'node:fs';

// As shipped: the bundle defines NODE_ENV=production, so React and Ink run their production builds.
process.env.NODE_ENV ??= 'production';
// The figures are of the bundled tables unless a bench says otherwise: a catalog in the user's cache must not change them.
process.env.TOLLGATE_PRICES = 'bundled';

const dir = new URL('./bench/', import.meta.url);
const only = process.argv[2];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()) {
  if (only && !file.includes(only)) continue;
  const mod = await import(new URL(file, dir));
  // Helper modules (lib.mjs) have no default export: they measure nothing themselves.
  if (typeof mod.default === 'function') await mod.default();
}
