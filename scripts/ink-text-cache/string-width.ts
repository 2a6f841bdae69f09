// string-width, remembered across frames (plugin.mjs says why).
import stringWidthOf, { type Options } from 'string-width';
import { memo } from './memo.js';

const width = memo((text: string) => stringWidthOf(text));

export default function stringWidth(text: string, options?: Options): number {
  return options === undefined && typeof text === 'string' ? width(text) : stringWidthOf(text, options);
}
