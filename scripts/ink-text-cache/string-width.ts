// string-width, remembered across frames (plugin.mjs says why). Text of one grapheme per code
// point (graphemes.ts) is measured as string-width measures it, without its segmenter or its
// emoji patterns: the sum of each code point's East Asian width. string-width itself loads
// only for other text: building its patterns (one is every RGI emoji) was ~13 ms of the first frame.
import { eastAsianWidth } from 'get-east-asian-width';
import type * as StringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import { ONE_CLUSTER_EACH } from './graphemes.js';
import { memo } from './memo.js';

let library: typeof StringWidth.default | undefined;
// require, not import: the bundle runs the module when first required, not as Ink loads.
const stringWidthOf: typeof StringWidth.default = (text, options) => (library ??= (require('string-width') as typeof StringWidth).default)(text, options);

function width(text: string): number {
  const plain = stripAnsi(text);
  if (!ONE_CLUSTER_EACH.test(plain)) return stringWidthOf(text);
  let sum = 0;
  for (let i = 0; i < plain.length; i++) sum += eastAsianWidth(plain.charCodeAt(i));
  return sum;
}

const remembered = memo(width);

export default function stringWidth(text: string, options?: StringWidth.Options): number {
  return options === undefined && typeof text === 'string' ? remembered(text) : stringWidthOf(text, options);
}
