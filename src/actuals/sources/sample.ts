import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../model/diagnostics.js';

/** The month the bundled sample bill covers (scripts/generate-sample-bill.ts). */
export const SAMPLE_MONTH = '2026-10';
/** The scenario the sample bill is written for, the only one it is offered for. */
export const SAMPLE_SCENARIO = 'recsys-feature-store';
const SAMPLE = join('scenarios', 'actuals', 'recsys-feature-store-2026-10.focus.csv');

/** The bundled sample bill, found from this module whether it runs bundled (dist/) or from src/. */
export function samplePath(month: string): string {
  if (month !== SAMPLE_MONTH) {
    throw new InputError([{ file: '--source sample', message: `the sample bill covers ${SAMPLE_MONTH} only, not ${month}`, suggestion: `use --month ${SAMPLE_MONTH}` }]);
  }
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, SAMPLE))) return join(dir, SAMPLE);
    dir = dirname(dir);
  }
  throw new Error(`the sample bill ${SAMPLE} is missing from the tollgate install`);
}
