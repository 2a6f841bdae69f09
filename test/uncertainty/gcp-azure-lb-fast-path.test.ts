import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../src/engine/compiled-plan.js';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { expectSamplesMatchEstimate } from './samples-match.js';

// A GCP load balancer's processed GB are priced per GiB (converted), an Azure one's per GB: with the
// quantities ranged, every Monte Carlo sample must still equal estimate() of its draws, compiled or not.
const yaml = `name: lb-ranges
load_balancers:
  - {name: web, provider: gcp, region: us-central1, kind: global-external, processed_gb: {low: 200, expected: 1000, high: 9000}, hours: {low: 100, expected: 400, high: 730}}
  - {name: api, provider: azure, region: eastus, kind: standard, processed_gb: {p50: 3000, p95: 12000}}
`;

describe('GCP and Azure load balancers on the Monte Carlo path', () => {
  it('samples equal estimate() of their draws, on the compiled path and off it', () => {
    const loaded = parseScenario(yaml, 'lb-ranges.yaml');
    const book = loadPricingBook(providersOf(loaded.scenario), []);
    expectSamplesMatchEstimate(loaded, book, 7, 40);
    const compiled = compilePlan(loaded.scenario, book, loaded.uncertain.map((u) => u.path));
    const options = { samples: 40, seed: 7 };
    const totals = (plan: typeof compiled) => monteCarlo(loaded.scenario, loaded.uncertain, book, { ...options, plan }).totals.map((t) => t.toFixed());
    expect(totals(compiled)).toEqual(totals({ ...compiled, scaled: undefined }));
    expect(loaded.uncertain).toHaveLength(3);
  });
});
