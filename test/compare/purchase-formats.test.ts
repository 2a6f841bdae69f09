import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/engine/compare.js';
import { formatComparisonCsv } from '../../src/format/compare/csv.js';
import { formatComparisonJson } from '../../src/format/compare/json.js';
import { formatComparisonMarkdown } from '../../src/format/compare/markdown.js';
import { formatComparisonTable } from '../../src/format/compare/table.js';
import { formatComparisonHtml } from '../../src/format/html/compare.js';
import { formatCsv } from '../../src/format/csv.js';
import { formatJsonChunks } from '../../src/format/json.js';
import type { Estimate } from '../../src/model/estimate.js';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { priceLoaded } from '../../src/projection.js';
import { csvRows } from '../csv-rows.js';
import { FIXTURE_PRICING, REPO } from '../helpers.js';

const DIR = join(REPO, 'test', 'fixtures', 'purchase');

/** Priced against the fixture tables plus test/fixtures/purchase/commitment-rates.yaml (round test figures). */
function priced(name: string, body: string): Estimate {
  const loaded = parseScenario(`name: ${name}\npricing: [./commitment-rates.yaml]\n${body}`, join(DIR, 'inline.yaml'));
  return priceLoaded(loaded, loadPricingBook(providersOf(loaded.scenario), loaded.overrides, FIXTURE_PRICING));
}

const group = (extra = '') => `nodes:\n  - {name: train, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 14, hours: 600${extra}}\n`;
const estimates = [
  priced('on-demand', group()),
  priced('reserved', group(', purchase: reserved, term: 1y')),
  priced('savings-plan', `${group()}commitments:\n  - {name: sp, provider: aws, kind: compute-savings-plan, term: 1y, hourly_commitment: 100}\n`),
  priced('spot', group(', purchase: spot, interruptions_per_hour: 0.05, checkpoint_every_hours: 1, restart_hours: 0.25, gang: true')),
];
const c = compare(estimates);

// Hand-computed (fixture p4d.24xlarge us-east-1: on-demand 21.957642, spot 10.80, reserved 8, compute SP 10; 8 GPUs):
//   on-demand 14 × 600 h × 21.957642 = 184,444.1928, per GPU-hour ÷ 67,200 = 2.74470525
//   reserved bills 14 × 730 h = 10,220 h at 8 = 81,760 for 8,400 used
//   the $100/h plan covers 10 instances: 6,000 h covered, 2,400 uncovered; $73,000 of which $13,000 waste
//   spot, gang of 14 at 0.05/node-h: 600 × (1 + 0.7 × (0.25 + 1/2)) = 915 billed h per node
describe('compare shows how each scenario bought a moved line', () => {
  it('table: the option, $/GPU-hour, cover and waste, spot expected and p95, under each row, within 80 columns', () => {
    const out = formatComparisonTable(c, estimates);
    const moved = out.slice(out.indexOf('what moved'));
    expect(moved).toContain('       bought on-demand · $2.744705/GPU-hour effective\n');
    expect(moved).toMatch(/bought reserved standard 1y no-upfront · \$1\.216667\/GPU-hour effective ·\s+8,400 h used of 10,220 paid/);
    expect(moved).toMatch(/6,000 h covered by sp,\s+2,400 h uncovered/);
    expect(moved).toContain('commitment: $60,000.00 used, $13,000.00 waste');
    expect(moved).toMatch(/bought spot · \$2\.05875\/GPU-hour effective · billed h per node for 600\s+useful: expected 915, p95 942\.09/);
    for (const row of out.split('\n')) expect(row.length).toBeLessThanOrEqual(80);
  });

  it("json: each compared line's scenarios carry estimate's purchase, coverage and commitment objects, exact", () => {
    const j = JSON.parse(formatComparisonJson(c, estimates));
    const train = j.lines.find((l: { name: string }) => l.name === 'train').scenarios;
    expect(train[0].purchase).toEqual({ option: 'on-demand', label: 'on-demand', used_hours: '8400', gpu_hour_rate: '2.74470525' });
    expect(train[1].purchase).toMatchObject({ label: 'reserved standard 1y no-upfront', used_hours: '8400', paid_hours: '10220', idle_hours: '1820' });
    for (const i of [0, 2, 3]) expect(train[i].purchase).not.toHaveProperty('paid_hours');
    expect(train[2].coverage).toEqual({ usage: '8400', covered: '6000', uncovered: '2400', by: ['sp'] });
    expect(train[3].purchase.billed_hours_per_node.expected).toBe('915');
    expect(Number(train[3].purchase.billed_hours_per_node.p95)).toBeGreaterThan(915);
    const sp = j.lines.find((l: { name: string }) => l.name === 'sp').scenarios;
    expect(sp[2].commitment).toEqual({ used: '60000', waste: '13000' });
    expect(sp[0].commitment).toBeUndefined();
  });

  it("csv: line rows end with estimate's purchase columns; sums leave them blank", () => {
    const [head, ...rows] = csvRows(formatComparisonCsv(c, estimates));
    const col = (name: string) => head!.indexOf(name);
    expect(head!.slice(-9)).toEqual(['purchase', 'gpu_hour_rate', 'covered_hours', 'uncovered_hours', 'waste', 'billed_hours_expected', 'billed_hours_p95', 'paid_hours', 'idle_hours']);
    const row = (name: string, scenario: string) => rows.find((r) => r[0] === 'line' && r[2] === name && r[4] === scenario)!;
    expect(row('train', 'reserved')[col('purchase')]).toBe('reserved standard 1y no-upfront');
    expect(row('train', 'reserved')[col('paid_hours')]).toBe('10220');
    expect(row('train', 'reserved')[col('idle_hours')]).toBe('1820');
    expect(row('train', 'on-demand')[col('paid_hours')]).toBe('');
    expect(row('train', 'savings-plan')[col('covered_hours')]).toBe('6000');
    expect(row('train', 'savings-plan')[col('uncovered_hours')]).toBe('2400');
    expect(row('sp', 'savings-plan')[col('waste')]).toBe('13000');
    expect(row('train', 'spot')[col('billed_hours_expected')]).toBe('915');
    expect(row('train', 'spot')[col('gpu_hour_rate')]).toBe('2.05875');
    expect(rows.find((r) => r[0] === 'total')![col('purchase')]).toBe('');
    for (const r of rows) expect(r).toHaveLength(head!.length);
  });

  it('markdown: a "how bought" row under each moved line', () => {
    const out = formatComparisonMarkdown(c, estimates);
    expect(out).toContain(
      '| ↳ how bought | bought on-demand · $2.744705/GPU-hour effective | bought reserved standard 1y no-upfront · $1.216667/GPU-hour effective · 8,400 h used of 10,220 paid | bought on-demand · $1.677059/GPU-hour effective · 6,000 h covered by sp, 2,400 h uncovered | bought spot · $2.05875/GPU-hour effective · billed h per node for 600 useful: expected 915, p95 942.09 |',
    );
    expect(out).toContain('| ↳ how bought | — | — | commitment: $60,000.00 used, $13,000.00 waste | — |');
  });

  it('html: the purchase note in each moved cell, escaped', () => {
    const out = formatComparisonHtml(c, estimates);
    const notes = [...out.matchAll(/data-figure="purchase">([^<]*)</g)].map((m) => m[1]);
    expect(notes).toContain('bought spot · $2.05875/GPU-hour effective · billed h per node for 600 useful: expected 915, p95 942.09');
    expect(notes).toContain('commitment: $60,000.00 used, $13,000.00 waste');
    // Names cannot hold markup, so a label that does stands in for any text the note carries.
    const odd = estimates.map((e) => ({ ...e, lines: e.lines.map((l) => (l.purchase ? { ...l, purchase: { ...l.purchase, label: '<spot & co>' } } : l)) }));
    const html = formatComparisonHtml(compare(odd), odd);
    expect(html).not.toContain('<spot & co>');
    expect(html).toContain('bought &lt;spot &amp; co&gt;');
  });
});

describe("estimate's JSON and CSV carry the paid-but-idle hours of an option billed past its use", () => {
  const reserved = estimates[1]!;
  it('json: paid_hours and idle_hours on the purchase object, beside used_hours', () => {
    const j = JSON.parse([...formatJsonChunks([reserved])].join(''));
    const train = j.lines.find((l: { name: string }) => l.name === 'train');
    expect(train.purchase).toMatchObject({ used_hours: '8400', paid_hours: '10220', idle_hours: '1820' });
  });

  it('csv: paid_hours and idle_hours are the last two columns', () => {
    const [head, ...rows] = csvRows(formatCsv([reserved]));
    expect(head!.slice(-2)).toEqual(['paid_hours', 'idle_hours']);
    expect(rows.find((r) => r[2] === 'train')!.slice(-2)).toEqual(['10220', '1820']);
  });
});
