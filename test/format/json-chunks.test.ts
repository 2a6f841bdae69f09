import { describe, expect, it } from 'vitest';
import { formatJsonChunks } from '../../src/format/json.js';
import { estimate } from '../../src/engine/estimate.js';
import { Decimal } from '../../src/model/decimal.js';
import type { Scenario } from '../../src/model/scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { FIXTURE_PRICING } from '../helpers.js';

const book = loadPricingBook(['aws', 'gcp'], [], FIXTURE_PRICING);
const plan = (name: string, transfers: number): Scenario => ({
  name,
  transfers: Array.from({ length: transfers }, (_, i) => ({ name: `t${i}`, from: 'aws:us-east-1', to: i % 2 ? 'internet' : 'gcp:us-central1', gb_per_month: new Decimal(10 + i) })),
});

describe('JSON in pieces', () => {
  it('writes exactly what JSON.stringify(body, null, 2) writes, for one estimate, several, and one with no lines', () => {
    for (const estimates of [[estimate(plan('one', 2_345), book)], [estimate(plan('a', 3), book), estimate(plan('empty', 0), book), estimate(plan('b', 1_001), book)]]) {
      const chunks = [...formatJsonChunks(estimates, estimates.map((_, i) => (i === 0 ? { uncertainty: { note: 'x' } } : undefined)))];
      const text = chunks.join('');
      const parsed = JSON.parse(text);
      expect(`${JSON.stringify(parsed, null, 2)}\n`).toBe(text);
      const first = Array.isArray(parsed) ? parsed[0] : parsed;
      expect(first.lines).toHaveLength(estimates[0]!.lines.length);
      expect(first.uncertainty).toEqual({ note: 'x' });
      expect(Object.keys(first)).toEqual(['scenario', 'currency', 'pricing', 'lines', 'totals', 'assumptions', 'uncertainty']);
      // No piece holds more than a thousand lines.
      for (const c of chunks) expect(c.split('"kind":').length - 1).toBeLessThanOrEqual(1_000);
    }
  });
});
