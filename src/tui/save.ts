import { readFileSync } from 'node:fs';
import type { Pair, Scalar, YAMLMap } from 'yaml';
import { parseScenario } from '../model/load-scenario.js';
import { yaml } from '../model/yaml-lib.js';
import type { Scenario } from '../model/scenario.js';
import { changedFields, type FieldChange, type Value } from './edits.js';

interface Splice {
  at: number;
  end: number;
  text: string;
}

function plainOrQuoted(value: string, style: Scalar['type']): string {
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  // Plain only when the plain spelling reads back as the same string (not a number, bool or null).
  if (style !== 'QUOTE_DOUBLE' && /^[A-Za-z0-9][\w.:/-]*$/.test(value) && yaml().parse(value) === value) return value;
  return JSON.stringify(value);
}

/** A scalar as the file would spell it (plain when that reads back the same), in the given quoting style. */
export function written(value: Value, style?: Scalar['type']): string {
  return typeof value === 'string' ? plainOrQuoted(value, style) : typeof value === 'boolean' ? String(value) : value.toFixed();
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

/** Fields a trailing comment tends to describe ("# 8× A100 40 GB"): an edit can make it false. */
const DESCRIBED = new Set(['provider', 'region', 'zone', 'instance', 'count', 'purchase']);

/** A trailing comment on a line whose value an edit changes. */
export interface StaleComment {
  line: number;
  field: string;
  before: string;
  comment: string;
}

function trailingComment(text: string, valueEnd: number): { at: number; comment: string } | undefined {
  const end = lineEnd(text, valueEnd);
  const m = /^(\s+)(#.*)$/.exec(text.slice(valueEnd, end));
  return m ? { at: valueEnd, comment: m[2]!.trimEnd() } : undefined;
}

/** The comments the edits may have made false: each on the line of a described value that changed. */
export function staleComments(diskText: string, saved: Scenario, current: Scenario): StaleComment[] {
  const { isScalar, parseDocument } = yaml();
  const doc = parseDocument(diskText);
  return changedFields(saved, current).flatMap((change) => {
    const field = change.path.at(-1) as string;
    const node = doc.getIn(change.path, true);
    if (!DESCRIBED.has(field) || !isScalar(node) || !node.range || change.before === undefined) return [];
    const found = trailingComment(diskText, node.range[1]);
    if (!found) return [];
    const line = diskText.slice(0, node.range[0]).split('\n').length;
    return [{ line, field, before: written(change.before), comment: found.comment }];
  });
}

/** The smallest text change for one field; undefined when the layout is one this does not handle. */
function spliceFor(text: string, map: YAMLMap, change: FieldChange, dropComment: boolean): Splice | undefined {
  const { isScalar } = yaml();
  const field = change.path.at(-1) as string;
  const pairs = map.items as Pair<Scalar, Scalar | null>[];
  const at = pairs.findIndex((p) => isScalar(p.key) && p.key.value === field);
  const pair = pairs[at];
  if (pair && change.after !== undefined) {
    if (!isScalar(pair.value) || !pair.value.range) return undefined;
    const [start, end] = pair.value.range;
    // Dropping a comment the edit made false takes the rest of the line with it.
    const stale = dropComment && DESCRIBED.has(field) ? trailingComment(text, end) : undefined;
    return { at: start, end: stale ? lineEnd(text, end) : end, text: written(change.after, pair.value.type) };
  }
  if (pair) {
    const keyStart = pair.key.range?.[0];
    const valueEnd = pair.value?.range?.[1];
    if (keyStart === undefined || valueEnd === undefined) return undefined;
    if (map.flow) {
      const prev = pairs[at - 1]?.value?.range?.[1];
      return prev === undefined ? undefined : { at: prev, end: valueEnd, text: '' };
    }
    const from = lineStart(text, keyStart);
    // A key sharing its line with "- " starts the item; removing that line would break the list.
    if (text.slice(from, keyStart).trim() !== '') return undefined;
    return { at: from, end: Math.min(text.length, lineEnd(text, valueEnd) + 1), text: '' };
  }
  if (change.after === undefined) return undefined;
  const last = pairs.at(-1);
  const lastEnd = last?.value?.range?.[1];
  const firstKey = pairs[0]?.key.range?.[0];
  if (lastEnd === undefined || firstKey === undefined) return undefined;
  const entry = `${field}: ${written(change.after)}`;
  if (map.flow) return { at: lastEnd, end: lastEnd, text: `, ${entry}` };
  const indent = ' '.repeat(firstKey - lineStart(text, firstKey));
  const end = lineEnd(text, lastEnd);
  return { at: end, end, text: `\n${indent}${entry}` };
}

/**
 * Edit only the changed values in the original text: comments, order and spacing elsewhere stay byte for byte.
 * Also what `advise --apply` writes a finding's field changes with.
 */
export function spliced(text: string, changes: FieldChange[], dropComments: boolean): string | undefined {
  const { isMap, parseDocument } = yaml();
  const doc = parseDocument(text);
  const splices: Splice[] = [];
  for (const change of changes) {
    const map = doc.getIn(change.path.slice(0, -1), true);
    const splice = isMap(map) ? spliceFor(text, map, change, dropComments) : undefined;
    if (!splice) return undefined;
    splices.push(splice);
  }
  let out = text;
  // From the end back, so a splice never moves the ones before it; keys added at one place (the end of
  // a map) go in last-first, so they read in the order the changes name them.
  const order = splices.map((s, i) => ({ s, i })).sort((a, b) => b.s.at - a.s.at || b.i - a.i);
  for (const { s } of order) out = out.slice(0, s.at) + s.text + out.slice(s.end);
  return out;
}

/** `  - ` before the first item of a block list: what a new item's line starts with. */
function itemPrefix(text: string, itemStart: number): string | undefined {
  const from = text.lastIndexOf('\n', itemStart - 1) + 1;
  const prefix = text.slice(from, itemStart);
  return /^ *- +$/.test(prefix) ? prefix : undefined;
}

/**
 * The text with one item appended to a section's block list (a new section
 * at the end if there is none), as a one-line flow map: what `advise --apply`
 * and `place --apply` add a replica or a copy with. Undefined for a layout
 * this does not handle (a flow list, an empty one).
 */
export function appendedItem(text: string, section: string, item: Record<string, Value | undefined>): string | undefined {
  const { isSeq, parseDocument } = yaml();
  const entry = `{${Object.entries(item).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${written(v!)}`).join(', ')}}`;
  const doc = parseDocument(text);
  const seq = doc.get(section, true);
  if (seq === undefined) return `${text.endsWith('\n') ? text : `${text}\n`}${section}:\n  - ${entry}\n`;
  if (!isSeq(seq) || seq.flow || seq.items.length === 0) return undefined;
  const first = (seq.items[0] as { range?: [number, number, number] }).range;
  const last = (seq.items.at(-1) as { range?: [number, number, number] }).range;
  const prefix = first && itemPrefix(text, first[0]);
  if (!prefix || !last) return undefined;
  const end = text.indexOf('\n', last[1] - 1);
  const at = end === -1 ? text.length : end;
  return `${text.slice(0, at)}\n${prefix}${entry}${text.slice(at)}`;
}

/** The yaml library's own writer: keeps comments and order but may respace untouched lines. */
function rewritten(text: string, changes: FieldChange[]): string {
  const { parseDocument } = yaml();
  const doc = parseDocument(text);
  for (const c of changes) {
    if (c.after === undefined) doc.deleteIn(c.path);
    else doc.setIn(c.path, typeof c.after === 'object' ? Number(c.after.toFixed()) : c.after);
  }
  return String(doc);
}

function faithful(candidate: string | undefined, file: string, wanted: Scenario): candidate is string {
  if (candidate === undefined) return false;
  try {
    return changedFields(wanted, parseScenario(candidate, file).scenario).length === 0;
  } catch {
    return false;
  }
}

/**
 * The file text with `current`'s edits applied to the text last read from disk.
 * Every candidate is read back and compared field by field before it is used.
 */
export function scenarioText(diskText: string, file: string, saved: Scenario, current: Scenario, dropComments = false): string {
  const changes = changedFields(saved, current);
  if (changes.length === 0) return diskText;
  const exact = spliced(diskText, changes, dropComments);
  if (faithful(exact, file, current)) return exact;
  const fallback = rewritten(diskText, changes);
  if (faithful(fallback, file, current)) return fallback;
  throw new Error(`could not write the edits back into ${file} faithfully; nothing was written`);
}

export function changedOnDisk(file: string, diskText: string): boolean {
  try {
    return readFileSync(file, 'utf8') !== diskText;
  } catch {
    return true;
  }
}
