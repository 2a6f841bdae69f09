import { CORE_SCHEMA, NOT_RESOLVED, defineScalarTag, floatCoreTag, intCoreTag, load } from 'js-yaml';
import type { Document, Node } from 'yaml';
import { Decimal } from './decimal.js';
import { InputError, type Position } from './diagnostics.js';
import { indentationProblem } from './yaml-indent.js';
import { yaml } from './yaml-lib.js';

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
 * Past this many alias expansions a file is refused: the `yaml` library's own
 * maxAliasCount default. A few hundred bytes of nested aliases ("billion
 * laughs") would otherwise expand to gigabytes.
 */
export const MAX_ALIASES = 100;
/** Decimal's working precision: more digits than this would be rounded silently. */
export const MAX_DIGITS = 40;
/** No quantity, rate or budget comes near a quintillion; 1e400 or 1e40000000 is a typo or an attack, and would print as hundreds of columns. */
export const MAX_MAGNITUDE = new Decimal('1e18');

/**
 * Keys JavaScript objects already have (`__proto__`, `constructor`,
 * `toString`…): as a key they could reach an object's prototype, or name an
 * instance that every lookup "finds".
 */
const RESERVED_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * Fast first, positions on demand: js-yaml reads a large file 8–12× faster than
 * the `yaml` Document API, which tollgate still uses for everything that needs
 * places in the file (a validation error, a price the tables lack). So a file
 * that js-yaml reads cleanly, and that holds nothing the full parse would refuse
 * (an alias, a reserved key, a number out of range), gets its data from it, and
 * `doc` and `positions` are filled by the full parse the first time something
 * asks for them; any other file goes straight to the full parse, which says what
 * is wrong and where.
 */
export function parseYamlSource(text: string, file: string): SourceFile {
  const data = fastData(text);
  if (data === null || data === undefined) return fullParse(text, file);
  let full: SourceFile | undefined;
  const fullSource = () => (full ??= fullParse(text, file));
  const source = {
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
  onDemand.set(source, fullSource);
  return source;
}

/** The full parse of a fast-read source, done the first time it is asked for. */
const onDemand = new WeakMap<SourceFile, () => SourceFile>();

/**
 * A fast-read source once its data has been validated into what the program uses:
 * the data itself is let go (on a 10^6-line plan, hundreds of MB of objects beside
 * the scenario made of them) and, if anything still asks for it (a located error),
 * read again by the full parse with the positions. A full parse's source is kept
 * whole: its document holds the data anyway.
 */
export function withoutData(source: SourceFile): SourceFile {
  const full = onDemand.get(source);
  if (!full) return source;
  return {
    file: source.file,
    text: source.text,
    get data() {
      return full().data;
    },
    get doc() {
      return full().doc;
    },
    get positions() {
      return full().positions;
    },
  };
}

// YAML 1.2 core numbers as the `yaml` package resolves them (its core schema's patterns, which
// js-yaml's differ from at the edges: 1e400, .5e3), each a Decimal of its source text; a number
// the full parse would refuse stops the fast one (the full parse then says where).
const INT = [/^[-+]?[0-9]+$/, /^0o[0-7]+$/, /^0x[0-9a-fA-F]+$/];
const FLOAT = [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/];
/** At most 17 integer digits and 17 decimals, no exponent: both number patterns' plain case, and within readNumber's limits. */
const PLAIN = /^-?[0-9]{1,17}(?:\.[0-9]{1,17})?$/;
const decimalTag = (core: typeof intCoreTag | typeof floatCoreTag, patterns: RegExp[]) =>
  defineScalarTag(core.tagName, {
    implicit: true,
    implicitFirstChars: ['-', '+', '.', ...'0123456789'],
    resolve: (source) => {
      // Most numbers in a plan are short plain decimals: within 40 digits and below 1e18 as
      // written, so readNumber would take them as they are.
      if (PLAIN.test(source)) return (core === floatCoreTag) === source.includes('.') ? new Decimal(source) : NOT_RESOLVED;
      if (!patterns.some((p) => p.test(source))) return NOT_RESOLVED;
      const read = readNumber(source, /^[-+]?\.(inf|Inf|INF)$/.test(source) ? (source.startsWith('-') ? -Infinity : Infinity) : Number(source));
      if (!(read instanceof Decimal)) throw new RangeError(read[0]);
      return read;
    },
    identify: () => false,
  });
const FAST_SCHEMA = CORE_SCHEMA.withTags(decimalTag(intCoreTag, INT), decimalTag(floatCoreTag, FLOAT));

/** The file's data by js-yaml, or undefined when it refuses the text or holds what the full parse refuses. */
function fastData(text: string): unknown {
  try {
    // No aliases at all: the full parse counts their expansions and stops a "billion laughs".
    const data = load(text, { schema: FAST_SCHEMA, maxAliases: 0 });
    return hasReservedKey(data) ? undefined : data;
  } catch {
    return undefined;
  }
}

function hasReservedKey(data: unknown): boolean {
  const pending = [data];
  while (pending.length > 0) {
    const v = pending.pop();
    if (Array.isArray(v)) for (const x of v) pending.push(x);
    else if (v !== null && typeof v === 'object' && !(v instanceof Decimal)) {
      for (const key of Object.keys(v)) {
        if (RESERVED_KEYS.has(key)) return true;
        pending.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

/** The `yaml` Document parse: data, document and every position, at once. */
export function fullParse(text: string, file: string): SourceFile {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  // uniqueKeys off: the library compares each key with every earlier one (quadratic); toData checks with a Set.
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
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
  const walk = new Walk(doc, file, positions, at);
  const data = walk.toData(doc.contents, [], undefined);
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

/** The document turned into plain data; the first hostile construct stops it with its position. */
class Walk {
  private aliases = 0;

  constructor(
    private readonly doc: Document,
    private readonly file: string,
    private readonly positions: Map<string, Located>,
    private readonly at: (offset: number | undefined) => Position,
  ) {}

  private fail(offset: number | undefined, message: string, suggestion?: string): never {
    throw new InputError([{ file: this.file, position: this.at(offset), message, ...(suggestion ? { suggestion } : {}) }]);
  }

  toData(node: unknown, path: PathSegment[], keyPos: Position | undefined): unknown {
    const { isAlias, isMap, isScalar, isSeq } = yaml();
    if (isAlias(node)) {
      if (++this.aliases > MAX_ALIASES) {
        this.fail(node.range?.[0], `more than ${MAX_ALIASES} alias expansions (*${node.source}); tollgate stops here rather than expand them all`, 'write the repeated parts out, or use fewer nested aliases');
      }
      return this.toData(node.resolve(this.doc), path, keyPos);
    }
    const n = node as Node | null;
    if (n === null || n === undefined) return null;
    this.positions.set(pathKey(path), { key: keyPos, value: this.at(n.range?.[0]) });
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      const seen = new Set<string>();
      for (const item of n.items) {
        const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
        const keyOffset = isScalar(item.key) ? item.key.range?.[0] : undefined;
        if (RESERVED_KEYS.has(key)) {
          this.fail(keyOffset ?? n.range?.[0], `${JSON.stringify(key)} cannot be used as a key: JavaScript reserves that name`, 'rename it (no key, instance, region or class may be called __proto__, constructor, toString, …)');
        }
        if (seen.has(key)) this.fail(keyOffset ?? n.range?.[0], 'invalid YAML: Map keys must be unique', yamlHint('DUPLICATE_KEY'));
        seen.add(key);
        const kp = keyOffset === undefined ? undefined : this.at(keyOffset);
        const value = this.toData(item.value, [...path, key], kp);
        if (item.value === null) this.positions.set(pathKey([...path, key]), { key: kp, value: kp ?? this.at(0) });
        out[key] = value;
      }
      return out;
    }
    if (isSeq(n)) return n.items.map((item, i) => this.toData(item, [...path, i], undefined));
    if (isScalar(n)) {
      if (typeof n.value === 'number') return this.number(n.source, n.value, n.range?.[0]);
      if (typeof n.value === 'bigint') return this.number(n.value.toString(), Number.NaN, n.range?.[0]);
      return n.value;
    }
    return null;
  }

  private number(source: string | undefined, value: number, offset: number | undefined): Decimal {
    const read = readNumber(source ?? '', value);
    if (read instanceof Decimal) return read;
    return this.fail(offset, read[0], read[1]);
  }
}

/**
 * Exactly what the user typed, as a Decimal, within the digits and magnitude
 * tollgate computes with; otherwise what is wrong and a suggestion.
 */
function readNumber(source: string, value: number): Decimal | [message: string, suggestion: string] {
  const spelled = source.trim();
  const digits = spelled.replace(/^[-+]?0[xo]/i, '').replace(/[eE][-+]?\d+$/, '').replace(/\D/g, '').replace(/^0+/, '');
  const shown = spelled.length > 24 ? `${spelled.slice(0, 20)}…` : spelled;
  if (digits.length > MAX_DIGITS) return [`the number ${shown} has more than ${MAX_DIGITS} digits`, 'write at most 40 digits; tollgate computes with 40 significant digits'];
  const exponent = /[eE]([-+]?\d+)$/.exec(spelled)?.[1];
  // Checked on the text: building 1e40000000 as a number would be the hang this prevents.
  if (exponent !== undefined && Math.abs(Number(exponent.slice(0, 6))) > 30) return [`the number ${shown} is out of range`, 'quantities, rates and budgets are below 1e18; check the exponent'];
  let d: Decimal;
  try {
    d = new Decimal(spelled);
  } catch {
    // `.inf`/`.nan` and other YAML spellings fall back to the parsed value and fail validation.
    d = new Decimal(value);
  }
  if (d.isFinite() && d.abs().gte(MAX_MAGNITUDE)) return [`the number ${shown} is out of range`, 'quantities, rates and budgets are below 1e18; check for extra zeros'];
  return d;
}

/** The nearest recorded place for a path: the path itself, or its closest ancestor. */
export function locate(source: SourceFile, path: readonly PathSegment[], preferKey = false): Position | undefined {
  for (let len = path.length; len >= 0; len--) {
    const found = source.positions.get(pathKey(path.slice(0, len)));
    if (found) return (preferKey && len === path.length && found.key) || found.value;
  }
  return undefined;
}
