import { resolve } from 'node:path';
import { InputError } from './model/diagnostics.js';
import { PlanError, type Estimate } from './model/estimate.js';
import { loadScenario, providersOf, type LoadedScenario } from './model/load-scenario.js';
import { PROVIDERS } from './model/scenario.js';
import { locate } from './model/yaml-source.js';
import { estimate } from './engine/estimate.js';
import type { PricingBook } from './model/pricing-book.js';
import { loadPricingBook } from './pricing/load.js';

export interface Projection {
  loaded: LoadedScenario;
  book: PricingBook;
  estimate: Estimate;
}

/** Turn the engine's path-addressed misses into file:line:col diagnostics. */
export function locatePlanError(e: PlanError, loaded: LoadedScenario): InputError {
  return new InputError(
    e.misses.map((m) => ({
      file: loaded.file,
      position: locate(loaded.source, m.path),
      message: m.message,
      suggestion: m.suggestion,
    })),
  );
}

export function priceLoaded(loaded: LoadedScenario, book: PricingBook): Estimate {
  try {
    const priced = estimate(loaded.scenario, book);
    if (loaded.uncertain.length > 0) {
      priced.assumptions.push(`ranged inputs (${loaded.uncertain.length}) are priced at their point values: a {low, expected, high} range at expected, a {p50, p95} range at p50`);
    }
    return priced;
  } catch (e) {
    if (e instanceof PlanError) throw locatePlanError(e, loaded);
    throw e;
  }
}

export interface ProjectOptions {
  /**
   * Load every provider's table, not only those the scenario names: the session's
   * instance picker offers every cloud. The estimate still lists only the tables it used.
   */
  allProviders?: boolean;
}

/**
 * Scenario file (+ extra pricing files) → estimate, for both shells (the
 * commands and the session); all bad input surfaces as InputError.
 */
export function projectFile(file: string, extraPricing: readonly string[] = [], options: ProjectOptions = {}): Projection {
  return projectLoaded(loadScenario(file), extraPricing, options);
}

/** A scenario already parsed (e.g. read from another git revision) → estimate, with its pricing files and the extra ones. */
export function projectLoaded(loaded: LoadedScenario, extraPricing: readonly string[] = [], options: ProjectOptions = {}): Projection {
  const overrides = [...loaded.overrides, ...extraPricing.map((p) => ({ path: resolve(p) }))];
  const book = loadPricingBook(options.allProviders ? PROVIDERS : providersOf(loaded.scenario), overrides);
  return { loaded, book, estimate: priceLoaded(loaded, book) };
}
