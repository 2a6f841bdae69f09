import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
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

export function parseYamlSource(text: string, file: string): SourceFile {
  const lineCounter = new LineCounter();
  // uniqueKeys off: the library compares each key with every earlier one (quadratic); toData checks with a Set.
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
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

  /** Exactly what the user typed, as a Decimal, within the digits and magnitude tollgate computes with. */
  private number(source: string | undefined, value: number, offset: number | undefined): Decimal {
    const spelled = (source ?? '').trim();
    const digits = spelled.replace(/^[-+]?0[xo]/i, '').replace(/[eE][-+]?\d+$/, '').replace(/\D/g, '').replace(/^0+/, '');
    const shown = spelled.length > 24 ? `${spelled.slice(0, 20)}…` : spelled;
    if (digits.length > MAX_DIGITS) this.fail(offset, `the number ${shown} has more than ${MAX_DIGITS} digits`, 'write at most 40 digits; tollgate computes with 40 significant digits');
    const exponent = /[eE]([-+]?\d+)$/.exec(spelled)?.[1];
    // Checked on the text: building 1e40000000 as a number would be the hang this prevents.
    if (exponent !== undefined && Math.abs(Number(exponent.slice(0, 6))) > 30) this.fail(offset, `the number ${shown} is out of range`, 'quantities, rates and budgets are below 1e18; check the exponent');
    let d: Decimal;
    try {
      d = new Decimal(spelled);
    } catch {
      // `.inf`/`.nan` and other YAML spellings fall back to the parsed value and fail validation.
      d = new Decimal(value);
    }
    if (d.isFinite() && d.abs().gte(MAX_MAGNITUDE)) this.fail(offset, `the number ${shown} is out of range`, 'quantities, rates and budgets are below 1e18; check for extra zeros');
    return d;
  }
}

/** The nearest recorded place for a path: the path itself, or its closest ancestor. */
export function locate(source: SourceFile, path: readonly PathSegment[], preferKey = false): Position | undefined {
  for (let len = path.length; len >= 0; len--) {
    const found = source.positions.get(pathKey(path.slice(0, len)));
    if (found) return (preferKey && len === path.length && found.key) || found.value;
  }
  return undefined;
}
