/** Every table tollgate prints fits a terminal of this many columns. */
export const TABLE_WIDTH = 79;
const GAP = '  ';
const FOLD = '    ';

/**
 * Plain text columns: each padded to its widest cell; `right` columns (numbers)
 * align on the right. A table wider than `width` is folded, not cut: the
 * columns that do not fit go on an indented second line of each row (and of
 * the header), still aligned with each other.
 */
export function columns(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: ReadonlySet<number> = new Set(),
  { width = TABLE_WIDTH, foldBefore }: { width?: number; foldBefore?: number } = {},
): string {
  // Loops, not spreads and maps: a full catalog listing is thousands of rows of eleven cells.
  const widths = header.map((h) => h.length);
  for (const r of rows) for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, (r[i] ?? '').length);
  const span = (from: number, to: number) => widths.slice(from, to).reduce((a, w) => a + w, 0) + GAP.length * Math.max(0, to - from - 1);
  // Where the caller says a row reads best folded (the facts, then the prices), when both halves fit.
  const preferred = foldBefore !== undefined && span(0, foldBefore) <= width && FOLD.length + span(foldBefore, widths.length) <= width;
  const groups: number[][] = span(0, widths.length) <= width ? [widths.map((_, i) => i)] : preferred ? [[...Array(foldBefore).keys()], []] : [[]];
  if (groups.length === 2) for (let i = foldBefore!; i < widths.length; i++) groups[1]!.push(i);
  let used = 0;
  if (groups[0]!.length === 0) widths.forEach((w, i) => {
    const group = groups.at(-1)!;
    const indent = groups.length > 1 ? FOLD.length : 0;
    if (group.length > 0 && indent + used + GAP.length + w > width) {
      groups.push([i]);
      used = w;
    } else {
      used += (group.length > 0 ? GAP.length : 0) + w;
      group.push(i);
    }
  });
  const line = (cells: readonly string[]) => {
    let out = '';
    for (let g = 0; g < groups.length; g++) {
      let text = g > 0 ? FOLD : '';
      const group = groups[g]!;
      for (let k = 0; k < group.length; k++) {
        const i = group[k]!;
        const cell = cells[i] ?? '';
        text += (k > 0 ? GAP : '') + (right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!));
      }
      out += (g > 0 ? '\n' : '') + text.trimEnd();
    }
    return out;
  };
  return [line(header), ...rows.map(line)].join('\n');
}
