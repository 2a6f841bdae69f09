import { resolve } from 'node:path';
import { InputError, type Diagnostic } from './model/diagnostics.js';
import { PlanError, type Estimate } from './model/estimate.js';
import { loadScenario, providersOf, ScenarioInputError, type LoadedScenario } from './model/load-scenario.js';
import { PROVIDERS } from './model/scenario.js';
import { locate } from './model/yaml-source.js';
import { estimate } from './engine/estimate.js';
import type { PricingBook } from './model/pricing-book.js';
import { loadPricingBook } from './pricing/load.js';
import type { Prices } from './pricing/cache/files.js';

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

/** The note an estimate of a plan with ranges carries: its figures are the ranges' point values. */
export function notePointValues(priced: Estimate, ranged: number): Estimate {
  if (ranged > 0) {
    priced.assumptions.push(`ranged inputs (${ranged}) are priced at their point values: a {low, expected, high} range at expected, a {p50, p95} range at p50`);
  }
  return priced;
}

/**
 * The note an estimate priced from the cached catalog carries: a rebuilt cache
 * can change a total with no change to the plan, so it is never silent.
 */
export function noteCachedPrices(priced: Estimate, book: PricingBook): Estimate {
  for (const s of book.sources) {
    if (s.role !== 'cache' || !priced.pricing.some((p) => p.provider === s.provider)) continue;
    priced.assumptions.push(
      `${s.provider} prices are from the cached full catalog ${s.file} (as_of ${s.as_of}, source ${s.source}), built by \`tollgate pricing update --all\`, not the bundled pricing/${s.provider}.yaml; --prices bundled uses the bundled table`,
    );
  }
  return priced;
}

export function priceLoaded(loaded: LoadedScenario, book: PricingBook): Estimate {
  try {
    return noteCachedPrices(notePointValues(estimate(loaded.scenario, book), loaded.uncertain.filter((u) => !u.interruptions).length), book);
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
  /** `bundled`: ignore the cached catalog (--prices bundled). */
  prices?: Prices;
}

/** A scenario already parsed (e.g. read from another git revision) → estimate, with its pricing files and the extra ones. */
export function projectLoaded(loaded: LoadedScenario, extraPricing: readonly string[] = [], options: ProjectOptions = {}): Projection {
  const overrides = [...loaded.overrides, ...extraPricing.map((p) => ({ path: resolve(p) }))];
  const book = loadPricingBook(options.allProviders ? PROVIDERS : providersOf(loaded.scenario), overrides, undefined, { prices: options.prices });
  return { loaded, book, estimate: priceLoaded(loaded, book) };
}

const byPosition = (a: Diagnostic, b: Diagnostic) => (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.col ?? 0) - (b.position?.col ?? 0);

/**
 * Scenario file (+ extra pricing files) → estimate, for both shells (the
 * commands and the session); all bad input surfaces as InputError, every
 * problem of the file at once.
 */
export function projectFile(file: string, extraPricing: readonly string[] = [], options: ProjectOptions = {}): Projection {
  let loaded: LoadedScenario;
  try {
    loaded = loadScenario(file);
  } catch (e) {
    if (!(e instanceof ScenarioInputError) || !e.setAside) throw e;
    // Price what the schema let through, for the errors only pricing finds; then report both, in file order.
    let more: Diagnostic[] = [];
    try {
      projectLoaded(e.setAside, extraPricing, options);
    } catch (p) {
      if (!(p instanceof InputError)) throw p;
      more = p.diagnostics.filter((d) => d.file === file);
    }
    throw more.length ? new InputError([...e.diagnostics, ...more].sort(byPosition)) : e;
  }
  return projectLoaded(loaded, extraPricing, options);
}
