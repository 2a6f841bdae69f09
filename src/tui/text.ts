import type { Decimal } from '../model/decimal.js';
import type { TransferPath } from '../model/estimate.js';
import { money } from '../model/numbers.js';

/** Cut to `width` cells with an ellipsis; the session's glyphs are all one cell wide. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** Cut from the left, keeping the end: a file path's tail names the file. */
export function fitTail(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `…${text.slice(text.length - width + 1)}`;
}

/** Cut a long text at word boundaries into at most `lines` lines of `width`; the last one is cut short if need be. */
export function wrapped(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest && out.length < lines - 1 && rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    const at = cut > 0 ? cut : width;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  out.push(fit(rest, width));
  return out;
}

export function left(text: string, width: number): string {
  return fit(text, width).padEnd(width);
}

export function right(text: string, width: number): string {
  return fit(text, width).padStart(width);
}

export type Tone = 'cheaper' | 'dearer' | 'same';

export function toneOf(delta: Decimal): Tone {
  return delta.isZero() ? 'same' : delta.isNegative() ? 'cheaper' : 'dearer';
}

/** "▲+$4,391.53" / "▼-$12.00": the arrow and sign carry the meaning, colour only repeats it. */
export function deltaText(delta: Decimal): string {
  const tone = toneOf(delta);
  if (tone === 'same') return '±$0.00';
  return tone === 'dearer' ? `▲+${money(delta)}` : `▼${money(delta)}`;
}

/** Short path names for the line list; the detail line spells them out. */
export const PATH_TAG: Record<TransferPath, string> = {
  internet: 'internet',
  'cross-cloud': 'x-cloud',
  'inter-region': 'x-region',
  'inter-zone': 'x-zone',
  'same-zone': 'same-zone',
  'same-region-storage': 'bucket',
  ingress: 'ingress',
};

/** Whether colour may be used: https://no-color.org says any non-empty NO_COLOR turns it off. */
export function colourAllowed(env: NodeJS.ProcessEnv): boolean {
  return !env.NO_COLOR;
}
