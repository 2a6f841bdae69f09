import type { BreakEven } from '../engine/breakeven.js';
import type { Decimal } from '../model/decimal.js';
import type { PricingSource } from '../model/pricing-book.js';
import { pricingJson, pricingLine } from './describe.js';
import { amount, exact, money, percent } from '../model/numbers.js';

export interface BreakEvenReport {
  /** The two plans, A then B. */
  plans: [string, string];
  /** What was varied: a scenario path, or the spot re-run overhead. */
  vary: string;
  /** '%' when the varied value is a fraction shown as a percentage. */
  unit: '' | '%';
  between: [Decimal, Decimal];
  result: BreakEven;
  /** The tables both plans were priced against. */
  pricing: PricingSource[];
  /** How the plans were modelled (the spot model B uses), and what it says at each crossing. */
  assumptions: string[];
  /** Crossings that need more hours per node than the month has: not reachable in a month. */
  beyondMonth: { at: Decimal; hours: Decimal; month: Decimal }[];
  /** Both plans' costs at the ends of the interval and at each crossing. */
  points: { x: Decimal; a: Decimal; b: Decimal }[];
}

function value(r: BreakEvenReport, x: Decimal): string {
  return r.unit === '%' ? percent(x, 2) : amount(x, 4);
}

/** One sentence: where the plans cost the same, or that they never do in the interval. */
export function verdict(r: BreakEvenReport): string {
  const name = (i: 0 | 1) => (i === 0 ? 'A' : 'B');
  const range = `[${value(r, r.between[0])}, ${value(r, r.between[1])}]`;
  const res = r.result;
  if (res.kind === 'always') return `A and B cost the same everywhere in ${range}.`;
  if (res.kind === 'never') return `never within ${range}: ${name(res.cheaper)} is cheaper across the whole interval.`;
  const at = res.at.map((x) => value(r, x)).join(', ');
  const other = res.cheaperBelow === 0 ? 1 : 0;
  const after = res.at.length === 1 ? `, above it ${name(other)}` : ' (the cheaper plan changes at each value)';
  const beyond = r.beyondMonth.map(
    (b) => ` At ${value(r, b.at)} a node needs ${amount(b.hours, 2)} hours, more than the ${b.month} hours in the month: this break-even cannot happen within a month.`,
  );
  return `break-even at ${r.vary} = ${at} (${money(res.costAt[0]!)}/month each): below it ${name(res.cheaperBelow)} is cheaper${after}.${beyond.join('')}`;
}

function wrap(text: string, width = 79): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...out, line];
}

export function formatBreakEvenTable(r: BreakEvenReport): string {
  const out = [`break-even · varying ${r.vary} over [${value(r, r.between[0])}, ${value(r, r.between[1])}]`, `  A  ${r.plans[0]}`, `  B  ${r.plans[1]}`];
  out.push(...wrap(`pricing: ${pricingLine(r)}`), ...r.assumptions.flatMap((a) => wrap(`assumes: ${a}`)), '', ...wrap(verdict(r)), '');
  out.push(`${r.vary.length > 24 ? 'value' : r.vary}`.padEnd(24).slice(0, 24) + 'A /month'.padStart(18) + 'B /month'.padStart(18) + 'B − A'.padStart(18));
  for (const p of r.points) {
    out.push(value(r, p.x).padEnd(24) + money(p.a).padStart(18) + money(p.b).padStart(18) + money(p.b.minus(p.a)).padStart(18));
  }
  return `${out.join('\n')}\n`;
}

export function formatBreakEvenMarkdown(r: BreakEvenReport): string {
  const out = [`### Break-even: ${r.vary}`, '', `- **A**: ${r.plans[0]}`, `- **B**: ${r.plans[1]}`, `- Pricing: ${pricingLine(r)}`, ...r.assumptions.map((a) => `- Assumes: ${a}`), '', verdict(r), ''];
  out.push(`| ${r.vary} | A /month | B /month | B − A |`, '|---:|---:|---:|---:|');
  for (const p of r.points) out.push(`| ${value(r, p.x)} | ${money(p.a)} | ${money(p.b)} | ${money(p.b.minus(p.a))} |`);
  return `${out.join('\n')}\n`;
}

export function formatBreakEvenJson(r: BreakEvenReport): string {
  const res = r.result;
  const body = {
    a: r.plans[0],
    b: r.plans[1],
    vary: r.vary,
    pricing: pricingJson(r.pricing),
    ...(r.unit === '%' ? { unit: 'fraction' } : {}),
    between: r.between.map(exact),
    result: res.kind,
    ...(res.kind === 'crossing'
      ? { at: res.at.map(exact), cost_at: res.costAt.map(exact), cheaper_below: res.cheaperBelow === 0 ? 'a' : 'b' }
      : {}),
    ...(res.kind === 'never' ? { cheaper: res.cheaper === 0 ? 'a' : 'b' } : {}),
    ...(r.assumptions.length ? { assumptions: r.assumptions } : {}),
    ...(r.beyondMonth.length ? { beyond_month: r.beyondMonth.map((b) => ({ at: exact(b.at), hours: exact(b.hours), hours_per_month: exact(b.month) })) } : {}),
    points: r.points.map((p) => ({ value: exact(p.x), a: exact(p.a), b: exact(p.b) })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
