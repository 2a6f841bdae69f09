import { fileURLToPath } from 'node:url';
import { parseScenario, providersOf } from '../src/model/load-scenario.js';
import { loadPricingBook } from '../src/pricing/load.js';
import { priceLoaded } from '../src/projection.js';
import type { Estimate } from '../src/model/estimate.js';
import { InputError } from '../src/model/diagnostics.js';

export const FIXTURE_PRICING = fileURLToPath(new URL('./fixtures/pricing/', import.meta.url));
export const REPO = fileURLToPath(new URL('..', import.meta.url));
/** The bundled tables as they were before the catalog grew (commit f79a719), for tests of the update/merge code that read their text. */
export const FROZEN_PRICING = fileURLToPath(new URL('./fixtures/pricing-2026-10/', import.meta.url));

/** Price a scenario written inline against the trimmed fixture tables. */
export function estimateYaml(yaml: string, file = 'inline.yaml'): Estimate {
  const loaded = parseScenario(yaml, file);
  const book = loadPricingBook(providersOf(loaded.scenario), loaded.overrides, FIXTURE_PRICING);
  return priceLoaded(loaded, book);
}

/** Price a scenario written inline against the bundled tables (pricing/), for rows the fixtures do not carry. */
export function estimateBundled(yaml: string): Estimate {
  const loaded = parseScenario(yaml, 'inline.yaml');
  return priceLoaded(loaded, loadPricingBook(providersOf(loaded.scenario), loaded.overrides, fileURLToPath(new URL('../pricing/', import.meta.url))));
}

/** The first diagnostic of the input error pricing `yaml` must raise. */
export function inputFailure(yaml: string, price: (yaml: string) => Estimate = estimateYaml) {
  try {
    price(yaml);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.diagnostics[0]!;
  }
  throw new Error('expected an input error');
}

export function line(e: Estimate, name: string, kind = 'transfer') {
  const found = e.lines.find((l) => l.name === name && l.kind === kind);
  if (!found) throw new Error(`no ${kind} line ${name}`);
  return found;
}
