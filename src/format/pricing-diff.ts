import type { Decimal } from '../model/decimal.js';
import type { RateChange } from '../pricing/diff.js';
import { columns } from './columns.js';
import { exact, rate } from '../model/numbers.js';

/** What the two sides of a diff were, for the heading. */
export interface DiffSides {
  provider: string;
  old: { file: string; as_of: string };
  new: { file: string; as_of: string };
}

const shown = (d: Decimal | undefined) => (d ? rate(d) : '—');

function pct(c: RateChange): string {
  if (!c.ratio) return c.change === 'changed' ? 'from 0' : '';
  const p = c.ratio.times(100).toDecimalPlaces(1);
  return `${p.isPositive() && !p.isZero() ? '+' : ''}${p.toFixed(1)}%`;
}

function summary(changes: readonly RateChange[]): string {
  const count = (k: RateChange['change']) => changes.filter((c) => c.change === k).length;
  return `${count('changed')} changed, ${count('added')} added, ${count('removed')} removed`;
}

function heading(sides: DiffSides): string {
  return `${sides.provider}: ${sides.old.file} (${sides.old.as_of}) → ${sides.new.file} (${sides.new.as_of})`;
}

function cells(c: RateChange): string[] {
  return [c.change, c.item, c.detail, shown(c.old), shown(c.new), pct(c), c.unit];
}

export function diffTable(changes: readonly RateChange[], sides: DiffSides): string {
  const head = `${heading(sides)}\n${summary(changes)}`;
  if (changes.length === 0) return `${head}\n`;
  return `${head}\n\n${columns(['CHANGE', 'ITEM', 'WHERE', 'OLD', 'NEW', '%', 'UNIT'], changes.map(cells), new Set([3, 4, 5]))}\n`;
}

export function diffMarkdown(changes: readonly RateChange[], sides: DiffSides): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const out = [`### Pricing changes: ${escape(heading(sides))}`, '', summary(changes)];
  if (changes.length) {
    out.push('', '| change | item | where | old | new | % | unit |', '|---|---|---|--:|--:|--:|---|');
    for (const c of changes) out.push(`| ${cells(c).map(escape).join(' | ')} |`);
  }
  return `${out.join('\n')}\n`;
}

/** One change for JSON: exact decimal strings; `change_pct` is the unrounded percentage. */
export function changeJson(c: RateChange) {
  return {
    change: c.change,
    item: c.item,
    where: c.detail,
    unit: c.unit,
    old: c.old ? exact(c.old) : undefined,
    new: c.new ? exact(c.new) : undefined,
    change_pct: c.ratio ? exact(c.ratio.times(100)) : undefined,
  };
}

export function diffJson(changes: readonly RateChange[], sides: DiffSides): string {
  const body = { ...sides, changes: changes.map(changeJson) };
  return `${JSON.stringify(body, null, 2)}\n`;
}
