import type { MonteCarloOptions } from '../engine/montecarlo.js';
import { DEFAULT_SAMPLES, DEFAULT_SEED } from '../engine/sampling-defaults.js';
import { UsageError, stringOption, type ParsedArgs } from './verb.js';
import { count } from '../model/numbers.js';

/** The parseArgs options every verb that samples ranges accepts. */
export const MONTE_CARLO_OPTIONS = { seed: { type: 'string' }, samples: { type: 'string' } } as const;

export const MONTE_CARLO_USAGE = `  --samples N       Monte Carlo samples for scenarios with ranges (default ${count(DEFAULT_SAMPLES)})
  --seed N          the sampler's seed (default ${DEFAULT_SEED}): same seed, same numbers
`;

function wholeNumber(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${count(max)}, got ${JSON.stringify(text)}`);
  }
  return n;
}

export function monteCarloOptions(args: ParsedArgs): MonteCarloOptions {
  const samples = wholeNumber(args, 'samples', 1, 1_000_000);
  const seed = wholeNumber(args, 'seed', 0, 2 ** 32 - 1);
  return { ...(samples !== undefined ? { samples } : {}), ...(seed !== undefined ? { seed } : {}) };
}
