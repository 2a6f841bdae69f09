import type { Comparison, Reconciliation } from '../../actuals/reconcile.js';
import type { SourceResult } from '../../actuals/source.js';
import { adjustmentLabel, CATEGORY_TITLE, costBasisText, netLabel, periodText, requestsText, signedMoney, varianceText, verdict } from '../actuals-describe.js';
import { exact, money, percent } from '../../model/numbers.js';
import { barChart, dailyChart } from './charts.js';
import { list, page, table, text } from './page.js';

function figures(c: Comparison): string[] {
  const cls = c.flag === 'over' ? 'over' : c.flag === 'under' ? 'under' : '';
  return [text(money(c.projected)), text(money(c.actual)), text(signedMoney(c)), `<span class="${cls}">${text(varianceText(c))}${c.flag ? ` ${c.flag === 'over' ? '▲' : '▼'}` : ''}</span>`];
}

/** The monthly check for people who would rather look than read: projected vs actual bars, spend per day, what the plan missed. */
export function formatActualsHtml(r: Reconciliation, s: SourceResult): string {
  const chart = barChart(
    'projected vs actual by category',
    r.categories.map((c) => ({
      label: CATEGORY_TITLE[c.category],
      bars: [
        { value: c.projected, cls: 'bar2', caption: 'projected' },
        { value: c.actual, cls: c.flag === 'over' ? 'fill-over' : `cat-${c.category}`, caption: 'actual' },
      ],
    })),
  );
  const rows = r.categories.flatMap((c) => [
    [`<strong data-category="${c.category}">${text(CATEGORY_TITLE[c.category])}</strong>`, ...figures(c)],
    ...r.lines.filter((l) => l.line.category === c.category).map((l) => [`&nbsp;&nbsp;${text(l.line.name)}`, ...figures(l)]),
  ]);
  const total = ['TOTAL', ...figures(r.total)];
  total[2] = `<span data-figure="actual" data-exact="${exact(r.total.actual)}">${total[2]}</span>`;
  total[1] = `<span data-figure="projected" data-exact="${exact(r.total.projected)}">${total[1]}</span>`;
  const all = [...rows, total];
  const main = table(['', 'Projected', 'Actual', 'Difference', 'Variance'], all, [1, 2, 3, 4], (i) => (i === all.length - 1 ? 'total' : ''));
  const perDay = r.period.elapsedDays > 0 ? r.total.projected.div(r.period.elapsedDays) : undefined;
  const daily = r.daily.length
    ? `<h3>Spend per day</h3><p class="note">Usage per UTC day; the dashed line is the plan's daily rate${r.daily.some((d) => d.estimated) ? '; pale days are not final yet' : ''}.</p>${dailyChart(r.daily, perDay)}`
    : '';
  const forecast = r.forecast
    ? `<p>${text(`Forecast for the whole month: ${money(r.forecast.total)} (${r.forecast.basis === 'provider' ? "the provider's forecast" : 'month-to-date at the same daily rate'})`)}</p>`
    : '';
  const unplanned = r.unplanned.length
    ? `<h3>Unplanned spend</h3>${table(['Category', 'Provider', 'Region', 'Usage', 'Cost'], r.unplanned.map((u) => [text(u.category), text(u.provider), text(u.region), text(u.usageType || u.service), text(money(u.cost))]), [4])}`
    : '';
  const unused = r.unused.length ? `<h3>Unused plan</h3><p class="note">Projected, nothing billed.</p>${table(['Line', 'Projected'], r.unused.map((l) => [text(l.line.name), text(money(l.projected))]), [1])}` : '';
  const adjustments = r.adjustments.length
    ? `<h3>Credits, refunds, tax and support</h3>${table(['', 'Cost'], [...r.adjustments.map((a) => [text(adjustmentLabel(a)), text(money(a.cost))]), [text(netLabel(r)), text(money(r.net))]], [1])}`
    : '';
  const about = [`source: ${s.source}`, costBasisText(r), ...(requestsText(s) ? [requestsText(s)!] : []), `threshold ±${percent(r.threshold, 0)}`];
  const body = `<h1>Actuals: ${text(r.scenario)}</h1>
<p class="meta">${text(periodText(r))} · ${text(r.currency)}</p>
<section class="report" data-scenario="${text(r.scenario)}">
<p class="${r.over ? 'over' : ''}" data-figure="verdict">${text(verdict(r))}</p>
${chart}${main}${forecast}${daily}${unplanned}${unused}${adjustments}
<h3>About this check</h3>${list([...about, ...s.notes], 'assumptions')}
</section>`;
  return page(`tollgate actuals: ${r.scenario} ${r.period.month}`, body);
}
