/** Terminal size in character cells. */
export interface Size {
  cols: number;
  rows: number;
}

// One row is always left free: Ink clears the whole screen on every frame that is
// as tall as the terminal, which flickers.
/** Rows the list view spends outside the scrolling list: header (3), rule, detail (3), total, status, free row. */
const LIST_CHROME = 10;
/** Rows the picker spends outside its list: title, filter line, column heads, status, free row. */
const PICKER_CHROME = 5;

export function listHeight(size: Size): number {
  return Math.max(3, size.rows - LIST_CHROME);
}

export function pickerHeight(size: Size): number {
  return Math.max(3, size.rows - PICKER_CHROME);
}

/** The first visible row after moving to `selected`: scroll only as far as needed to keep it in view. */
export function scrollTop(top: number, selected: number, height: number, count: number): number {
  let next = top;
  if (selected < next) next = selected;
  if (selected >= next + height) next = selected - height + 1;
  return Math.max(0, Math.min(next, Math.max(0, count - height)));
}

/** Rows the uncertainty panel spends outside its scrolling text: title, status, free row. */
const SPREAD_CHROME = 3;

export function spreadHeight(size: Size): number {
  return Math.max(3, size.rows - SPREAD_CHROME);
}

/** Rows the where panel spends outside its list: title, column heads, note, status, free row. */
const WHERE_CHROME = 5;

export function whereHeight(size: Size): number {
  return Math.max(3, size.rows - WHERE_CHROME);
}
