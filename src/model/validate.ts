import type * as z from 'zod';
import type { Diagnostic } from './diagnostics.js';
import { InputError, SHOWN } from './diagnostics.js';
import { didYouMean, listSome } from './suggest.js';
import { locate, type PathSegment, type SourceFile } from './yaml-source.js';
import { shown } from './zod-decimal.js';

/**
 * Below this size a file is validated without zod's compiled fast path: zod
 * builds that with `new Function` per object schema on its first parse, which
 * pays back over thousands of objects but was most of the validation of a
 * file of a few dozen (measured: 10–25 ms of a cold `estimate` of the
 * example; on a 30,000-line plan both ways take the same time to within 5%).
 */
const JIT_FROM_CHARS = 64 * 1024;

/** Validate parsed YAML against a schema; every failure becomes a located diagnostic. */
export function validate<S extends z.ZodType>(schema: S, source: SourceFile): z.infer<S> {
  const result = schema.safeParse(source.data, source.text.length < JIT_FROM_CHARS ? { jitless: true } : undefined);
  if (result.success) return result.data;
  const issues = withoutConsequences(result.error.issues);
  throw new InputError(issues.flatMap((issue) => toDiagnostics(issue, schema, source)));
}

/** Hints for values users commonly get wrong, by the key they sit under. */
export const KEY_HINTS: Record<string, string> = {
  alert_at: 'alert_at is a fraction of the monthly budget: 0.8 alerts at 80%',
  as_of: 'every pricing file says when its prices were read: as_of: "YYYY-MM-DD"',
  source: 'every pricing file names the URL or API its prices came from: source: https://…',
  gb: 'write the number of GB (10^9 bytes) only, without a unit',
  gb_per_day: 'write the number of GB (10^9 bytes) only, without a unit',
  gb_per_month: 'write the number of GB (10^9 bytes) only, without a unit',
  count: 'the number of nodes in the group, a whole number',
};

/** A transfer end is one line of text, not a mapping of provider and region (a pricing rule's from/to is another thing). */
const TRANSFER_END_HINT = 'one text: provider:region[:zone] (e.g. aws:eu-north-1), storage:NAME, nodes:NAME, internet or on-prem';

const key = (path: readonly PropertyKey[]) => path.map(String).join('\u0000');

/**
 * A typo'd key also makes the object miss the key it meant (or fail a rule
 * that needed it); report the typo, not its consequences.
 */
function withoutConsequences(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const typoed = new Set(issues.filter((i) => i.code === 'unrecognized_keys').map((i) => key(i.path)));
  if (typoed.size === 0) return [...issues];
  return issues.filter((i) => {
    if (i.code === 'unrecognized_keys') return true;
    if (i.code === 'custom' && typoed.has(key(i.path))) return false;
    if (i.code === 'invalid_type' && i.path.length > 0 && typoed.has(key(i.path.slice(0, -1)))) return false;
    return true;
  });
}

export function describePath(path: readonly PathSegment[], data?: unknown): string {
  let out = '';
  let node: unknown = data;
  for (const seg of path) {
    node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[seg] : undefined;
    if (typeof seg === 'number') {
      const named = node && typeof node === 'object' ? (node as { name?: unknown }).name : undefined;
      out += typeof named === 'string' ? `[${seg}] (${named})` : `[${seg}]`;
    } else out += out ? `.${seg}` : seg;
  }
  return out || 'top level';
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[seg];
  }
  return node;
}

function toDiagnostics(issue: z.core.$ZodIssue, schema: z.ZodType, source: SourceFile): Diagnostic[] {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
  const where = describePath(path, source.data);
  const input = valueAt(source.data, path);

  if (issue.code === 'unrecognized_keys') {
    const known = keysAt(schema, path);
    // Only the errors shown get a suggestion: 100,000 unknown keys must not cost 100,000 distance searches.
    return issue.keys.map((key, i) => ({
      file: source.file,
      position: locate(source, [...path, key], true),
      message: `${where}: unknown key ${JSON.stringify(key)}`,
      suggestion: i >= SHOWN ? undefined : (didYouMean(key, known) ?? (known.length ? `valid keys here: ${listSome(known, 12)}` : undefined)),
    }));
  }
  if (issue.code === 'invalid_type' && input === undefined) {
    const key = path[path.length - 1];
    return [
      {
        file: source.file,
        position: locate(source, path.slice(0, -1)),
        message: `${describePath(path.slice(0, -1), source.data)}: missing required key ${JSON.stringify(key)}`,
        suggestion: typeof key === 'string' ? KEY_HINTS[key] : undefined,
      },
    ];
  }
  if (issue.code === 'invalid_value' && typeof input === 'string') {
    const values = issue.values.map(String);
    return [
      {
        file: source.file,
        position: locate(source, path),
        message: `${where}: ${issue.message}`,
        suggestion: didYouMean(input, values) ?? `one of: ${values.join(', ')}`,
      },
    ];
  }
  const message =
    issue.code === 'invalid_type' ? `expected ${plainType(issue.expected)}, got ${echoed(input)}` : issue.message;
  const last = path[path.length - 1];
  const suggestion =
    issue.code === 'invalid_type' && issue.expected === 'array'
      ? "a list: start each item on its own line with '- '"
      : path[0] === 'transfers' && (last === 'from' || last === 'to')
        ? TRANSFER_END_HINT
        : typeof last === 'string'
          ? KEY_HINTS[last]
          : undefined;
  return [{ file: source.file, position: locate(source, path), message: `${where}: ${message}`, suggestion }];
}

/**
 * A wrong value as the message shows it: a short word in full, a longer text
 * only up to its first word. A file that is not YAML at all (a `.env` named
 * as a pricing file) reads as one long string; echoing it would print its secrets.
 */
function echoed(input: unknown): string {
  if (typeof input !== 'string' || (input.length <= 40 && !/[\s=:]/.test(input))) return shown(input);
  const first = /^[^\s=:]{0,32}/.exec(input)![0];
  return `text starting ${JSON.stringify(first)}… (${input.length} characters)`;
}

function plainType(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'object':
      return 'a mapping (key: value)';
    case 'array':
      return 'a list';
    default:
      return expected;
  }
}

/** The keys a strict object accepts at a path, for "did you mean" on unknown keys. */
function keysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let node: unknown = schema;
  for (const seg of [...path, null]) {
    node = unwrap(node);
    const def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return [];
    if (seg === null) return def.type === 'object' ? Object.keys(def.shape as object) : [];
    if (def.type === 'object') node = (def.shape as Record<string, unknown>)[String(seg)];
    else if (def.type === 'array') node = def.element;
    else if (def.type === 'record') node = def.valueType;
    else return [];
  }
  return [];
}

function unwrap(node: unknown): unknown {
  let current = node;
  for (;;) {
    const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (def && (def.type === 'optional' || def.type === 'default' || def.type === 'nullable')) current = def.innerType;
    else return current;
  }
}
