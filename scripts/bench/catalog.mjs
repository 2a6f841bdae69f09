// Issue 12 figures: `pricing show` over the whole bundled catalog (three tables, every
// instance and region), and over a cached full catalog (`pricing update --all`) at
// full-catalog scale, each against bare node in the same run. Target: <= 300 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, loadDriver, ratio, timeProcess } from './lib.mjs';

export default async function () {
  const bare = timeProcess(['-e', '0']);
  const table = timeProcess(['bin/tollgate.js', 'pricing', 'show']);
  console.log(`catalog     pricing show (all rows, table): ${fmt(table)} = ${ratio(table, bare)} node -e 0 (${fmt(bare)}); target <= 300 ms`);
  const all = timeProcess(['bin/tollgate.js', 'pricing', 'show', '--format', 'json']);
  console.log(`catalog     pricing show (all rows, json): ${fmt(all)} = ${ratio(all, bare)} node -e 0; target <= 300 ms`);
  const filtered = timeProcess(['bin/tollgate.js', 'pricing', 'show', '--gpu', 'H100', '--region', 'eu*', '--max-price', '15']);
  console.log(`catalog     pricing show --gpu --region glob --max-price: ${fmt(filtered)} = ${ratio(filtered, bare)} node -e 0; target <= 300 ms`);

  const cache = mkdtempSync(join(tmpdir(), 'tollgate-bench-cache-'));
  try {
    const { writeFullCatalog } = await loadDriver('catalog-cache');
    const rates = writeFullCatalog(join(cache, 'tollgate', 'pricing'));
    const env = { ...process.env, XDG_CACHE_HOME: cache, TOLLGATE_CACHE_DIR: '', TOLLGATE_PRICES: 'cache' };
    const cachedTable = timeProcess(['bin/tollgate.js', 'pricing', 'show'], 15, { env, maxBuffer: 1 << 28 });
    console.log(`catalog     pricing show, cached full catalog (${rates} rates, all rows, table): ${fmt(cachedTable)} = ${ratio(cachedTable, bare)} node -e 0; ${ratio(cachedTable, table)} the bundled tables; target <= 300 ms`);
    const cached = timeProcess(['bin/tollgate.js', 'pricing', 'show', '--format', 'json'], 15, { env, maxBuffer: 1 << 28 });
    console.log(`catalog     pricing show, cached full catalog (${rates} rates, all rows, json): ${fmt(cached)} = ${ratio(cached, bare)} node -e 0; ${ratio(cached, all)} the bundled tables; target <= 300 ms`);
    const gpu = timeProcess(['bin/tollgate.js', 'pricing', 'show', '--gpu', 'H100'], 15, { env });
    console.log(`catalog     pricing show --gpu H100, cached full catalog: ${fmt(gpu)} = ${ratio(gpu, bare)} node -e 0; target <= 300 ms`);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
