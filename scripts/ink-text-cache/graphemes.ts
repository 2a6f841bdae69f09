// Grapheme segmenters for Ink's text libraries (plugin.mjs puts one where each builds an
// Intl.Segmenter): the text a session draws is split without one. Building the first
// Intl.Segmenter costs ~10 ms and its first use ~10 ms more, all on the first frame.

/**
 * Text made only of these code points splits into one grapheme per code point: none is
 * a mark, joiner, control, prepend, spacing mark, Hangul jamo or regional indicator
 * (test/tui/ink-text-cache.test.ts compares every one with Intl.Segmenter and
 * string-width). The session's rows are ASCII plus ×, ▸, —, bars and arrows.
 */
export const ONE_CLUSTER_EACH = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2070-\u20cf\u2100-\u2bff]*$/;

/** The same, with ESC: a control, so a grapheme of its own (the ANSI styles Ink writes). */
const ONE_CLUSTER_EACH_OR_ESC = /^[\u001b\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2070-\u20cf\u2100-\u2bff]*$/;

interface Segment {
  segment: string;
  index: number;
  input: string;
}

/** What Intl.Segmenter#segment gives for text of one grapheme per code unit, for the parts the libraries read. */
class EachCodeUnit {
  constructor(private readonly input: string) {}

  containing(index: number): Segment | undefined {
    return index >= 0 && index < this.input.length ? { segment: this.input[index]!, index, input: this.input } : undefined;
  }

  *[Symbol.iterator](): Iterator<Segment> {
    for (let index = 0; index < this.input.length; index++) yield { segment: this.input[index]!, index, input: this.input };
  }
}

/** A grapheme segmenter that builds the real one only for text outside ONE_CLUSTER_EACH (and ESC). */
export function graphemeSegmenter(locales?: string | string[], options?: Intl.SegmenterOptions): { segment(text: string): Iterable<Segment> & { containing(index: number): Segment | undefined } } {
  if (options?.granularity !== undefined && options.granularity !== 'grapheme') throw new Error('graphemeSegmenter splits graphemes only');
  let real: Intl.Segmenter | undefined;
  return {
    segment: (text) => (ONE_CLUSTER_EACH_OR_ESC.test(text) ? new EachCodeUnit(text) : (real ??= new Intl.Segmenter(locales, options)).segment(text)),
  };
}
