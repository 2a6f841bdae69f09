import { stringify } from 'csv-stringify/sync';
import type { Detailed, LineChange } from '../engine/place-search.js';
import { spotText, type Spot } from '../engine/placement.js';
import type { Uncertainty } from '../engine/uncertainty.js';
import { Decimal, ZERO } from '../model/decimal.js';
import { CATEGORIES, type Estimate, type Totals } from '../model/estimate.js';
import { amount, exact, money, percent } from '../model/numbers.js';
import type { PricingSource } from '../model/pricing-book.js';
import { columns, TABLE_WIDTH } from './columns.js';
import { pricingJson, pricingLine } from './describe.js';

/** What `place` found, for the renderers: the candidates shown and how many there were. */
export interface PlaceReport {
  scenario: string;
  /** Each varied group as the file has it. */
  groups: { name: string; at: string }[];
  base: Estimate;
  baseUncertainty?: Uncertainty;
  shown: Detailed[];
  /** Placements priced (after the constraints), and those dropped by --max-p95. */
  ranked: number;
  overBudget: number;
  failed: { spots: Spot[]; reason: string }[];
  assumptions: string[];
  pricing: PricingSource[];
  /** What the transfers naming the varied groups cost in the plan as written. */
  movedBase: Decimal;
  /** The --max-p95 budget, when given. */
  maxP95?: Decimal;
}

const signed = (d: Decimal) => (d.toDecimalPlaces(2).gt(0) ? `+${money(d)}` : money(d));

/** What the cross-cloud lines (internet egress tiers to another cloud) cost in a plan: the pull the question is about. */
export function crossCloud(e: Estimate): Decimal {
  return e.lines.reduce((sum, l) => (l.path === 'cross-cloud' ? sum.plus(l.cost) : sum), ZERO);
}

/** What the transfers naming the placed groups cost there. */
export function movedCost(c: Detailed): Decimal {
  return c.moved.reduce((sum, l) => sum.plus(l.cost), ZERO);
}

/** Changes a reader sees: those that move a figure by at least a cent. */
const visible = (changes: readonly LineChange[]) => changes.filter((c) => !c.before.toDecimalPlaces(2).eq(c.after.toDecimalPlaces(2)));

const percentile = (u: Uncertainty | undefined, p: number) => u?.monteCarlo.spreads.total.percentiles.get(p);

function placementText(c: Detailed): string[] {
  const out = c.spots.map((s) => `${s.group} → ${spotText(s)}${c.asWritten ? ' (as written)' : ''}`);
  if (c.copy) out.push(`+ ${c.copy.replica} there: ${copyText(c)}`);
  return out;
}

/** What copying pays: the reads it replaces and the read volume at which it breaks even. */
function copyText(c: Detailed): string {
  const reads = `${amount(c.copy!.readGb)} GB/month of reads`;
  const b = c.copyBreakEven;
  if (!b) return reads;
  if (b.kind === 'crossing') {
    const above = b.cheaperBelow === 0 ? 'copying pays above it' : 'copying pays below it';
    return `${reads}; break-even at ${amount(b.at[0]!)} GB/month (${above})`;
  }
  if (b.kind === 'never') return `${reads}; ${b.cheaper === 1 ? 'copying is cheaper' : 'reading across is cheaper'} at any read volume up to ten times that`;
  return `${reads}; the same cost at any read volume`;
}

function changeText(c: LineChange): string {
  return `${c.name} ${money(c.before)} → ${money(c.after)}`;
}

/** Words to lines of at most `width` columns, each after `indent`. */
function wrap(text: string, indent: string, width = TABLE_WIDTH): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      out.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...out, indent + line] : out;
}

function header(r: PlaceReport): string[] {
  const what = r.groups.map((g) => `nodes.${g.name}`).join(' and ');
  const out = [`${r.scenario} · where should ${what} sit? · ${r.ranked} placement${r.ranked === 1 ? '' : 's'} priced`];
  for (const g of r.groups) out.push(...wrap(`as written: ${g.name} at ${g.at}`, ''));
  const total = `${money(r.base.totals.total)}/month`;
  const spread = r.baseUncertainty ? ` (p50 ${money(percentile(r.baseUncertainty, 50)!)}, p95 ${money(percentile(r.baseUncertainty, 95)!)})` : '';
  out.push(...wrap(`plan as written: ${total}${spread}; its transfers naming ${r.groups.length > 1 ? 'these groups' : 'the group'}: ${money(r.movedBase)}`, ''));
  out.push(...wrap(`pricing: ${pricingLine(r)}`, ''));
  return out;
}

/** `bullet` '' for the table (wrapped to its width), 'markdown' for a list. */
function footer(r: PlaceReport, bullet: '' | 'markdown'): string[] {
  const more = r.ranked - r.shown.length;
  const said: string[] = [];
  if (more > 0) said.push(`… ${more} more placement${more === 1 ? '' : 's'} (--top N or --top all to list them)`);
  if (r.overBudget > 0) said.push(`${r.overBudget} placement${r.overBudget === 1 ? '' : 's'} left out: p95 over the --max-p95 budget of ${money(r.maxP95!)}`);
  if (r.failed.length > 0) {
    const reasons = [...new Set(r.failed.map((f) => f.reason))];
    said.push(`${r.failed.length} placement${r.failed.length === 1 ? '' : 's'} could not be priced, e.g. ${reasons[0]}${reasons.length > 1 ? ` (and ${reasons.length - 1} other reason${reasons.length > 2 ? 's' : ''})` : ''}`);
  }
  const out = said.flatMap((t) => (bullet === '' ? wrap(t, '') : [t]));
  if (r.assumptions.length) {
    out.push('', 'assumptions:');
    for (const a of r.assumptions) out.push(...(bullet === '' ? wrap(a, '    ').map((l, i) => (i === 0 ? `  - ${l.trimStart()}` : l)) : [`- ${a}`]));
  }
  return out;
}

export function formatPlaceTable(r: PlaceReport): string {
  const out = header(r);
  out.push('');
  const ranged = r.shown.some((c) => c.uncertainty);
  const rows = r.shown.map((c) => [String(c.rank), money(c.totals.total), signed(c.delta), signed(c.deltas.compute), signed(c.deltas.egress), money(movedCost(c))]);
  const table = columns(['#', 'total/month', 'vs written', 'compute Δ', 'egress Δ', 'transfers'], rows, new Set([0, 1, 2, 3, 4, 5])).split('\n');
  out.push(table[0]!);
  r.shown.forEach((c, i) => {
    out.push(table[i + 1]!);
    for (const p of placementText(c)) out.push(...wrap(p, '     '));
    if (ranged && c.uncertainty) {
      const chance = c.chanceCheaper !== undefined ? ` · P(cheaper than as written) ${percent(c.chanceCheaper, 0)}` : '';
      out.push(`     p50 ${money(percentile(c.uncertainty, 50)!)} · p95 ${money(percentile(c.uncertainty, 95)!)}${chance}`);
    }
    const changes = visible(c.changes).slice(0, 3).map(changeText);
    if (changes.length) out.push(...wrap(changes.join(' · '), '     '));
  });
  out.push(...footer(r, ''));
  return `${out.join('\n')}\n`;
}

function totalsJson(t: Totals) {
  return Object.fromEntries([...CATEGORIES, 'total' as const].map((c) => [c, exact(t[c])]));
}

function spreadJson(u: Uncertainty | undefined) {
  if (!u) return undefined;
  return { samples: u.monteCarlo.samples, seed: u.monteCarlo.seed, expected: exact(u.monteCarlo.spreads.total.expected), p50: exact(percentile(u, 50)!), p95: exact(percentile(u, 95)!) };
}

function copyJson(c: Detailed) {
  const b = c.copyBreakEven;
  const replica = c.scenario.storage!.find((s) => s.name === c.copy!.replica)!;
  const refresh = c.scenario.transfers!.find((t) => t.to === `storage:${replica.name}`)!;
  return {
    replica: { name: replica.name, provider: replica.provider, region: replica.region, class: replica.class, gb: exact(replica.gb) },
    refresh: { name: refresh.name, from: refresh.from, to: refresh.to, gb_per_month: exact(refresh.gb_per_month!) },
    read_gb_per_month: exact(c.copy!.readGb),
    break_even: !b ? undefined : b.kind === 'crossing' ? { read_gb_per_month: exact(b.at[0]!), copy_cheaper: b.cheaperBelow === 0 ? 'above' : 'below' } : b.kind === 'never' ? { never: true, cheaper: b.cheaper === 1 ? 'copy' : 'read across' } : { always: true },
  };
}

export function formatPlaceJson(r: PlaceReport): string {
  const json = {
    scenario: r.scenario,
    currency: r.base.currency,
    pricing: pricingJson(r.pricing),
    vary: r.groups.map((g) => `nodes.${g.name}`),
    as_written: { groups: r.groups, totals: totalsJson(r.base.totals), transfers: exact(r.movedBase), cross_cloud: exact(crossCloud(r.base)), ...(r.baseUncertainty ? { spread: spreadJson(r.baseUncertainty) } : {}) },
    ranked: r.ranked,
    candidates: r.shown.map((c) => ({
      rank: c.rank,
      as_written: c.asWritten,
      placement: c.spots.map((s) => ({ group: s.group, provider: s.provider, region: s.region, ...(s.zone ? { zone: s.zone } : {}), instance: s.instance, purchase: s.purchase, rate: exact(s.rate) })),
      totals: totalsJson(c.totals),
      delta: exact(c.delta),
      deltas: Object.fromEntries(CATEGORIES.map((k) => [k, exact(c.deltas[k])])),
      cross_cloud: exact(crossCloud(c.estimate)),
      transfers: c.moved.map((l) => ({ kind: l.kind, name: l.name, category: l.category, ...(l.path ? { path: l.path } : {}), cost: exact(l.cost) })),
      ...(c.uncertainty ? { spread: spreadJson(c.uncertainty) } : {}),
      ...(c.chanceCheaper !== undefined ? { chance_cheaper: exact(c.chanceCheaper) } : {}),
      ...(c.copy ? { copy: copyJson(c) } : {}),
      changes: c.changes.map((l) => ({ kind: l.kind, name: l.name, category: l.category, before: exact(l.before), after: exact(l.after) })),
    })),
    ...(r.maxP95 ? { max_p95: exact(r.maxP95), over_max_p95: r.overBudget } : {}),
    unpriced: r.failed.map((f) => ({ placement: f.spots.map((s) => `${s.group}=${s.provider}:${s.region}`).join(' '), reason: f.reason })),
    assumptions: r.assumptions,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

export function formatPlaceCsv(r: PlaceReport): string {
  const head = ['rank', 'placement', 'total', 'delta', ...CATEGORIES.map((c) => `${c}_delta`), 'transfers', 'cross_cloud', 'p50', 'p95', 'chance_cheaper', 'changes'];
  const rows = r.shown.map((c) => [
    String(c.rank),
    c.spots.map((s) => `${s.group}=${s.provider}:${s.region}${s.zone ? `:${s.zone}` : ''} ${s.instance} ${s.purchase}`).join('; '),
    exact(c.totals.total),
    exact(c.delta),
    ...CATEGORIES.map((k) => exact(c.deltas[k])),
    exact(movedCost(c)),
    exact(crossCloud(c.estimate)),
    percentile(c.uncertainty, 50) ? exact(percentile(c.uncertainty, 50)!) : '',
    percentile(c.uncertainty, 95) ? exact(percentile(c.uncertainty, 95)!) : '',
    c.chanceCheaper !== undefined ? exact(c.chanceCheaper) : '',
    c.changes.slice(0, 3).map((l) => `${l.name} ${exact(l.before)} -> ${exact(l.after)}`).join('; '),
  ]);
  return stringify([head, ...rows]);
}

export function formatPlaceMarkdown(r: PlaceReport): string {
  const out = [`### ${r.scenario}: where should ${r.groups.map((g) => `\`nodes.${g.name}\``).join(' and ')} sit?`, ''];
  for (const g of r.groups) out.push(`- as written: \`${g.name}\` at ${g.at}`);
  out.push(`- plan as written: ${money(r.base.totals.total)}/month; its transfers naming the varied groups: ${money(r.movedBase)}`, `- pricing: ${pricingLine(r)}`, '');
  const ranged = r.shown.some((c) => c.uncertainty);
  const head = ['#', 'placement', 'total/month', 'vs written', 'compute Δ', 'egress Δ', 'transfers', ...(ranged ? ['p50', 'p95', 'P(cheaper)'] : []), 'top changes'];
  out.push(`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 1 || i === head.length - 1 ? ' --- ' : ' ---: ')).join('|')}|`);
  for (const c of r.shown) {
    const cells = [
      String(c.rank),
      placementText(c).join('<br>'),
      money(c.totals.total),
      signed(c.delta),
      signed(c.deltas.compute),
      signed(c.deltas.egress),
      money(movedCost(c)),
      ...(ranged ? [c.uncertainty ? money(percentile(c.uncertainty, 50)!) : '', c.uncertainty ? money(percentile(c.uncertainty, 95)!) : '', c.chanceCheaper !== undefined ? percent(c.chanceCheaper, 0) : ''] : []),
      visible(c.changes).slice(0, 3).map(changeText).join('<br>'),
    ];
    out.push(`| ${cells.map((x) => x.replace(/\|/g, '\\|')).join(' | ')} |`);
  }
  out.push('', ...footer(r, 'markdown').map((l) => (l === 'assumptions:' ? '**Assumptions**' : l)));
  return `${out.join('\n')}\n`;
}
