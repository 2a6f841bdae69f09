// Issue 15 figures: `place` on a 10-line plan across every priced region of the three clouds, against one estimate() of it.
import { fmt, loadDriver, median, ratio } from './lib.mjs';

export default async function () {
  const place = await loadDriver('place');
  place.estimateRun(200); // warm the JIT
  const one = median(Array.from({ length: 5 }, () => place.estimateRun(200))) / 200;
  const single = Array.from({ length: 5 }, () => place.placeRun([1]));
  const ms1 = median(single.map((r) => r.ms));
  console.log(`place --vary (1 group, ${single[0].placements} placements, 3 clouds): ${fmt(ms1)} = ${ratio(ms1, one)} one estimate() (${fmt(one)}); target <= 1 s`);
  const cross = Array.from({ length: 3 }, () => place.placeRun([0, 1]));
  const ms2 = median(cross.map((r) => r.ms));
  console.log(`place --vary x2 (cross product, ${cross[0].placements} placements): ${fmt(ms2)} = ${ratio(ms2, one)} one estimate(); target <= 10 s`);
}
