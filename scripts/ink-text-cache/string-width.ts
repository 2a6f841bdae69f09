// string-width, remembered across frames (plugin.mjs says why). Text of one grapheme per code
// point (graphemes.ts) is measured as string-width measures it, without its segmenter or its
// emoji pattern (~6 ms to compile): the sum of each code point's East Asian width.
import { eastAsianWidth } from 'get-east-asian-width';
import stringWidthOf, { type Options } from 'string-width';
import stripAnsi from 'strip-ansi';
import { ONE_CLUSTER_EACH } from './graphemes.js';
import { memo } from './memo.js';

function width(text: string): number {
  const plain = stripAnsi(text);
  if (!ONE_CLUSTER_EACH.test(plain)) return stringWidthOf(text);
  let sum = 0;
  for (let i = 0; i < plain.length; i++) sum += eastAsianWidth(plain.charCodeAt(i));
  return sum;
}

const remembered = memo(width);

export default function stringWidth(text: string, options?: Options): number {
  return options === undefined && typeof text === 'string' ? remembered(text) : stringWidthOf(text, options);
}
