import type { Position } from './diagnostics.js';

export interface IndentProblem {
  position: Position;
  message: string;
  suggestion: string;
}

/** A line's indent, and whether it opens a block (`key:` with nothing after it, or a lone `-`). */
interface Line {
  number: number;
  indent: number;
  opens: boolean;
  /** Block scalar (`key: |`): the lines under it are text, not YAML structure. */
  scalar: boolean;
  /** A sequence item (`- …`). */
  dash: boolean;
  /** Indents at which siblings of this line sit: `- ` items at the first, keys at the second. */
  levels: Level[];
}

interface Level {
  indent: number;
  dash: boolean;
}

const stripComment = (s: string) => s.replace(/\s+#.*$/, '').replace(/^#.*$/, '');

function read(text: string, number: number): Line | undefined {
  const content = stripComment(text).trimEnd();
  if (!content.trim()) return undefined;
  const indent = content.length - content.trimStart().length;
  const body = content.trimStart();
  const item = /^-(\s+|$)/.exec(body);
  const rest = item ? body.slice(item[0].length) : body;
  const levels = item ? [{ indent, dash: true }, ...(rest ? [{ indent: indent + item[0].length, dash: false }] : [])] : [{ indent, dash: false }];
  const opens = rest === '' || /:$/.test(rest);
  return { number, indent, opens, dash: Boolean(item), scalar: /:\s*[|>][-+]?\d*$/.test(rest), levels };
}

/**
 * The line whose indentation is wrong, in plain words: what the YAML library
 * reports for a mis-indented key ("Nested mappings are not allowed in compact
 * mappings") names the line above it. Block style only; flow collections
 * spanning lines are left to the library.
 */
export function indentationProblem(text: string): IndentProblem | undefined {
  const lines = text.split(/\r?\n/);
  let levels: Level[] = [{ indent: 0, dash: false }];
  let prev: Line | undefined;
  let scalarAt: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (scalarAt !== undefined) {
      const indent = raw.length - raw.trimStart().length;
      if (!raw.trim() || indent > scalarAt) continue;
      scalarAt = undefined;
    }
    if (/^\s*(---|\.\.\.)\s*$/.test(raw) || /[[{]\s*$/.test(stripComment(raw))) return undefined; // documents and flow styles: not ours
    const line = read(raw, i + 1);
    if (!line) continue;
    const deeper = line.indent > Math.max(...levels.map((l) => l.indent));
    // `key:` then `- item` at the key's own indent is a list under the key, as YAML allows.
    const listUnderKey = line.dash && prev?.opens && !prev.dash && prev.indent === line.indent;
    const fits = levels.some((l) => l.indent === line.indent && l.dash === line.dash);
    if ((deeper && prev?.opens) || listUnderKey) levels = [...levels, { indent: line.indent, dash: line.dash }];
    else if (!fits) {
      const indents = levels.filter((l) => l.dash === line.dash).map((l) => l.indent);
      const nearest = indents.reduce((a, b) => (Math.abs(b - line.indent) <= Math.abs(a - line.indent) ? b : a), indents[0] ?? 0);
      const where = { line: line.number, col: line.indent + 1 };
      if (deeper) {
        return {
          position: where,
          message: `this line is indented ${line.indent} spaces, deeper than line ${prev!.number}, which already has its value`,
          suggestion: `indent it as its neighbours (${prev!.levels.at(-1)!.indent} spaces), or end line ${prev!.number} with ':' to nest it`,
        };
      }
      return {
        position: where,
        message: `this line is indented ${line.indent} spaces, which lines up with no ${line.dash ? 'list' : 'key'} above it`,
        suggestion: `${line.dash ? 'items of one list' : 'keys of one item'} line up: indent it ${nearest} spaces, as the ${line.dash ? 'items' : 'keys'} around it`,
      };
    }
    levels = [...levels.filter((l) => l.indent < line.indent || (l.indent === line.indent && l.dash !== line.dash && listUnderKey)), ...line.levels];
    if (line.scalar) scalarAt = line.indent;
    prev = line;
  }
  return undefined;
}
