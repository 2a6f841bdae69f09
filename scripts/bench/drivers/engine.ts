// Bench driver: a generated 10,000-line scenario priced by the pure engine.
import { Decimal } from '../../../src/model/decimal.js';
import { estimate } from '../../../src/engine/estimate.js';
import { loadPricingBook } from '../../../src/pricing/load.js';
import type { Scenario } from '../../../src/model/scenario.js';

const book = loadPricingBook(['aws', 'gcp'], []);

export function generatedScenario(lines: number): Scenario {
  const third = Math.floor(lines / 3);
  // Pairs every bundled table prices: inter-region, cross-cloud, internet, ingress, intra-region.
  const pairs = [
    ['aws:us-east-1', 'aws:us-east-2'],
    ['aws:us-east-1', 'aws:eu-west-1'],
    ['aws:us-east-1', 'gcp:us-central1'],
    ['aws:us-east-1', 'internet'],
    ['gcp:us-central1', 'internet'],
    ['gcp:us-central1', 'aws:us-east-1'],
    ['on-prem', 'aws:us-east-1'],
    ['aws:us-east-1:us-east-1a', 'aws:us-east-1:us-east-1b'],
  ] as const;
  return {
    name: 'generated',
    hours_per_month: new Decimal(730),
    nodes: Array.from({ length: third }, (_, i) => ({
      name: `n${i}`,
      provider: 'aws' as const,
      region: 'us-east-1',
      instance: i % 2 ? 'g5.xlarge' : 'm7i.xlarge',
      count: new Decimal((i % 7) + 1),
      hours: new Decimal(100 + (i % 600)),
    })),
    storage: Array.from({ length: third }, (_, i) => ({
      name: `s${i}`,
      provider: 'aws' as const,
      region: 'us-east-1',
      class: 's3-standard',
      gb: new Decimal(10 + i),
    })),
    transfers: Array.from({ length: lines - 2 * third }, (_, i) => {
      const [from, to] = pairs[i % pairs.length]!;
      return { name: `t${i}`, from, to, gb_per_month: new Decimal(1 + (i % 500)) };
    }),
  };
}

export function priceOnce(scenario: Scenario): number {
  const t = process.hrtime.bigint();
  const e = estimate(scenario, book);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (e.lines.length < 10_000) throw new Error(`only ${e.lines.length} lines priced`);
  return ms;
}

/** The least any Decimal engine must do: one multiply-add per line. */
export function bareDecimal(lines: number): number {
  const q = Array.from({ length: lines }, (_, i) => new Decimal(i + 1));
  const r = new Decimal('0.023');
  const t = process.hrtime.bigint();
  let total = new Decimal(0);
  for (const x of q) total = total.plus(x.times(r));
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (total.isZero()) throw new Error('nothing summed');
  return ms;
}
