// Build step: validate the bundled pricing tables and write them as JSON next to the bundle.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeTable } from '../src/pricing/compiled.js';
import { bundledPricingDir, readPricingFile } from '../src/pricing/load.js';

const [outDir] = process.argv.slice(2);
if (!outDir) throw new Error('usage: compile-pricing OUT_DIR');
mkdirSync(outDir, { recursive: true });
const dir = bundledPricingDir();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
  const yamlFile = join(dir, file);
  writeFileSync(join(outDir, file.replace(/\.yaml$/, '.json')), serializeTable(readPricingFile(yamlFile).table, yamlFile));
}
