import { Decimal } from '../model/decimal.js';
import { CATEGORIES, type Category, type Estimate } from '../model/estimate.js';
import { isLognormal } from '../model/quantity.js';
import type { UncertainInput } from '../model/uncertain.js';
import type { Swing } from '../engine/sensitivity.js';
import type { Uncertainty } from '../engine/uncertainty.js';
import { amount, exact, money, percent, count } from '../model/numbers.js';

/** The rows a spread is shown for: the categories the estimate has, then the total. */
export function spreadRows(e: Estimate): (Category | 'total')[] {
  return [...CATEGORIES.filter((c) => e.lines.some((l) => l.category === c)), 'total'];
}

/** One sampled figure of one category (or the total): the mean (`expected`) or a percentile (`p90`). */
export interface SampledFigure {
  figure: string;
  category: Category | 'total';
  value: Decimal;
}

/** A scenario's spread as flat records for the CSV formats: per category then the total, the mean then each percentile. */
export function sampledFigures(e: Estimate, u: Uncertainty): SampledFigure[] {
  return spreadRows(e).flatMap((category) => {
    const s = u.monteCarlo.spreads[category];
    return [{ figure: 'expected', category, value: s.expected }, ...[...s.percentiles].map(([p, value]) => ({ figure: `p${p}`, category, value }))];
  });
}

/** What was sampled: "2 ranged inputs", "1 ranged input, interruptions of 1 spot group". */
export function sampledInputs(inputs: readonly UncertainInput[]): string {
  const spot = inputs.filter((i) => i.interruptions).length;
  const ranged = inputs.length - spot;
  const rangedText = `${ranged} ranged input${ranged === 1 ? '' : 's'}`;
  return spot ? `${ranged ? `${rangedText}, ` : ''}interruptions of ${spot} spot group${spot === 1 ? '' : 's'}` : rangedText;
}

function rangeText(input: UncertainInput): string {
  if (input.interruptions) return 'Poisson, luck p05 … p95';
  const d = input.dist;
  return isLognormal(d) ? `p50 ${amount(d.p50)}, p95 ${amount(d.p95)}` : `${amount(d.low)} / ${amount(d.expected)} / ${amount(d.high)}`;
}

export function uncertaintyJson(e: Estimate, u: Uncertainty) {
  const mc = u.monteCarlo;
  return {
    method: 'monte-carlo',
    samples: mc.samples,
    seed: mc.seed,
    inputs: u.inputs.map((i) => ({
      input: i.label,
      ...(i.interruptions
        ? { distribution: 'poisson-interruptions' }
        : isLognormal(i.dist)
        ? { distribution: 'lognormal', p50: exact(i.dist.p50), p95: exact(i.dist.p95) }
        : { distribution: 'triangular', low: exact(i.dist.low), expected: exact(i.dist.expected), high: exact(i.dist.high) }),
    })),
    spread: Object.fromEntries(
      spreadRows(e).map((k) => {
        const s = mc.spreads[k];
        return [k, { expected: exact(s.expected), ...Object.fromEntries([...s.percentiles].map(([p, v]) => [`p${p}`, exact(v)])) }];
      }),
    ),
    ...(mc.overBudget !== undefined ? { p_over_budget: exact(mc.overBudget) } : {}),
    sensitivity: u.sensitivity.map((s) => ({
      input: s.input.label,
      low: exact(s.low),
      high: exact(s.high),
      total_at_low: exact(s.totalAtLow),
      total_at_high: exact(s.totalAtHigh),
      swing: exact(s.swing),
    })),
  };
}

const BAR = 12;

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** The largest move of the total from the point projection at any input's end: a tornado's full bar. */
export function tornadoScale(e: Estimate, u: Uncertainty): Decimal {
  const point = e.totals.total;
  return u.sensitivity.reduce((m, s) => Decimal.max(m, s.totalAtLow.minus(point).abs(), s.totalAtHigh.minus(point).abs()), new Decimal(0));
}

/** One tornado row: the total's move from the point projection (`point`), left for down, right for up, `width` cells a side. */
export function tornadoBar(s: Swing, point: Decimal, scale: Decimal, width = BAR): string {
  const [lowDelta, highDelta] = [s.totalAtLow.minus(point), s.totalAtHigh.minus(point)];
  const down = Decimal.min(lowDelta, highDelta, 0).abs();
  const up = Decimal.max(lowDelta, highDelta, 0);
  const cells = (d: Decimal) => (scale.isZero() ? 0 : Math.round(d.div(scale).times(width).toNumber()));
  const left = cells(down);
  const right = cells(up);
  return `${' '.repeat(width - left)}${'█'.repeat(left)}│${'█'.repeat(right)}${' '.repeat(width - right)}`;
}

/** The percentile section and the tornado chart for the terminal table (80 columns). */
export function uncertaintyTable(e: Estimate, u: Uncertainty): string[] {
  const mc = u.monteCarlo;
  const ps = [...mc.spreads.total.percentiles.keys()];
  const out: string[] = [];
  out.push('', `UNCERTAINTY · ${count(mc.samples)} samples, seed ${mc.seed}, ${sampledInputs(u.inputs)}`);
  out.push(`${''.padEnd(11)}${['expected', ...ps.map((p) => `p${p}`)].map((h) => h.padStart(14)).join('')}`);
  for (const k of spreadRows(e)) {
    const s = mc.spreads[k];
    const label = k === 'total' ? 'TOTAL' : k;
    out.push(`${label.padEnd(11)}${[s.expected, ...ps.map((p) => s.percentiles.get(p)!)].map((v) => money(v).padStart(14)).join('')}`);
  }
  if (mc.overBudget !== undefined && e.budget) out.push(`P(total > budget ${money(e.budget.monthly)}): ${percent(mc.overBudget)}`);
  out.push('(the projection above prices ranges at expected or p50; "expected" here is', 'the mean over the samples)');

  out.push('', 'what drives the spread: the total with one input at its low … high end', '(p05 … p95 for a {p50, p95} range), the others at their point values');
  const scale = tornadoScale(e, u);
  for (const s of u.sensitivity) {
    const swing = `swing ${money(s.swing)}`;
    const head = `${s.input.label} (${rangeText(s.input)})`;
    out.push(`${fit(head, 78 - swing.length).padEnd(79 - swing.length)}${swing}`);
    out.push(`    ${tornadoBar(s, e.totals.total, scale)}  ${money(s.totalAtLow)} … ${money(s.totalAtHigh)}`);
  }
  return out;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** A sensitivity row's Markdown cells: input, range, total at low and at high, swing. */
export function swingCells(s: Swing): string {
  return `${cell(s.input.label)} | ${rangeText(s.input)} | ${money(s.totalAtLow)} | ${money(s.totalAtHigh)} | ${money(s.swing)}`;
}

/** The same for a pull request or design doc. */
export function uncertaintyMarkdown(e: Estimate, u: Uncertainty): string[] {
  const mc = u.monteCarlo;
  const ps = [...mc.spreads.total.percentiles.keys()];
  const out: string[] = ['', `**Uncertainty** (${count(mc.samples)} Monte Carlo samples, seed ${mc.seed})`, ''];
  out.push(`| | expected | ${ps.map((p) => `p${p}`).join(' | ')} |`, `|---|---:|${ps.map(() => '---:').join('|')}|`);
  for (const k of spreadRows(e)) {
    const s = mc.spreads[k];
    const b = (t: string) => (k === 'total' ? `**${t}**` : t);
    out.push(`| ${b(k)} | ${[s.expected, ...ps.map((p) => s.percentiles.get(p)!)].map((v) => b(money(v))).join(' | ')} |`);
  }
  if (mc.overBudget !== undefined && e.budget) out.push('', `Probability the total exceeds the ${money(e.budget.monthly)} budget: **${percent(mc.overBudget)}**`);
  out.push('', '| Input | Range | Total at low | Total at high | Swing |', '|---|---|---:|---:|---:|');
  for (const s of u.sensitivity) {
    out.push(`| ${swingCells(s)} |`);
  }
  return out;
}
