// Issue 5 and 20 figures: 10,000 Monte Carlo samples of the recommender example, against one projection of it.
import { fmt, loadDriver, median, ratio } from './lib.mjs';

export default async function () {
  const mc = await loadDriver('montecarlo');
  // Warm up the JIT on both paths before timing.
  mc.sampleRun(1_000);
  mc.projectionsRun(1_000);
  const sampled = median(Array.from({ length: 5 }, () => mc.sampleRun(10_000)));
  const one = median(Array.from({ length: 5 }, () => mc.projectionsRun(1_000))) / 1_000;
  console.log(
    `monte carlo 10,000 samples of the example, ${mc.inputs} ranged inputs: ${fmt(sampled)} = ${ratio(sampled, one)} one estimate() of it (${fmt(one)}); target <= 100 ms`,
  );
}
