// Issue 12 figures: `pricing show` over the whole bundled catalog (three tables, every
// instance and region), against bare node in the same run. Target: <= 300 ms.
import { fmt, ratio, timeProcess } from './lib.mjs';

export default async function () {
  const bare = timeProcess(['-e', '0']);
  const all = timeProcess(['bin/tollgate.js', 'pricing', 'show', '--format', 'json']);
  console.log(`catalog     pricing show (all rows, json): ${fmt(all)} = ${ratio(all, bare)} node -e 0 (${fmt(bare)}); target <= 300 ms`);
  const filtered = timeProcess(['bin/tollgate.js', 'pricing', 'show', '--gpu', 'H100', '--region', 'eu*', '--max-price', '15']);
  console.log(`catalog     pricing show --gpu --region glob --max-price: ${fmt(filtered)} = ${ratio(filtered, bare)} node -e 0; target <= 300 ms`);
}
