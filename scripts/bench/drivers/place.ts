// Bench driver (issue 15): `place` on a 10-line plan, one varied group and two (the cross product).
import { Decimal } from '../../../src/model/decimal.js';
import { estimate } from '../../../src/engine/estimate.js';
import { detail, searchPlacements } from '../../../src/engine/place-search.js';
import { loadPricingBook } from '../../../src/pricing/load.js';
import { PROVIDERS, type Scenario } from '../../../src/model/scenario.js';

const book = loadPricingBook(PROVIDERS, []);
const d = (n: number) => new Decimal(n);

/**
 * Ten lines: a GPU training group and a CPU API group (a CPU group matches in
 * every priced region of all three clouds), three stores and five transfers
 * naming the groups (storage reads, cross-region, to the internet, ingress).
 */
export const scenario: Scenario = {
  name: 'place-bench',
  hours_per_month: d(730),
  nodes: [
    { name: 'trainers', provider: 'aws', region: 'us-east-1', instance: 'p5.48xlarge', count: d(2), hours: d(200) },
    { name: 'api', provider: 'aws', region: 'us-east-1', instance: 'm7i.xlarge', count: d(3) },
  ],
  storage: [
    { name: 'features', provider: 'aws', region: 'us-east-1', class: 's3-standard', gb: d(20000) },
    { name: 'checkpoints', provider: 'aws', region: 'us-east-1', class: 's3-standard', gb: d(5000) },
    { name: 'serving-copy', provider: 'gcp', region: 'us-central1', class: 'gcs-standard', gb: d(2500) },
  ],
  transfers: [
    { name: 'feature-read', from: 'storage:features', to: 'nodes:trainers', gb_per_day: d(300), days: d(30) },
    { name: 'checkpoint-write', from: 'nodes:trainers', to: 'storage:checkpoints', gb_per_month: d(4000) },
    { name: 'to-serving', from: 'nodes:trainers', to: 'storage:serving-copy', gb_per_month: d(150) },
    { name: 'api-out', from: 'nodes:api', to: 'internet', gb_per_month: d(1800) },
    { name: 'events-in', from: 'internet', to: 'nodes:api', gb_per_month: d(1200) },
  ],
};

/** ms for one whole `place`: every placement priced, the ten listed worked out in full. */
export function placeRun(groups: number[]): { ms: number; placements: number } {
  const t = process.hrtime.bigint();
  const r = searchPlacements({ scenario, book, groups, options: groups.length === 1 ? {} : { match: { minGpuMemory: d(640) } } });
  detail(r, r.candidates.slice(0, 10), { scenario, uncertain: [], book });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, placements: r.candidates.length + r.failed.length };
}

export function estimateRun(n: number): number {
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) estimate(scenario, book);
  return Number(process.hrtime.bigint() - t) / 1e6;
}
