// Ink draws every frame from scratch: each Text's width (widest-line → string-width) and each
// line's styled characters (ansi-tokenize) are worked out again, though a keystroke changes a
// line or two. string-width takes its Unicode path for any line with a non-ASCII character
// (every session row has a × or ▸), segmenting the whole line: at 500 lines that was most of
// a keystroke's frame. These are pure functions of the text, so Ink's imports of them are
// pointed at the same functions remembered across frames. Used by the CLI's bundle
// (scripts/build.mjs) and the session benchmark's, so the bench measures what ships.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WRAPPED = { 'string-width': 'string-width.ts', 'widest-line': 'widest-line.ts', '@alcalzone/ansi-tokenize': 'ansi-tokenize.ts' };

export const inkTextCache = {
  name: 'ink-text-cache',
  setup(b) {
    b.onResolve({ filter: /^(string-width|widest-line|@alcalzone\/ansi-tokenize)$/ }, (args) => {
      // cli-truncate (Ink's) is on the same string-width: it gets the wrapper too, so string-width loads only when needed.
      if (!/[\\/]node_modules[\\/](ink[\\/]build|cli-truncate)[\\/]/.test(args.importer)) return undefined;
      return { path: fileURLToPath(new URL(WRAPPED[args.path], import.meta.url)) };
    });
    // string-width (two versions), slice-ansi and ansi-tokenize each build an Intl.Segmenter as
    // they load; each gets graphemes.ts's instead. The build fails if a new version builds it otherwise.
    const segmenter = fileURLToPath(new URL('graphemes.ts', import.meta.url));
    b.onLoad({ filter: /[\\/]node_modules[\\/](string-width[\\/]index|slice-ansi[\\/]tokenize-ansi|@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize)\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const built = /new Intl\.Segmenter\(/g;
      if (!built.test(text)) throw new Error(`ink-text-cache: ${args.path} no longer builds an Intl.Segmenter; check scripts/ink-text-cache/plugin.mjs`);
      return { contents: `import { graphemeSegmenter as __graphemeSegmenter } from ${JSON.stringify(segmenter)};\n${text.replace(built, '__graphemeSegmenter(')}`, loader: 'js' };
    });
  },
};
