import type { Estimate } from '../model/estimate.js';
import { budgetLine, byCategory, pricingLine, purchaseNote, quantityTimesRate, tierNote } from './describe.js';
import { money } from '../model/numbers.js';

const WIDTH = 79;

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function row(left: string, middle: string, right: string): string {
  const rightW = 15;
  const leftW = WIDTH - rightW - middle.length - 2;
  return `${fit(left, Math.max(leftW, 10)).padEnd(Math.max(leftW, 10))} ${middle} ${right.padStart(rightW)}`.slice(0, WIDTH + 20);
}

function wrap(text: string, indent: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if ((indent + current + ' ' + word).length > WIDTH && current) {
      out.push(indent + current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(indent + current);
  return out;
}

/**
 * The human table: grouped by category, largest line first, quantity × rate = cost; fits 80 columns.
 * `sections` (e.g. the uncertainty section) go after the budget line, before the assumptions.
 */
export function formatTable(e: Estimate, sections: readonly string[] = []): string {
  const out: string[] = [];
  out.push(`${e.scenario} · monthly projection · ${e.currency}`);
  out.push(...wrap(`pricing: ${pricingLine(e)}`, ''));
  for (const { category, lines } of byCategory(e)) {
    out.push('');
    out.push(row(category.toUpperCase(), '', money(e.totals[category])));
    for (const l of lines) {
      out.push(row(`  ${l.name}`, quantityTimesRate(l), money(l.cost)));
      out.push(...wrap(l.kind === 'transfer' ? l.description : `${l.description} · ${l.provider} ${l.region}`, '      '));
      const tiers = tierNote(l);
      if (tiers) out.push(...wrap(tiers, '      '));
      const bought = purchaseNote(l);
      if (bought) out.push(...wrap(bought, '      '));
    }
  }
  out.push('─'.repeat(WIDTH));
  out.push(row('TOTAL per month', '', money(e.totals.total)));
  const budget = budgetLine(e);
  if (budget) out.push(budget);
  out.push(...sections);
  if (e.assumptions.length) {
    out.push('', 'assumptions:');
    for (const a of e.assumptions) out.push(...wrap(`- ${a}`, '  ').map((s, i) => (i === 0 ? s : `  ${s}`)));
  }
  return `${out.join('\n')}\n`;
}
