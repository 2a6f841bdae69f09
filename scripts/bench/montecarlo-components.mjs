// Issue 13 figures: 10,000 Monte Carlo samples of a plan whose disk, public IPv4, cluster, load
// balancer and CDN quantities are ranged (scripts/bench/fixtures/component-ranges.yaml), against
// one projection of it: as written (the trainers' disks divide by the month: Decimals) and with
// the trainers running the month (exact integers). Until these quantities were traced, every
// sample re-priced the plan whole (some 5,000 projections' time). Alone: node scripts/bench.mjs components
import { fmt, loadDriver, median, ratio } from './lib.mjs';

export default async function () {
  const mc = await loadDriver('montecarlo');
  for (const [which, what] of [
    ['hours', 'trainers with hours'],
    ['month', 'trainers all month'],
  ]) {
    mc.componentsSampleRun(which, 1_000);
    mc.componentsProjectionsRun(which, 500);
    const sampled = median(Array.from({ length: 5 }, () => mc.componentsSampleRun(which, 10_000)));
    const one = median(Array.from({ length: 5 }, () => mc.componentsProjectionsRun(which, 500))) / 500;
    console.log(
      `monte carlo 10,000 samples of ranged components (${what}), ${mc.componentInputs[which]} ranged inputs: ${fmt(sampled)} = ${ratio(sampled, one)} one estimate() of it (${fmt(one)})`,
    );
  }
}
