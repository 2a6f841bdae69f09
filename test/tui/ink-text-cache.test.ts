import { styledCharsFromTokens as realStyled, styledCharsToString, tokenize as realTokenize } from '@alcalzone/ansi-tokenize';
import realStringWidth from 'string-width';
import realWidestLine from 'widest-line';
import { describe, expect, it } from 'vitest';
import { styledCharsFromTokens, tokenize } from '../../scripts/ink-text-cache/ansi-tokenize.js';
import { memo, MEMO_LIMIT } from '../../scripts/ink-text-cache/memo.js';
import stringWidth from '../../scripts/ink-text-cache/string-width.js';
import widestLine from '../../scripts/ink-text-cache/widest-line.js';

// What the session draws: plain rows, rows with × and ▸, bars, colours, wide characters.
const TEXTS = [
  '',
  'plain ascii row 12,345.67',
  '▸ trainer            4 node-h × $32.77        $95,688.40',
  'COMPUTE  62% ████████████░░░░░░░  $95,688.40',
  '\u001b[32m- $1,200.00\u001b[39m and \u001b[1mbold\u001b[22m',
  '東京 region 🚀 x',
  'two\nlines, the second longer ×',
];

describe("Ink's text functions remembered across frames (scripts/ink-text-cache)", () => {
  it('give what the libraries give, the first time and from memory', () => {
    for (const round of [1, 2]) {
      for (const text of TEXTS) {
        expect(stringWidth(text), `${round}: ${text}`).toBe(realStringWidth(text));
        expect(widestLine(text), `${round}: ${text}`).toBe(realWidestLine(text));
        const tokens = tokenize(text);
        expect(tokens).toEqual(realTokenize(text));
        const chars = styledCharsFromTokens(tokens);
        expect(chars).toEqual(realStyled(realTokenize(text)));
        expect(styledCharsToString(chars)).toBe(styledCharsToString(realStyled(realTokenize(text))));
      }
    }
  });

  it('answer a line seen before from memory (the same objects Ink got last frame)', () => {
    const line = '▸ cache probe × $1';
    expect(tokenize(line)).toBe(tokenize(line));
    expect(styledCharsFromTokens(tokenize(line))).toBe(styledCharsFromTokens(tokenize(line)));
  });

  it('pass options and an end character through unremembered', () => {
    expect(stringWidth('\u001b[31mred\u001b[39m', { countAnsiEscapeCodes: true })).toBe(realStringWidth('\u001b[31mred\u001b[39m', { countAnsiEscapeCodes: true }));
    expect(tokenize('abcdef', 3)).toEqual(realTokenize('abcdef', 3));
  });

  it('forget everything past the bound rather than grow with a long session', () => {
    const calls: string[] = [];
    const f = memo((k: string) => (calls.push(k), k.length));
    f('first');
    f('first');
    expect(calls).toEqual(['first']);
    for (let i = 0; i < MEMO_LIMIT; i++) f(`k${i}`);
    f('first');
    expect(calls.filter((k) => k === 'first')).toHaveLength(2);
  });
});
