/** Help and usage text fits an 80-column terminal. */
export const HELP_WIDTH = 80;

/** Where a long line's continuation starts: after "usage: tollgate VERB ", under an option's description, or at its indent. */
function hangingIndent(line: string): number {
  const usage = /^(\s*(?:usage: )?tollgate \S+ (?:show |diff |update )?)/.exec(line);
  if (usage) return usage[1]!.length;
  const described = /^(\s+\S.*?\s{2,})\S/.exec(line);
  if (described) return described[1]!.length;
  return /^\s*/.exec(line)![0].length;
}

/** Wrap each line longer than `width` at spaces, continuing under its hanging indent: wrapped, never cut. */
export function wrapHelp(text: string, width = HELP_WIDTH): string {
  return text
    .split('\n')
    .flatMap((line) => {
      if (line.length <= width) return [line];
      const indent = ' '.repeat(hangingIndent(line));
      const out: string[] = [];
      let rest = line;
      while (rest.length > width) {
        const cut = rest.lastIndexOf(' ', width);
        if (cut <= indent.length) break; // one word longer than the line: left whole
        out.push(rest.slice(0, cut).trimEnd());
        rest = `${indent}${rest.slice(cut + 1).trimStart()}`;
      }
      return [...out, rest];
    })
    .join('\n');
}
