import type { Comparison, Reconciliation } from '../actuals/reconcile.js';
import type { SourceResult } from '../actuals/source.js';
import {
  adjustmentLabel,
  CATEGORY_TITLE,
  costBasisText,
  flagMark,
  moreText,
  netLabel,
  otherProvidersText,
  providerTitle,
  reportNotes,
  requestsText,
  signedMoney,
  unplannedShown,
  usageText,
  varianceText,
  verdict,
  wrapNote,
} from './actuals-describe.js';
import { pricingLine } from './describe.js';
import { money, percent } from '../model/numbers.js';

/** The money columns' width and the label's: a seven-figure bill widens the figures and narrows the names, so a row stays within 80 columns. */
interface Widths {
  label: number;
  money: number;
}

const LABEL = 22;
const MONEY = 12;

function widthsFor(r: Reconciliation): Widths {
  const rows: Comparison[] = [...r.categories, ...r.lines, r.total, ...r.providers];
  const widest = Math.max(MONEY, ...rows.flatMap((c) => [money(c.projected).length, money(c.actual).length, signedMoney(c).length]));
  return { money: widest, label: Math.max(12, LABEL - 3 * (widest - MONEY)) };
}

function row(label: string, c: Comparison, w: Widths): string {
  const name = label.length > w.label ? `${label.slice(0, w.label - 1)}…` : label;
  const m = (text: string) => text.padStart(w.money);
  return `${name.padEnd(w.label)} ${m(money(c.projected))} ${m(money(c.actual))} ${m(signedMoney(c))} ${varianceText(c).padStart(9)} ${flagMark(c)}`.trimEnd();
}

/** Projected vs actual per category and line, then what the plan missed; fits 80 columns. */
export function formatActualsTable(r: Reconciliation, s: SourceResult): string {
  const out: string[] = [];
  const w = widthsFor(r);
  out.push(`${r.scenario} · actuals for ${r.period.month} · ${r.currency}`);
  if (r.period.elapsedDays < r.period.days) {
    out.push(`month to date: ${r.period.elapsedDays} of ${r.period.days} days, against the projection pro-rated to them`);
  }
  out.push(...wrapNote(`source: ${s.source}`), ...wrapNote(`pricing: ${pricingLine(r)}`), costBasisText(r));
  const requests = requestsText(s);
  if (requests) out.push(requests);
  if (r.estimated) out.push('note: the provider marks some of this data as estimated (the month is not final)');
  out.push('', `${''.padEnd(w.label)} ${'projected'.padStart(w.money)} ${'actual'.padStart(w.money)} ${'difference'.padStart(w.money)} ${'variance'.padStart(9)}`);
  for (const c of r.categories) {
    out.push('', row(CATEGORY_TITLE[c.category], c, w));
    for (const l of r.lines.filter((x) => x.line.category === c.category)) {
      out.push(row(`  ${l.line.name}`, l, w));
      // A flagged line says whether usage or price drifted.
      const usage = l.flag ? usageText(l, l.line.quantity.times(r.period.elapsedDays).div(r.period.days)) : undefined;
      // Under the line's row: its lead counts toward the first line's 79 columns.
      if (usage) out.push(...wrapNote(usage, '      ', '    '));
    }
  }
  out.push('─'.repeat(79), row('TOTAL', r.total, w));
  if (r.providers.length > 1 || r.otherProviders.length) {
    for (const p of r.providers) out.push(row(`  ${providerTitle(p.provider)}`, p, w));
  }
  const others = otherProvidersText(r);
  if (others) out.push(...wrapNote(others));
  if (r.forecast) {
    const basis = r.forecast.basis === 'provider' ? "the provider's forecast" : 'month-to-date at the same daily rate';
    const projection = money(r.total.projected.times(r.period.days).div(r.period.elapsedDays));
    out.push(...wrapNote(`forecast for the whole month: ${money(r.forecast.total)} (${basis}; projection ${projection})`));
  }

  if (r.unplanned.length) {
    out.push('', 'unplanned spend (no projected line):');
    const { listed, more } = unplannedShown(r);
    for (const u of listed) {
      const what = `  ${u.category.padEnd(8)} ${u.provider} ${u.region ? `${u.region} ` : ''}${u.usageType || u.service}`;
      out.push(`${(what.length > 64 ? `${what.slice(0, 63)}…` : what).padEnd(64)} ${money(u.cost).padStart(14)}`);
    }
    if (more) out.push(...wrapNote(`  … ${moreText(more)}`, '    '));
  }
  if (r.unused.length) {
    out.push('', 'unused plan (projected, nothing billed):');
    for (const l of r.unused) out.push(`  ${l.line.name.padEnd(62)} ${money(l.projected).padStart(14)}`);
  }
  if (r.adjustments.length) {
    out.push('', 'credits, refunds, adjustments, tax and support (not compared with the plan):');
    for (const a of r.adjustments) out.push(`  ${adjustmentLabel(a).padEnd(62)} ${money(a.cost).padStart(14)}`);
    out.push(`  ${netLabel(r).padEnd(62)} ${money(r.net).padStart(14)}`);
  }
  for (const note of reportNotes(r, s)) out.push('', ...wrapNote(`note: ${note}`));
  out.push('', `threshold ±${percent(r.threshold, 0)} · ▲ over · ▼ under`, ...wrapNote(verdict(r)));
  return `${out.join('\n')}\n`;
}
