import type { MonteCarloOptions } from '../engine/montecarlo.js';
import { DEFAULT_SAMPLES, DEFAULT_SEED } from '../engine/sampling-defaults.js';
import { UsageError, stringOption, type ParsedArgs } from './verb.js';
import { count } from '../model/numbers.js';

/** The parseArgs options every verb that samples ranges accepts. */
export const MONTE_CARLO_OPTIONS = { seed: { type: 'string' }, samples: { type: 'string' } } as const;

/** What most sampling verbs sample: whatever a scenario leaves uncertain, flags or not (estimate, check, place, comment). */
export const SAMPLES_ALWAYS = "a scenario with ranges or a spot group's interruptions (interruptions_per_hour) is always sampled";

/** What compare samples: interruptions alone only when asked (src/commands/compare.ts). */
export const SAMPLES_COMPARE =
  "scenarios are sampled when any has ranges (spot groups' interruptions with them), and a spot group's interruptions alone when --samples or --seed is given";

/** The --samples and --seed lines of a verb's usage, saying when that verb samples (wrapped by wrapHelp). */
/** `column`: where the verb's option descriptions start, so these two lines line up with its others. */
export function monteCarloUsage(when: string, column = 20): string {
  const name = (text: string) => `  ${text}`.padEnd(column);
  return `${name('--samples N')}Monte Carlo samples (default ${count(DEFAULT_SAMPLES)}); ${when}
${name('--seed N')}the sampler's seed (default ${DEFAULT_SEED}): same seed, same numbers
`;
}

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
