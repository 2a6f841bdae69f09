// Writes scenarios/schema.json from the zod scenario schema and the bundled catalog (editors use it to autocomplete).
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../src/model/scenario-json-schema.js';
import { PROVIDERS } from '../src/model/scenario.js';
import { loadPricingBook } from '../src/pricing/load.js';

const file = new URL('../scenarios/schema.json', import.meta.url);
const tables = Object.values(loadPricingBook(PROVIDERS, []).tables);
writeFileSync(file, `${JSON.stringify(scenarioJsonSchema(tables), null, 2)}\n`);
console.log(`wrote ${file.pathname}`);
