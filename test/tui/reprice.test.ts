import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../../src/model/decimal.js';
import { estimate } from '../../src/engine/estimate.js';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import type { Estimate } from '../../src/model/estimate.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { applyChanges, changesOf } from '../../src/tui/edits.js';
import { reprice, type EditPlan } from '../../src/tui/price.js';
import { FIXTURE_PRICING } from '../helpers.js';

const PLAN = `name: r
nodes:
  - {name: a, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 4, hours: 200}
  - {name: b, provider: aws, region: us-east-1, instance: g5.xlarge, count: 2}
  - {name: c, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 1, hours: 10, purchase: spot}
storage:
  - {name: s, provider: aws, region: us-east-1, class: s3-standard, gb: 60000}
transfers:
  - {name: t, from: aws:us-east-1, to: internet, gb_per_day: 300}
`;
const loaded = parseScenario(PLAN, 'r.yaml');
const book = loadPricingBook(providersOf(loaded.scenario), [], FIXTURE_PRICING);
const asJson = (e: Estimate) => JSON.stringify(e);

describe('the session re-pricing an edit', () => {
  it('gives, edit after edit, the estimate that pricing the whole plan gives', () => {
    const edit = fc.oneof(
      fc.record({ index: fc.integer({ min: 0, max: 2 }), field: fc.constant('count' as const), value: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ index: fc.constantFrom(0, 2), field: fc.constant('hours' as const), value: fc.integer({ min: 0, max: 730 }) }),
      fc.record({ index: fc.constant(0), field: fc.constant('gb' as const), value: fc.integer({ min: 0, max: 900_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        let current = { scenario: loaded.scenario, estimate: estimate(loaded.scenario, book) };
        let plan: EditPlan | undefined;
        for (const e of edits) {
          const section = e.field === 'gb' ? ('storage' as const) : ('nodes' as const);
          const changes = changesOf(current.scenario, { section, index: e.index, patch: { [e.field]: new Decimal(e.value) } } as never);
          const scenario = applyChanges(current.scenario, changes, 'after');
          const r = reprice(current, scenario, changes, book, 0, plan);
          plan = r.plan;
          expect(r.priced.ok).toBe(true);
          const got = (r.priced as { estimate: Estimate }).estimate;
          expect(asJson(got)).toBe(asJson(estimate(scenario, book)));
          current = { scenario, estimate: got };
        }
      }),
      { numRuns: 150 },
    );
  });

  it('compiles a quantity once while the edits stay on it, and prices anything else in full', () => {
    let current = { scenario: loaded.scenario, estimate: estimate(loaded.scenario, book) };
    const step = (patch: object, last?: EditPlan) => {
      const changes = changesOf(current.scenario, { section: 'nodes', index: 0, patch } as never);
      const scenario = applyChanges(current.scenario, changes, 'after');
      const r = reprice(current, scenario, changes, book, 0, last);
      current = { scenario, estimate: (r.priced as { estimate: Estimate }).estimate };
      return r.plan;
    };
    const first = step({ count: new Decimal(5) });
    expect(first).toBeDefined();
    expect(step({ count: new Decimal(6) }, first)).toBe(first);
    expect(step({ hours: new Decimal(300) }, first)).not.toBe(first);
    expect(step({ purchase: 'spot' }, first)).toBeUndefined();
    expect(current.estimate.totals.total.eq(estimate(current.scenario, book).totals.total)).toBe(true);
  });
});
