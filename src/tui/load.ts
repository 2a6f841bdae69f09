import { projectFile } from '../projection.js';
import type { Prices } from '../pricing/cache/files.js';
import { rangeNotes } from './edits.js';
import { openDoc, type DocState } from './state.js';

/**
 * A scenario ready for the session, with every provider's table loaded (the
 * instance picker offers every cloud). Bad input throws the same located
 * InputError `estimate` reports.
 */
export function loadDoc(file: string, extraPricing: readonly string[] = [], prices?: Prices): DocState {
  const { loaded, book, estimate } = projectFile(file, extraPricing, { allProviders: true, prices });
  return openDoc(file, loaded.source.text, { scenario: loaded.scenario, estimate }, book, rangeNotes(loaded.uncertain), loaded.uncertain);
}
