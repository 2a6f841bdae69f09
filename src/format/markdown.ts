import type { Estimate } from '../model/estimate.js';
import { budgetLine, byCategory, pricingLine, purchaseNote, quantityTimesRate } from './describe.js';
import { money } from '../model/numbers.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** A Markdown report fit to paste into a pull request or design doc; `sections` go before the assumptions. */
export function formatMarkdown(e: Estimate, sections: readonly string[] = []): string {
  const out: string[] = [];
  out.push(`### ${cell(e.scenario)}: ${money(e.totals.total)}/month`, '');
  out.push(`Pricing: ${pricingLine(e)}`, '');
  out.push('| Category | Line | Quantity × rate | Cost |', '|---|---|---|---:|');
  for (const { category, lines } of byCategory(e)) {
    for (const l of lines) {
      const bought = purchaseNote(l);
      out.push(`| ${category} | ${cell(l.name)}: ${cell(l.description)}${bought ? `<br>${cell(bought)}` : ''} | ${quantityTimesRate(l)} | ${money(l.cost)} |`);
    }
    out.push(`| **${category}** | | | **${money(e.totals[category])}** |`);
  }
  out.push(`| **total** | | | **${money(e.totals.total)}** |`);
  const budget = budgetLine(e);
  if (budget) out.push('', budget);
  out.push(...sections);
  if (e.assumptions.length) {
    // One assumption per line can come from a plan of any size: appended, not spread into push().
    out.push('', '<details><summary>Assumptions</summary>', '');
    for (const a of e.assumptions) out.push(`- ${cell(a)}`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}
