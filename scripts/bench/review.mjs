// Issue 18 figures: the HTML report and the pull request comment, each as a
// ratio to the report it builds on, in the same run (whole CLI processes).
import { fmt, ratio, timeProcess } from './lib.mjs';

const PLAN = 'scenarios/recsys-feature-store.yaml';
const RANGED = 'scenarios/feature-store-read-nightly.yaml';

export default async function () {
  const json = timeProcess(['bin/tollgate.js', 'estimate', PLAN, RANGED, '--format', 'json']);
  const html = timeProcess(['bin/tollgate.js', 'estimate', PLAN, RANGED, '--format', 'html']);
  console.log(`html        estimate --format html:    ${fmt(html)} = ${ratio(html, json)} --format json (${fmt(json)})`);
  const markdown = timeProcess(['bin/tollgate.js', 'compare', PLAN, RANGED, '--format', 'markdown']);
  // Prices each scenario twice (base and working tree) and reads the base with git show.
  const comment = timeProcess(['bin/tollgate.js', 'comment', 'github', PLAN, RANGED, '--base-ref', 'HEAD', '--dry-run']);
  console.log(`comment     comment --dry-run (2 plans): ${fmt(comment)} = ${ratio(comment, markdown)} compare --format markdown (${fmt(markdown)})`);
}
