import type { Reconciliation } from '../actuals/reconcile.js';
import type { SourceResult } from '../actuals/source.js';
import type { Comparison } from '../actuals/reconcile.js';
import {
  adjustmentLabel,
  costBasisText,
  flagMark,
  moreText,
  netLabel,
  otherProvidersText,
  periodText,
  providerTitle,
  reportNotes,
  requestsText,
  signedMoney,
  unplannedShown,
  usageText,
  varianceText,
  verdict,
} from './actuals-describe.js';
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
      const usage = usageText(l, l.line.quantity.times(r.period.elapsedDays).div(r.period.days));
      out.push(`| ${cell(l.line.name)}${usage ? `<br><sub>${cell(usage)}</sub>` : ''} | ${money(l.projected)} | ${money(l.actual)} | ${signedMoney(l)} | ${variance(l)} |`);
    }
  }
  out.push(`| **total** | **${money(r.total.projected)}** | **${money(r.total.actual)}** | **${signedMoney(r.total)}** | ${variance(r.total) ? `**${variance(r.total)}**` : ''} |`);
  for (const p of r.providers) {
    out.push(`| ${providerTitle(p.provider)} (provider) | ${money(p.projected)} | ${money(p.actual)} | ${signedMoney(p)} | ${variance(p)} |`);
  }
  const others = otherProvidersText(r);
  if (others) out.push('', `${others.charAt(0).toUpperCase()}${others.slice(1)}.`);
  if (r.forecast) out.push('', `Forecast for the whole month: ${money(r.forecast.total)} (${r.forecast.basis === 'provider' ? "provider's forecast" : 'run rate'})`);
  if (r.unplanned.length) {
    out.push('', 'Unplanned spend:', '', '| Category | Where | Service | Usage | Cost |', '|---|---|---|---|---:|');
    const { listed, more } = unplannedShown(r);
    for (const u of listed) out.push(`| ${u.category} | ${u.provider} ${u.region} | ${cell(u.service)} | ${cell(u.usageType || u.service)} | ${money(u.cost)} |`);
    if (more) out.push(`| | | | ${cell(moreText(more))} | ${money(more.cost)} |`);
  }
  if (r.unused.length) out.push('', `Unused plan: ${r.unused.map((l) => `${cell(l.line.name)} (${money(l.projected)})`).join(', ')}`);
  if (r.adjustments.length) {
    out.push('', `Credits, refunds, adjustments, tax and support (not compared): ${r.adjustments.map((a) => `${cell(adjustmentLabel(a))} ${money(a.cost)}`).join(', ')}; ${netLabel(r).replace(' for the month', '')} ${money(r.net)}`);
  }
  const notes = reportNotes(r, s);
  if (notes.length) out.push('', ...notes.map((n) => `- ${cell(n)}`));
  return `${out.join('\n')}\n`;
}
