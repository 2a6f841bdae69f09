import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { Decimal } from './decimal.js';
import { InputError, type Position } from './diagnostics.js';
import { indentationProblem } from './yaml-indent.js';

export type PathSegment = string | number;

/** Where a value (and, for map entries, its key) was written. */
export interface Located {
  key?: Position;
  value: Position;
}

/**
 * A YAML file turned into plain data, with every number a Decimal (read from
 * its source text, never through a float) and every path mapped to its place
 * in the file, so later validation errors can say file:line:col.
 */
export interface SourceFile {
  file: string;
  text: string;
  doc: Document;
  data: unknown;
  positions: Map<string, Located>;
}

export function pathKey(path: readonly PathSegment[]): string {
  return JSON.stringify(path);
}

export function parseYamlSource(text: string, file: string): SourceFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const problems = [...doc.errors];
  // A mis-indented key is reported by the library on the line above it, in its own terms; say where and why.
  const indent = problems.length > 0 ? indentationProblem(text) : undefined;
  if (indent) throw new InputError([{ file, position: indent.position, message: `invalid YAML: ${indent.message}`, suggestion: indent.suggestion }]);
  if (problems.length > 0) {
    throw new InputError(
      problems.map((e) => ({
        file,
        position: e.linePos?.[0],
        message: `invalid YAML: ${e.message.split(' at line ')[0]!.trim()}`,
        suggestion: yamlHint(e.code),
      })),
    );
  }
  const positions = new Map<string, Located>();
  const at = (offset: number | undefined): Position => lineCounter.linePos(offset ?? 0);
  const data = toData(doc, doc.contents, [], positions, at, undefined);
  if (data === null || data === undefined) {
    throw new InputError([{ file, position: { line: 1, col: 1 }, message: 'the file is empty' }]);
  }
  return { file, text, doc, data, positions };
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once; remove or rename the repeated one';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation and that every [ or { is closed';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    default:
      return undefined;
  }
}

function toData(
  doc: Document,
  node: unknown,
  path: PathSegment[],
  positions: Map<string, Located>,
  at: (offset: number | undefined) => Position,
  keyPos: Position | undefined,
): unknown {
  if (isAlias(node)) return toData(doc, node.resolve(doc), path, positions, at, keyPos);
  const n = node as Node | null;
  if (n === null || n === undefined) return null;
  positions.set(pathKey(path), { key: keyPos, value: at(n.range?.[0]) });
  if (isMap(n)) {
    const out: Record<string, unknown> = {};
    for (const item of n.items) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      const kp = isScalar(item.key) ? at(item.key.range?.[0]) : undefined;
      const value = toData(doc, item.value, [...path, key], positions, at, kp);
      if (item.value === null) positions.set(pathKey([...path, key]), { key: kp, value: kp ?? at(0) });
      out[key] = value;
    }
    return out;
  }
  if (isSeq(n)) return n.items.map((item, i) => toData(doc, item, [...path, i], positions, at, undefined));
  if (isScalar(n)) {
    if (typeof n.value === 'number') return toDecimal(n.source, n.value);
    if (typeof n.value === 'bigint') return new Decimal(n.value.toString());
    return n.value;
  }
  return null;
}

function toDecimal(source: string | undefined, value: number): Decimal {
  // The source text carries exactly what the user typed; `.inf`/`.nan` and
  // other YAML spellings fall back to the parsed value and fail validation.
  try {
    if (source !== undefined) return new Decimal(source);
  } catch {
    /* not a spelling Decimal reads */
  }
  return new Decimal(value);
}

/** The nearest recorded place for a path: the path itself, or its closest ancestor. */
export function locate(source: SourceFile, path: readonly PathSegment[], preferKey = false): Position | undefined {
  for (let len = path.length; len >= 0; len--) {
    const found = source.positions.get(pathKey(path.slice(0, len)));
    if (found) return (preferKey && len === path.length && found.key) || found.value;
  }
  return undefined;
}
