import type * as z from 'zod';
import type { Diagnostic } from './diagnostics.js';
import { InputError } from './diagnostics.js';
import { didYouMean, listSome } from './suggest.js';
import { locate, type PathSegment, type SourceFile } from './yaml-source.js';
import { shown } from './zod-decimal.js';

/** Validate parsed YAML against a schema; every failure becomes a located diagnostic. */
export function validate<S extends z.ZodType>(schema: S, source: SourceFile): z.infer<S> {
  const result = schema.safeParse(source.data);
  if (result.success) return result.data;
  throw new InputError(result.error.issues.flatMap((issue) => toDiagnostics(issue, schema, source)));
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
    return issue.keys.map((key) => ({
      file: source.file,
      position: locate(source, [...path, key], true),
      message: `${where}: unknown key ${JSON.stringify(key)}`,
      suggestion: didYouMean(key, known) ?? (known.length ? `valid keys here: ${listSome(known, 12)}` : undefined),
    }));
  }
  if (issue.code === 'invalid_type' && input === undefined) {
    const key = path[path.length - 1];
    return [
      {
        file: source.file,
        position: locate(source, path.slice(0, -1)),
        message: `${describePath(path.slice(0, -1), source.data)}: missing required key ${JSON.stringify(key)}`,
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
    issue.code === 'invalid_type' ? `expected ${plainType(issue.expected)}, got ${shown(input)}` : issue.message;
  return [{ file: source.file, position: locate(source, path), message: `${where}: ${message}` }];
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
