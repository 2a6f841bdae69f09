/**
 * The smallest terminal every view is laid out for; below it the session says
 * so instead of drawing a wrong frame. 80 columns hold eight-figure amounts and
 * their deltas beside a name; 14 rows hold the list view's chrome and four
 * lines (shorter views scroll, and the compare view's budget bars give way).
 */
export const MIN_SIZE = { cols: 80, rows: 14 } as const;

/** "terminal too small: 72×20, needs 80×24", or undefined when the terminal is big enough. */
export function tooSmall(size: { cols: number; rows: number }): string | undefined {
  if (size.cols >= MIN_SIZE.cols && size.rows >= MIN_SIZE.rows) return undefined;
  return `terminal too small: ${size.cols}×${size.rows}, needs ${MIN_SIZE.cols}×${MIN_SIZE.rows}`;
}

/** The width of the widest text: an amount column is as wide as the widest amount it shows, never cut. */
export function widest(texts: Iterable<string>, atLeast = 0): number {
  let w = atLeast;
  for (const t of texts) w = Math.max(w, t.length);
  return w;
}
