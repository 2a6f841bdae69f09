import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { CORE_SCHEMA, NOT_RESOLVED, defineScalarTag, floatCoreTag, intCoreTag, load } from 'js-yaml';
import { Decimal } from './decimal.js';
import { InputError, type Position } from './diagnostics.js';

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

/**
 * Fast first, positions on demand: js-yaml reads a large file 8–12× faster than
 * the `yaml` Document API, which tollgate still uses for everything that needs
 * places in the file (a validation error, a price the tables lack, saving with
 * comments kept). So a file that js-yaml reads cleanly gets its data from it,
 * and `doc` and `positions` are filled by the full parse the first time
 * something asks for them; a file it refuses (bad YAML, a duplicate key, several
 * documents) goes straight to the full parse, which says what is wrong and where.
 */
export function parseYamlSource(text: string, file: string): SourceFile {
  const data = fastData(text);
  if (data === null || data === undefined) return fullParse(text, file);
  let full: SourceFile | undefined;
  const fullSource = () => (full ??= fullParse(text, file));
  return {
    file,
    text,
    data,
    get doc() {
      return fullSource().doc;
    },
    get positions() {
      return fullSource().positions;
    },
  };
}

// YAML 1.2 core, as the `yaml` package reads it, with every int and float a Decimal of its source text.
const decimalTag = (core: typeof intCoreTag | typeof floatCoreTag) =>
  defineScalarTag(core.tagName, {
    implicit: true,
    implicitFirstChars: core.implicitFirstChars,
    resolve: (source, explicit, tag) => {
      const value = core.resolve(source, explicit, tag);
      return value === NOT_RESOLVED ? NOT_RESOLVED : toDecimal(source, value as number);
    },
    identify: () => false,
  });
const FAST_SCHEMA = CORE_SCHEMA.withTags(decimalTag(intCoreTag), decimalTag(floatCoreTag));

/** The file's data by js-yaml, or undefined when it refuses the text (the full parse then reports why). */
function fastData(text: string): unknown {
  try {
    return load(text, { schema: FAST_SCHEMA });
  } catch {
    return undefined;
  }
}

/** The `yaml` Document parse: data, document and every position, at once. */
export function fullParse(text: string, file: string): SourceFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const problems = [...doc.errors];
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
