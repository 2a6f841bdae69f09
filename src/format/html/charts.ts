import { Decimal } from '../../model/decimal.js';
import { money } from '../../model/numbers.js';
import { text } from './page.js';

/**
 * Inline SVG charts. Money stays Decimal; only the share of the chart's width
 * a bar takes becomes a number, and only here, for drawing.
 */

export interface Bar {
  value: Decimal;
  /** CSS class of the bar's fill (cat-compute, bar2, fill-over, …). */
  cls: string;
  /** What the bar is, printed after it (e.g. "projected"); its value follows. */
  caption?: string;
}

export interface BarGroup {
  label: string;
  bars: Bar[];
}

const WIDTH = 760;
const LABEL = 170;
const VALUE = 190;
const BAR_H = 16;

function share(value: Decimal, max: Decimal): number {
  if (max.lte(0) || value.lte(0)) return 0;
  return Decimal.min(value.div(max), 1).toNumber();
}

const px = (n: number) => n.toFixed(1);

/** Horizontal bars, one group per row (one bar for a breakdown, two for projected vs actual, N for N scenarios). */
export function barChart(title: string, groups: readonly BarGroup[]): string {
  const max = groups.flatMap((g) => g.bars.map((b) => b.value)).reduce((m, v) => Decimal.max(m, v), new Decimal(0));
  const track = WIDTH - LABEL - VALUE;
  let y = 4;
  const parts: string[] = [];
  for (const g of groups) {
    const top = y;
    for (const b of g.bars) {
      const w = share(b.value, max) * track;
      const caption = `${b.caption ? `${b.caption} ` : ''}${money(b.value)}`;
      parts.push(`<rect class="${b.cls}" x="${LABEL}" y="${y}" width="${px(w)}" height="${BAR_H - 3}" rx="2"><title>${text(`${g.label}: ${caption}`)}</title></rect>`);
      parts.push(`<text x="${px(LABEL + w + 6)}" y="${y + BAR_H - 5}">${text(caption)}</text>`);
      y += BAR_H;
    }
    parts.push(`<text x="${LABEL - 8}" y="${top + (y - top) / 2 + 4}" text-anchor="end">${text(g.label)}</text>`);
    y += 6;
  }
  return `<figure class="chart"><svg role="img" aria-label="${text(title)}" viewBox="0 0 ${WIDTH} ${y}" width="${WIDTH}" height="${y}">${parts.join('')}</svg></figure>`;
}

export interface TornadoRow {
  label: string;
  atLow: Decimal;
  atHigh: Decimal;
}

/** The tornado: each input's total at its low and high end, drawn left (cheaper) and right (dearer) of the point total. */
export function tornadoChart(rows: readonly TornadoRow[], point: Decimal): string {
  const scale = rows.reduce((m, r) => Decimal.max(m, r.atLow.minus(point).abs(), r.atHigh.minus(point).abs()), new Decimal(0));
  const left = 260;
  const half = (WIDTH - left - 20) / 2;
  const mid = left + half;
  const parts: string[] = [];
  let y = 18;
  parts.push(`<text x="${mid}" y="12" text-anchor="middle" class="muted">${text(`point projection ${money(point)}`)}</text>`);
  for (const r of rows) {
    const down = Decimal.min(r.atLow.minus(point), r.atHigh.minus(point), 0).abs();
    const up = Decimal.max(r.atLow.minus(point), r.atHigh.minus(point), 0);
    const wDown = share(down, scale) * half;
    const wUp = share(up, scale) * half;
    const tip = `${r.label}: ${money(r.atLow)} … ${money(r.atHigh)}`;
    parts.push(`<text x="${left - 8}" y="${y + 12}" text-anchor="end">${text(r.label)}</text>`);
    parts.push(`<rect class="fill-under" x="${px(mid - wDown)}" y="${y}" width="${px(wDown)}" height="${BAR_H}"><title>${text(tip)}</title></rect>`);
    parts.push(`<rect class="fill-over" x="${mid}" y="${y}" width="${px(wUp)}" height="${BAR_H}"><title>${text(tip)}</title></rect>`);
    y += BAR_H + 6;
  }
  parts.push(`<line class="axis" x1="${mid}" y1="16" x2="${mid}" y2="${y}"/>`);
  return `<figure class="chart"><svg role="img" aria-label="tornado: what drives the spread" viewBox="0 0 ${WIDTH} ${y + 4}" width="${WIDTH}" height="${y + 4}">${parts.join('')}</svg></figure>`;
}

export interface DayPoint {
  day: string;
  cost: Decimal;
  /** Not final yet at the provider: drawn paler. */
  estimated?: boolean;
}

/** Spend per day as columns, with the plan's daily rate as a dashed line when given. */
export function dailyChart(days: readonly DayPoint[], plannedPerDay?: Decimal): string {
  const height = 160;
  const base = height - 22;
  const max = days.reduce((m, d) => Decimal.max(m, d.cost), plannedPerDay ?? new Decimal(0));
  const left = 70;
  const step = (WIDTH - left - 10) / Math.max(days.length, 1);
  const parts: string[] = [`<line class="axis" x1="${left}" y1="${base}" x2="${WIDTH - 10}" y2="${base}"/>`];
  parts.push(`<text x="${left - 6}" y="14" text-anchor="end" class="muted">${text(money(max))}</text>`);
  days.forEach((d, i) => {
    const h = share(d.cost, max) * (base - 10);
    const x = left + i * step;
    parts.push(`<rect class="${d.estimated ? 'bar2' : 'cat-compute'}" x="${px(x + 1)}" y="${px(base - h)}" width="${px(Math.max(step - 2, 1))}" height="${px(h)}"><title>${text(`${d.day}: ${money(d.cost)}${d.estimated ? ' (estimated)' : ''}`)}</title></rect>`);
    if (i === 0 || i === days.length - 1 || days.length <= 10) parts.push(`<text x="${px(x + step / 2)}" y="${height - 6}" text-anchor="middle" class="muted">${text(d.day.slice(5))}</text>`);
  });
  if (plannedPerDay) {
    const y = base - share(plannedPerDay, max) * (base - 10);
    parts.push(`<line class="axis" stroke-dasharray="4 3" x1="${left}" y1="${px(y)}" x2="${WIDTH - 10}" y2="${px(y)}"><title>${text(`plan: ${money(plannedPerDay)} a day`)}</title></line>`);
  }
  return `<figure class="chart"><svg role="img" aria-label="spend per day" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">${parts.join('')}</svg></figure>`;
}
