import type { Decimal } from '../model/decimal.js';
import { amount } from '../model/numbers.js';
import { isLognormal } from '../model/quantity.js';
import type { Cluster, LoadBalancer, NodeGroup, Scenario, StorageLine, Transfer } from '../model/scenario.js';
import { fieldOf, filePath, type UncertainInput } from '../model/uncertain.js';
import { pathKey, type PathSegment } from '../model/yaml-source.js';

/**
 * A change to one item; a key set to undefined is removed (a zone that no longer fits the region).
 * A dotted key is a field inside a map of the item: `'disk.gb'` is the node group's `disk: {gb}`.
 */
export type Patch<T> = { [K in keyof T]?: T[K] | undefined } & { [dotted: `${string}.${string}`]: Value | undefined };
export type Edit =
  | { section: 'nodes'; index: number; patch: Patch<NodeGroup> }
  | { section: 'storage'; index: number; patch: Patch<StorageLine> }
  | { section: 'transfers'; index: number; patch: Patch<Transfer> }
  | { section: 'clusters'; index: number; patch: Patch<Cluster> }
  | { section: 'load_balancers'; index: number; patch: Patch<LoadBalancer> };

function patched<T extends object>(item: T, patch: Record<string, unknown>): T {
  const out = { ...item } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    const dot = k.indexOf('.');
    if (dot < 0) {
      if (v === undefined) delete out[k];
      else out[k] = v;
      continue;
    }
    const head = k.slice(0, dot);
    if (out[head] === undefined && v === undefined) continue;
    // A map the field is in is copied, never changed: undo keeps the item it came from.
    const within: Record<string, unknown> = { ...(out[head] as object | undefined) };
    if (v === undefined) delete within[k.slice(dot + 1)];
    else within[k.slice(dot + 1)] = v;
    out[head] = within;
  }
  return out as T;
}

/** A field's path in the file: ['nodes', 0, 'disk', 'gb'] for nodes[0]'s `disk.gb`. */
const pathOfField = (section: Section, index: number, field: string): PathSegment[] => filePath([section, index, field]);

/** A new scenario with one item changed; the old one is left as it was (undo keeps it). */
export function applyEdit(s: Scenario, e: Edit): Scenario {
  const list = [...((s[e.section] ?? []) as object[])];
  const item = list[e.index];
  if (item === undefined) throw new Error(`no ${e.section}[${e.index}] to edit`);
  list[e.index] = patched(item, e.patch);
  return { ...s, [e.section]: list };
}

/** The field changes an edit makes to a scenario: what undo and redo keep instead of whole plans. */
export function changesOf(s: Scenario, e: Edit): FieldChange[] {
  const item = ((s[e.section] ?? []) as object[])[e.index];
  if (item === undefined) throw new Error(`no ${e.section}[${e.index}] to edit`);
  return Object.entries(e.patch).map(([field, after]) => ({ path: pathOfField(e.section, e.index, field), before: fieldOf(item, field) as Value | undefined, after: after as Value | undefined }));
}

/** The scenario with each change's `before` (undo) or `after` (redo) value set; a change to undefined removes the key. */
export function applyChanges(s: Scenario, changes: readonly FieldChange[], side: 'before' | 'after'): Scenario {
  const out: Record<string, unknown> = { ...s };
  const copied = new Set<string>();
  for (const c of changes) {
    const [section, index, ...field] = c.path as [Section, number, ...string[]];
    if (!copied.has(section)) {
      out[section] = [...((out[section] as object[] | undefined) ?? [])];
      copied.add(section);
    }
    const list = out[section] as object[];
    list[index] = patched(list[index]!, { [field.join('.')]: c[side] });
  }
  return out as Scenario;
}

/** The same changes the other way round: what undoing them does. */
export function inverse(changes: readonly FieldChange[]): FieldChange[] {
  return changes.map((c) => ({ path: c.path, before: c.after, after: c.before }));
}

/** The fields the session edits, per section (dotted: inside a map of the item); save writes back exactly these. */
export const EDITABLE = {
  // How a group is bought goes with its terms, its block and its interruption model: `p` sets and drops them together.
  nodes: [
    'provider',
    'region',
    'zone',
    'instance',
    'count',
    'hours',
    'purchase',
    'term',
    'payment',
    'plan',
    'block_hours',
    'block_start',
    'interruptions_per_hour',
    'checkpoint_every_hours',
    'restart_hours',
    'gang',
    'disk.gb',
    'disk.iops',
    'disk.throughput_mbps',
    'public_ipv4',
  ],
  storage: ['gb', 'get_requests_per_month', 'put_requests_per_month'],
  transfers: ['from', 'to', 'gb_per_day', 'gb_per_month'],
  clusters: ['hours'],
  load_balancers: ['hours', 'processed_gb'],
} as const;
export type Section = keyof typeof EDITABLE;
export const SECTIONS = Object.keys(EDITABLE) as Section[];

export type Value = string | boolean | Decimal;
export interface FieldChange {
  path: PathSegment[];
  before: Value | undefined;
  after: Value | undefined;
}

export function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  return a.eq(b);
}

/** Every edited field that differs between two versions of the same scenario (items are never added or removed). */
export function changedFields(before: Scenario, after: Scenario): FieldChange[] {
  const out: FieldChange[] = [];
  for (const section of SECTIONS) {
    const olds = (before[section] ?? []) as object[];
    const news = (after[section] ?? []) as object[];
    news.forEach((item, index) => {
      for (const field of EDITABLE[section]) {
        const old = olds[index];
        const was = old === undefined ? undefined : (fieldOf(old, field) as Value | undefined);
        const now = fieldOf(item, field) as Value | undefined;
        if (!sameValue(was, now)) out.push({ path: pathOfField(section, index, field), before: was, after: now });
      }
    });
  }
  return out;
}

/**
 * Quantities written as ranges ({low, expected, high} or {p50, p95}) are shown at
 * their point value but not offered for editing: writing one number back would
 * throw the range away. pathKey → how the range reads, for the detail line.
 */
export function rangeNotes(uncertain: readonly UncertainInput[]): Map<string, string> {
  // A spot group's interruption luck is sampled, not written: nothing in the file to point at.
  return new Map(
    uncertain.filter((u) => !u.interruptions).map((u) => [
      pathKey(filePath(u.path)),
      isLognormal(u.dist) ? `p50 ${amount(u.dist.p50)}, p95 ${amount(u.dist.p95)}` : `${amount(u.dist.low)} to ${amount(u.dist.high)}, expected ${amount(u.dist.expected)}`,
    ]),
  );
}
