// Issue 5 figure: 10,000 Monte Carlo samples of the recommender example, against 10,000 plain projections.
import { fmt, loadDriver, median, ratio } from './lib.mjs';

export default async function () {
  const mc = await loadDriver('montecarlo');
  // Warm up the JIT on both paths before timing.
  mc.sampleRun(1_000);
  mc.projectionsRun(1_000);
  const sampled = median(Array.from({ length: 5 }, () => mc.sampleRun(10_000)));
  const plain = median(Array.from({ length: 5 }, () => mc.projectionsRun(10_000)));
  console.log(
    `monte carlo 10,000 samples, ${mc.inputs} ranged inputs: ${fmt(sampled)} = ${ratio(sampled, plain)} (10,000 × one projection = ${fmt(plain)}); target <= 250 ms`,
  );
}
