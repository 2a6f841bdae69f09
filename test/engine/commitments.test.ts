import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cover, type Cover, type Usage } from '../../src/engine/commitments.js';
import { planWarnings } from '../../src/commands/plan-warnings.js';
import { purchaseNote } from '../../src/format/describe.js';
import { formatDiagnostic } from '../../src/model/diagnostics.js';
import { Decimal } from '../../src/model/decimal.js';
import type { Estimate } from '../../src/model/estimate.js';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { priceLoaded } from '../../src/projection.js';
import { FIXTURE_PRICING, REPO, line } from '../helpers.js';

const d = (x: number | string) => new Decimal(x);
const DIR = join(REPO, 'test', 'fixtures', 'purchase');

/** Priced against the fixture tables plus test/fixtures/purchase/commitment-rates.yaml (round test figures). */
function priced(body: string): Estimate {
  const loaded = parseScenario(`name: t\npricing: [./commitment-rates.yaml]\n${body}`, join(DIR, 'inline.yaml'));
  return priceLoaded(loaded, loadPricingBook(providersOf(loaded.scenario), loaded.overrides, FIXTURE_PRICING));
}

// The compute SP rate of p4d.24xlarge in us-east-1 is $10/h in the fixture: n instances use $10n/h of the plan's rates.
const trainers = (count: number) => `nodes:\n  - {name: train, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: ${count}}\n`;
const sp100 = 'commitments:\n  - {name: sp, provider: aws, kind: compute-savings-plan, term: 1y, hourly_commitment: 100}\n';

describe('commitments: a 1-year Compute Savings Plan of $100/h', () => {
  it('against $140/h of eligible usage: covers $100/h at the plan rate, the rest on demand, no waste', () => {
    const e = priced(trainers(14) + sp100);
    const node = line(e, 'train', 'node');
    const sp = line(e, 'sp', 'commitment');
    expect(node.coverage!.usage.toFixed()).toBe('10220');
    expect(node.coverage!.covered.toFixed()).toBe('7300'); // 10 instances × 730 h: $100/h ÷ $10/h
    expect(node.coverage!.uncovered.toFixed()).toBe('2920');
    expect(node.cost.toFixed()).toBe(d('2920').times('21.957642').toFixed());
    expect(sp.cost.toFixed()).toBe('73000');
    expect(sp.commitment!.waste.toFixed()).toBe('0');
    expect(e.totals.total.toFixed()).toBe(d('73000').plus(node.cost).toFixed());
  });

  it('against $60/h: all usage covered, $40/h of the plan is waste', () => {
    const e = priced(trainers(6) + sp100);
    const node = line(e, 'train', 'node');
    const sp = line(e, 'sp', 'commitment');
    expect(node.coverage!.uncovered.toFixed()).toBe('0');
    expect(node.cost.toFixed()).toBe('0');
    expect(sp.commitment!.used.toFixed()).toBe(d(60 * 730).toFixed());
    expect(sp.commitment!.waste.toFixed()).toBe(d(40 * 730).toFixed());
    expect(purchaseNote(sp)).toBe('commitment: $43,800.00 used, $29,200.00 waste');
  });

  it('the highest discount first: the p4d line (rate 10/21.96) before g5 (0.5/1.006)', () => {
    const e = priced(
      'nodes:\n  - {name: small, provider: aws, region: us-east-1, instance: g5.xlarge, count: 100}\n  - {name: big, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 5}\n' +
        sp100.replace('100}', '60}'),
    );
    expect(line(e, 'big', 'node').coverage!.uncovered.toFixed()).toBe('0');
    expect(line(e, 'small', 'node').coverage!.covered.toFixed()).toBe(d(10 * 2 * 730).toFixed()); // $10/h left ÷ $0.5
  });

  it('reservations apply before savings plans, to their type in their region', () => {
    const e = priced(
      trainers(4) +
        'commitments:\n  - {name: sp, provider: aws, kind: compute-savings-plan, term: 1y, hourly_commitment: 20}\n  - {name: ri, provider: aws, kind: reservation, term: 1y, units: 3, scope: {instance: p4d.24xlarge, region: us-east-1}}\n',
    );
    const node = line(e, 'train', 'node');
    expect(node.coverage!.by).toEqual(['ri', 'sp']);
    expect(line(e, 'ri', 'commitment').commitment!.waste.toFixed()).toBe('0');
    expect(line(e, 'sp', 'commitment').commitment!.waste.toFixed()).toBe(d(10 * 730).toFixed());
  });

  it('a group that runs part of the month leaves the plan unused for the rest of it', () => {
    const e = priced(`nodes:\n  - {name: train, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 10, hours: 365}\n${sp100}`);
    expect(line(e, 'sp', 'commitment').commitment!.waste.toFixed()).toBe(d(100 * 365).toFixed());
  });

  it('a commitment with no eligible usage is all waste, and says so', () => {
    const e = priced(`nodes:\n  - {name: train, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2, purchase: spot}\n${sp100}`);
    expect(line(e, 'sp', 'commitment').commitment!.waste.toFixed()).toBe('73000');
    expect(e.assumptions.some((a) => a.startsWith('commitments.sp: no usage in the plan is eligible for it'))).toBe(true);
    expect(line(e, 'sp', 'commitment').commitment!.noEligible).toEqual({ couldCover: 'on-demand aws node groups in any region', groups: 'nodes.train is spot' });
  });

  it('a commitment with no eligible usage: warned at its file:line:col, naming what it covers and why each group is not that', () => {
    const text = `name: t\npricing: [./commitment-rates.yaml]\nnodes:\n  - {name: g, provider: gcp, region: us-central1, instance: a2-highgpu-1g, count: 1}\n  - {name: west, provider: aws, region: us-west-2, instance: p4d.24xlarge, count: 1}\ncommitments:\n  - {name: ri, provider: aws, kind: reservation, term: 1y, units: 1, scope: {instance: p4d.24xlarge, region: us-east-1}}\n`;
    const loaded = parseScenario(text, join(DIR, 'inline.yaml'));
    const e = priceLoaded(loaded, loadPricingBook(providersOf(loaded.scenario), loaded.overrides, FIXTURE_PRICING));
    const [w, ...rest] = planWarnings(loaded, e);
    expect(rest).toEqual([]);
    expect(w!.position).toEqual({ line: 7, col: 5 });
    expect(w!.message).toContain('commitments.ri: no usage in the plan is eligible for it, so all of its');
    expect(w!.message).toContain('it covers on-demand aws p4d.24xlarge node groups in us-east-1; here nodes.g is on gcp, nodes.west is in us-west-2');
    expect(formatDiagnostic(w!, 'warning')).toMatch(/^\S+inline\.yaml:7:5: warning: commitments\.ri: /);
    // One eligible group, even covering nothing of it in hours, is no warning.
    const used = parseScenario(text.replace('us-west-2', 'us-east-1'), join(DIR, 'inline.yaml'));
    expect(planWarnings(used, priceLoaded(used, loadPricingBook(providersOf(used.scenario), used.overrides, FIXTURE_PRICING)))).toEqual([]);
  });

  it('an eligible line the table has no plan rate for is an error at the commitment, never a guess', () => {
    const ec2 = 'commitments:\n  - {name: sp, provider: aws, kind: ec2-instance-savings-plan, term: 1y, hourly_commitment: 10, scope: {family: p4d, region: us-west-2}}\n';
    expect(() => priced(`nodes:\n  - {name: x, provider: aws, region: us-west-2, instance: p4d.24xlarge, count: 1}\n${ec2}`)).toThrow(
      /inline\.yaml:6:\d+: error: sp: p4d\.24xlarge has no savings-plan ec2-instance 1y rate in us-west-2/,
    );
  });
});

// Whole instances, hours and $ figures in cents: the cover's invariants over any mix of commitments.
const usageArb = fc.array(
  fc.record({ instances: fc.integer({ min: 0, max: 40 }), hours: fc.integer({ min: 0, max: 730 }), onDemand: fc.integer({ min: 100, max: 10_000 }) }),
  { minLength: 1, maxLength: 6 },
);
const coverArb = (n: number) =>
  fc.array(
    fc.record({
      kind: fc.constantFrom('compute-savings-plan', 'ec2-instance-savings-plan', 'reservation', 'cud') as fc.Arbitrary<Cover['kind']>,
      size: fc.integer({ min: 1, max: 50_000 }),
      eligible: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      discount: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: n, maxLength: n }),
    }),
    { maxLength: 4 },
  );

describe('commitments: properties of the hour-by-hour cover', () => {
  it('coverage ≤ usage per line, used ≤ commitment, covered + uncovered = usage, total = uncovered + commitments', () => {
    fc.assert(
      fc.property(
        usageArb.chain((u) => fc.tuple(fc.constant(u), coverArb(u.length))),
        ([rawUsage, rawCovers]) => {
          const usage: Usage[] = rawUsage.map((u) => ({ instances: d(u.instances), hours: d(u.hours), onDemand: d(u.onDemand).div(100) }));
          const covers: Cover[] = rawCovers.map((c) => {
            const plan = c.kind.endsWith('savings-plan');
            const rates = new Map<number, Decimal>();
            // A plan's rate is a discount off each line's on-demand rate; a reservation's is its type's one rate.
            c.eligible.forEach((ok, i) => ok && rates.set(i, plan ? usage[i]!.onDemand.times(c.discount[i]!).div(100) : d(5)));
            // A reservation's size is whole instances; a plan's a $/h figure in cents.
            return { kind: c.kind, size: plan ? d(c.size).div(100) : d(c.size % 20), rates, ...(plan ? {} : { unitRate: d(5) }) };
          }).filter((c) => c.size.gt(0));
          const month = d(730);
          const r = cover(usage, covers, month);
          usage.forEach((u, i) => {
            const total = u.instances.times(u.hours);
            expect(r.covered[i]!.gte(0)).toBe(true);
            expect(r.covered[i]!.lte(total.plus('1e-30'))).toBe(true);
            const uncovered = total.minus(r.covered[i]!);
            expect(uncovered.plus(r.covered[i]!).eq(total)).toBe(true);
          });
          covers.forEach((c, k) => {
            expect(r.used[k]!.lte(r.cost[k]!.plus('1e-30'))).toBe(true);
            // Never more hours covered per hour than the commitment's size buys.
            if (!c.kind.endsWith('savings-plan')) expect(r.cost[k]!.eq(c.size.times(5).times(month))).toBe(true);
          });
          // The month's bill: uncovered usage at on-demand + what each commitment costs, and the commitments' spend is all on lines.
          const paid = r.paid.reduce((a, b) => a.plus(b), d(0));
          const used = r.used.reduce((a, b) => a.plus(b), d(0));
          expect(paid.minus(used).abs().lte('1e-25')).toBe(true);
        },
      ),
    );
  });

  it('total with commitments = uncovered cost + commitment cost, through the engine', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 730 }), fc.integer({ min: 1, max: 400 }), (count, hours, commit) => {
        const e = priced(`nodes:\n  - {name: train, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: ${count}, hours: ${hours}}\ncommitments:\n  - {name: sp, provider: aws, kind: compute-savings-plan, term: 1y, hourly_commitment: ${commit}}\n`);
        const node = line(e, 'train', 'node');
        const sp = line(e, 'sp', 'commitment');
        expect(node.coverage!.covered.plus(node.coverage!.uncovered).eq(node.coverage!.usage)).toBe(true);
        expect(node.coverage!.covered.lte(node.coverage!.usage)).toBe(true);
        expect(sp.commitment!.used.lte(sp.cost)).toBe(true);
        expect(e.totals.total.eq(node.coverage!.uncovered.times(node.rate).plus(sp.cost))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
