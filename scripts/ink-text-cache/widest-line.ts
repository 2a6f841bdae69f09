// widest-line on the remembered string-width (plugin.mjs says why).
import stringWidth from './string-width.js';

export default function widestLine(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, stringWidth(line));
  return widest;
}
