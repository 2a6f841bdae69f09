// @alcalzone/ansi-tokenize with Ink's per-line pair remembered across frames (plugin.mjs says why).
// Ink only reads the tokens and styled characters it gets (it already shares them within a frame).
import { styledCharsFromTokens as fromTokens, tokenize as tokenizeText, type StyledChar, type Token } from '@alcalzone/ansi-tokenize';
import { memo } from './memo.js';

export { styledCharsToString } from '@alcalzone/ansi-tokenize';

const tokenized = memo((text: string) => tokenizeText(text));

export function tokenize(text: string, endChar?: number): Token[] {
  return endChar === undefined ? tokenized(text) : tokenizeText(text, endChar);
}

const styled = new WeakMap<Token[], StyledChar[]>();

export function styledCharsFromTokens(tokens: Token[]): StyledChar[] {
  let chars = styled.get(tokens);
  if (chars === undefined) {
    chars = fromTokens(tokens);
    styled.set(tokens, chars);
  }
  return chars;
}
