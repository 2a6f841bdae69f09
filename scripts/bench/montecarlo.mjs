// Issue 5, 14 and 20 figures: 10,000 Monte Carlo samples of the recommender example (a range on
// every node group and transfer), and of every bundled example that samples something, each
// against one projection of the same plan.
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
  for (const { file, inputs } of mc.examples) {
    mc.exampleSampleRun(file, 1_000);
    mc.exampleProjectionsRun(file, 500);
    const ms = median(Array.from({ length: 5 }, () => mc.exampleSampleRun(file, 10_000)));
    const once = median(Array.from({ length: 5 }, () => mc.exampleProjectionsRun(file, 500))) / 500;
    console.log(`monte carlo 10,000 samples of scenarios/${file}, ${inputs} sampled inputs: ${fmt(ms)} = ${ratio(ms, once)} one estimate() of it (${fmt(once)}); target <= 250 ms`);
  }
}
