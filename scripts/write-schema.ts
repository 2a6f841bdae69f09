// Writes scenarios/schema.json from the zod scenario schema (editors use it to autocomplete).
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../src/model/scenario-json-schema.js';

const file = new URL('../scenarios/schema.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file.pathname}`);
