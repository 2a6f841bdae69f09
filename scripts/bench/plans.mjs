// Issue 20 figures: Monte Carlo, N-way compare and break-even on generated plans with
// ranges, each against one estimate() of the same plan (or of one of the plans) in this run.
import { fmt, loadDriver, median, ratio } from './lib.mjs';

const SAMPLES = 10_000;

export default async function () {
  const d = await loadDriver('plans');
  const best = (f, runs = 5) => median(Array.from({ length: runs }, f));

  const hundred = d.planFile(100, 10);
  d.monteCarloOnce(hundred, 1_000); // warm up the JIT
  const one = best(() => d.estimateOnce(hundred), 9);
  const mc = best(() => d.monteCarloOnce(hundred, SAMPLES));
  console.log(`monte carlo 10,000 samples, 100-line plan, 10 ranged inputs: ${fmt(mc)} = ${ratio(mc, one)} one estimate() of it (${fmt(one)})`);

  // Plans that share their inputs' names: paired draws, one compiled plan each.
  const per = {};
  for (const n of [2, 4, 16]) {
    const files = Array.from({ length: n }, (_, v) => d.planFile(100, 10, v));
    const ms = best(() => d.compareOnce(files, SAMPLES), n > 4 ? 3 : 5);
    per[n] = ms / n;
    console.log(`compare ${String(n).padStart(2)} plans × 10 ranged inputs × 10,000 samples: ${fmt(ms)} = ${ratio(ms, one)} one estimate(); ${fmt(ms / n)} a plan${n > 2 ? ` (${ratio(per[n], per[2])} the 2-plan figure per plan)` : ''}; target 16 plans <= 5 s`);
  }

  const a = d.planFile(10_000, 0, 0);
  const b = d.planFile(10_000, 0, 1);
  const big = best(() => d.estimateOnce(a), 5);
  const be = best(() => d.breakevenOnce(a, b, 'nodes.n0.count'), 3);
  console.log(`breakeven 10,000-line plans, --vary nodes.n0.count: ${fmt(be)} = ${ratio(be, big)} one estimate() of one plan (${fmt(big)})`);
}
