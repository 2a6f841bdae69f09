// A stand-in for the cache `pricing update --all` writes, at full-catalog scale: every
// bundled instance type priced (on demand and spot) in 60 regions per provider, the
// bundled regions and then made-up `bench-N` ones. BENCH DATA in a temp folder, never
// a price: each type's rate is its first bundled one, copied.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { Decimal } from '../../../src/model/decimal.js';
import type { PricingTableInput } from '../../../src/model/pricing.js';
import { PROVIDERS } from '../../../src/model/scenario.js';
import { catalogFile, compiledCatalogFile } from '../../../src/pricing/cache/files.js';
import { serializeTable } from '../../../src/pricing/compiled.js';
import { bundledPricingDir, readPricingFile } from '../../../src/pricing/load.js';

const REGIONS = 60;

/** Decimals as YAML numbers, as a table file writes them. */
const plain = (v: unknown): unknown =>
  Decimal.isDecimal(v) ? Number((v as Decimal).toString()) : Array.isArray(v) ? v.map(plain) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v;

/** Writes the catalogs under `dir` (a pricing cache folder) and returns how many rates they hold. */
export function writeFullCatalog(dir: string): number {
  let rates = 0;
  mkdirSync(join(dir, 'catalog'), { recursive: true });
  for (const provider of PROVIDERS) {
    const table: PricingTableInput = readPricingFile(join(bundledPricingDir(), `${provider}.yaml`)).table;
    const regions = { ...table.regions };
    for (let i = 0; Object.keys(regions).length < REGIONS; i++) regions[`bench-${i}`] = { continent: 'europe' };
    const names = Object.keys(regions);
    const instances = Object.fromEntries(
      Object.entries(table.instances ?? {}).map(([name, entry]) => {
        const rate = Object.values(entry.on_demand ?? entry.spot ?? {})[0] ?? new Decimal(1);
        const all = Object.fromEntries(names.map((r) => [r, rate]));
        rates += 2 * names.length;
        return [name, { ...entry, on_demand: all, spot: all, as_of: undefined, spot_as_of: undefined }];
      }),
    );
    const full = { ...table, regions, instances };
    const file = catalogFile(dir, provider);
    writeFileSync(file, stringify(plain(JSON.parse(JSON.stringify(full, (k, v) => (v === undefined ? undefined : v))))));
    writeFileSync(compiledCatalogFile(dir, provider), serializeTable(full, file));
  }
  return rates;
}
