import { resolve } from 'node:path';
import { priceLoaded } from '../commands/project.js';
import { loadScenario } from '../model/load-scenario.js';
import { PROVIDERS } from '../model/scenario.js';
import { loadPricingBook } from '../pricing/load.js';
import { rangeNotes } from './edits.js';
import { openDoc, type DocState } from './state.js';

/**
 * A scenario ready for the session. All three providers' tables are loaded (the
 * instance picker offers every cloud); the estimate still lists only the tables
 * it used. Bad input throws the same located InputError `estimate` reports.
 */
export function loadDoc(file: string, extraPricing: readonly string[] = []): DocState {
  const loaded = loadScenario(file);
  const overrides = [...loaded.overrides, ...extraPricing.map((p) => ({ path: resolve(p) }))];
  const book = loadPricingBook(PROVIDERS, overrides);
  const estimate = priceLoaded(loaded, book);
  return openDoc(file, loaded.source.text, { scenario: loaded.scenario, estimate }, book, rangeNotes(loaded.uncertain), loaded.uncertain);
}
