import type { Reconciliation } from '../actuals/reconcile.js';
import type { SourceResult } from '../actuals/source.js';
import type { Comparison } from '../actuals/reconcile.js';
import { adjustmentLabel, costBasisText, flagMark, netLabel, periodText, requestsText, signedMoney, varianceText, verdict } from './actuals-describe.js';
import { pricingLine } from './describe.js';
import { money } from '../model/numbers.js';

function variance(c: Comparison): string {
  return [varianceText(c), flagMark(c)].filter(Boolean).join(' ');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** Actuals report for a pull request, an issue or the team's monthly review. */
export function formatActualsMarkdown(r: Reconciliation, s: SourceResult): string {
  const out: string[] = [];
  out.push(`### ${cell(r.scenario)}: actuals for ${periodText(r)}`, '');
  out.push(`Source: ${cell(s.source)} · Pricing: ${pricingLine(r)} · ${costBasisText(r)}${requestsText(s) ? ` · ${requestsText(s)}` : ''}`, '', `**${verdict(r)}**`, '');
  out.push('| | Projected | Actual | Difference | Variance |', '|---|---:|---:|---:|---:|');
  for (const c of r.categories) {
    out.push(`| **${c.category}** | **${money(c.projected)}** | **${money(c.actual)}** | **${signedMoney(c)}** | ${variance(c) ? `**${variance(c)}**` : ''} |`);
    for (const l of r.lines.filter((x) => x.line.category === c.category)) {
      out.push(`| ${cell(l.line.name)} | ${money(l.projected)} | ${money(l.actual)} | ${signedMoney(l)} | ${variance(l)} |`);
    }
  }
  out.push(`| **total** | **${money(r.total.projected)}** | **${money(r.total.actual)}** | **${signedMoney(r.total)}** | ${variance(r.total) ? `**${variance(r.total)}**` : ''} |`);
  if (r.forecast) out.push('', `Forecast for the whole month: ${money(r.forecast.total)} (${r.forecast.basis === 'provider' ? "provider's forecast" : 'run rate'})`);
  if (r.unplanned.length) {
    out.push('', 'Unplanned spend:', '', '| Category | Where | Usage | Cost |', '|---|---|---|---:|');
    for (const u of r.unplanned) out.push(`| ${u.category} | ${u.provider} ${u.region} | ${cell(u.usageType || u.service)} | ${money(u.cost)} |`);
  }
  if (r.unused.length) out.push('', `Unused plan: ${r.unused.map((l) => `${cell(l.line.name)} (${money(l.projected)})`).join(', ')}`);
  if (r.adjustments.length) {
    out.push('', `Credits, refunds, tax and support (not compared): ${r.adjustments.map((a) => `${cell(adjustmentLabel(a))} ${money(a.cost)}`).join(', ')}; ${netLabel(r).replace(' for the month', '')} ${money(r.net)}`);
  }
  return `${out.join('\n')}\n`;
}
