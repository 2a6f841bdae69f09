import { styledCharsFromTokens as realStyled, styledCharsToString, tokenize as realTokenize } from '@alcalzone/ansi-tokenize';
import realStringWidth from 'string-width';
import realWidestLine from 'widest-line';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { styledCharsFromTokens, tokenize } from '../../scripts/ink-text-cache/ansi-tokenize.js';
import { memo, MEMO_LIMIT } from '../../scripts/ink-text-cache/memo.js';
import { graphemeSegmenter, ONE_CLUSTER_EACH } from '../../scripts/ink-text-cache/graphemes.js';
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

  // Every code point the segmenter-free path takes, found by the path's own pattern.
  const oneClusterEach = Array.from({ length: 0x10000 }, (_, cp) => String.fromCharCode(cp)).filter((c) => ONE_CLUSTER_EACH.test(c));

  it('measure without a segmenter exactly as string-width does: each code point alone, and any text of them', () => {
    expect(oneClusterEach.length).toBeGreaterThan(3600);
    for (const c of oneClusterEach) expect(stringWidth(c), `U+${c.charCodeAt(0).toString(16)}`).toBe(realStringWidth(c));
    const text = fc.array(fc.constantFrom(...oneClusterEach), { maxLength: 40 }).map((cs) => cs.join(''));
    const styled = fc.tuple(text, text).map(([a, b]) => `\u001b[1m${a}\u001b[22m${b}`);
    fc.assert(fc.property(fc.oneof(text, styled), (t) => stringWidth(t) === realStringWidth(t)), { numRuns: 2000 });
  });

  it('take text outside that set to string-width (wide, combining, emoji, joined)', () => {
    for (const t of ['東京', 'e\u0301', '🚀', '👩\u200d💻', '\u2764\ufe0f', '\u1100\u1161', '\u0e01\u0e33']) {
      expect(ONE_CLUSTER_EACH.test(t), t).toBe(false);
      expect(stringWidth(t), t).toBe(realStringWidth(t));
    }
  });

  it('split graphemes as Intl.Segmenter does, ANSI styles included, and build one only for other text', () => {
    const text = fc.array(fc.constantFrom(...oneClusterEach, '\u001b[1m', '\u001b[39m', '\u001b[38;5;12m'), { maxLength: 40 }).map((cs) => cs.join(''));
    const other = fc.constantFrom('東京 × 🚀', 'e\u0301 ▸', '\u001b]8;;https://x\u0007link\u001b]8;;\u0007', 'a\r\nb');
    const real = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const ours = graphemeSegmenter(undefined, { granularity: 'grapheme' });
    const parts = (s: Iterable<{ segment: string; index: number; input: string }>) => [...s].map(({ segment, index, input }) => ({ segment, index, input }));
    fc.assert(
      fc.property(fc.oneof(text, other), fc.nat(50), (t, at) => {
        expect(parts(ours.segment(t))).toEqual(parts(real.segment(t)));
        const mine = ours.segment(t).containing(at);
        const theirs = real.segment(t).containing(at);
        expect(mine && { segment: mine.segment, index: mine.index }).toEqual(theirs && { segment: theirs.segment, index: theirs.index });
      }),
      { numRuns: 1000 },
    );
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
