// Issue 3 figures: CLI cold start and the pure engine on a 10,000-line scenario.
import { fmt, loadDriver, median, ratio, timeProcess } from './lib.mjs';

export default async function () {
  const bare = timeProcess(['-e', '0']);
  const cold = timeProcess(['bin/tollgate.js', 'estimate', 'scenarios/recsys-feature-store.yaml', '--format', 'json']);
  console.log(`cold start  estimate --format json: ${fmt(cold)} = ${ratio(cold, bare)} node -e 0 (${fmt(bare)}); target <= 2.5x`);

  const engine = await loadDriver('engine');
  const scenario = engine.generatedScenario(10_000);
  const runs = Array.from({ length: 12 }, () => engine.priceOnce(scenario)).slice(2);
  const base = median(Array.from({ length: 12 }, () => engine.bareDecimal(10_000)).slice(2));
  const ms = median(runs);
  console.log(`engine      10,000-line projection:   ${fmt(ms)} = ${ratio(ms, base)} a bare Decimal multiply-add per line (${fmt(base)}); target <= 50 ms`);
}
