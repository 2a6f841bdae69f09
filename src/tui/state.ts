import { clockNow, lastFullMonth } from '../clock.js';
import { DEFAULT_THRESHOLD } from '../actuals/period.js';
import type { Period } from '../actuals/reconcile.js';
import type { SourceResult } from '../actuals/source.js';
import { compare, type Comparison } from '../engine/compare.js';
import type { Uncertainty } from '../engine/uncertainty.js';
import { Decimal } from '../model/decimal.js';
import type { Estimate, LineItem } from '../model/estimate.js';
import { DEFAULT_HOURS_PER_MONTH, type Scenario } from '../model/scenario.js';
import { pathKey, type PathSegment } from '../model/yaml-source.js';
import type { UncertainInput } from '../model/uncertain.js';
import type { PricingBook } from '../model/pricing-book.js';
import * as actuals from './actuals-state.js';
import { endpointChoices, gpuModels, instanceChoices, matches, parseFilter, type Choice } from './choices.js';
import { applyChanges, changedFields, changesOf, inverse, type Edit, type FieldChange } from './edits.js';
import { listHeight, pickerHeight, scrollTop, spreadHeight, whereHeight, type Size } from './layout.js';
import { inputTarget } from './input-target.js';
import { readEntry, type Entry, type FieldLimits, type NumberField } from './number-entry.js';
import { reprice, type EditPlan } from './price.js';
import { rowIndex, rowsOf, type Row } from './rows.js';
import { sampled, scrolled, type SpreadView } from './spread-state.js';
import { moveWhere, openWhere, type WhereView } from './where-state.js';
import { nextPurchase } from './purchase-cycle.js';
import { compareSampled, samplingFor, type ComparedPlan, type CompareSampling } from './compare-sampling.js';

/** A scenario and its estimate. */
export interface Snapshot {
  scenario: Scenario;
  estimate: Estimate;
}

export type { NumberField };

export interface DocState {
  file: string;
  book: PricingBook;
  /** Quantities written as ranges in the file (pathKey → how it reads): shown, not editable. */
  ranges: ReadonlyMap<string, string>;
  /** The same ranges as the engine samples them, for the uncertainty panel. */
  uncertain: readonly UncertainInput[];
  /** The file's text when opened or last saved: save compares it with the disk and edits it. */
  diskText: string;
  saved: Snapshot;
  current: Snapshot;
  /**
   * The field changes of each edit (and each reset), newest last: a few values
   * per keystroke whatever the plan's size. Undo and redo re-price, most often
   * through the compiled plan of the quantity (price.ts).
   */
  undo: FieldChange[][];
  redo: FieldChange[][];
  /** The compiled plan of the quantity edited last, while the edits stay on it. */
  plan?: EditPlan;
}

export type PickerPurpose = 'instance' | 'region' | 'from' | 'to';
export type Question = 'overwrite' | 'readonly' | 'quit' | 'comments';

export type Mode =
  | { kind: 'list' }
  | { kind: 'input'; path: PathSegment[]; field: NumberField; label: string; text: string }
  | { kind: 'picker'; purpose: PickerPurpose; target: PathSegment[]; filter: string; gpu?: string; cursor: number; top: number }
  | { kind: 'compare' }
  | { kind: 'help'; back: 'list' | 'compare' }
  | { kind: 'actuals'; view: actuals.ActualsView }
  | { kind: 'spread'; view: SpreadView }
  | { kind: 'where'; view: WhereView }
  | { kind: 'confirm'; question: Question; about?: string; overwrite?: boolean };

export interface Session {
  docs: DocState[];
  active: number;
  mode: Mode;
  /** lineKey of the selected line. */
  selected?: string;
  /** First visible row of the list. */
  top: number;
  size: Size;
  message?: { text: string; tone: 'info' | 'error' };
  actualsSetup: actuals.ActualsSetup;
  /** The number of the last background job (fetch, sampling) started; answers carry theirs. */
  jobs: number;
  /** The compare view's sampling, when its plans have ranges; kept while they stay unedited. */
  compareSampling?: CompareSampling;
}

export type Action =
  | { type: 'move'; by: number }
  | { type: 'resize'; size: Size }
  | { type: 'step'; by: 1 | -1 }
  | { type: 'cyclePurchase' }
  | { type: 'beginInput'; what: 'quantity' | 'hours' }
  | { type: 'type'; text: string }
  | { type: 'erase' }
  | { type: 'commit' }
  | { type: 'cancel' }
  | { type: 'openPicker'; purpose: PickerPurpose }
  | { type: 'cycleGpu' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset' }
  | { type: 'compare' }
  | { type: 'help' }
  | { type: 'nextScenario' }
  | { type: 'ask'; question: Question; about?: string; overwrite?: boolean }
  | { type: 'saved'; doc: number; text: string }
  | { type: 'notify'; text: string; tone: 'info' | 'error' }
  | { type: 'actuals' }
  | { type: 'nextField' }
  | { type: 'actualsProgress'; id: number; requests: number }
  | { type: 'actualsFetched'; id: number; result: SourceResult; period: Period }
  | { type: 'actualsFailed'; id: number; error: string }
  | { type: 'spread' }
  | { type: 'where' }
  | { type: 'spreadDone'; id: number; uncertainty: Uncertainty; ms: number }
  | { type: 'compareSampled'; id: number; uncertainties: (Uncertainty | undefined)[]; cheaper: (Decimal | undefined)[] };

export function openDoc(
  file: string,
  diskText: string,
  saved: Snapshot,
  book: PricingBook,
  ranges: ReadonlyMap<string, string>,
  uncertain: readonly UncertainInput[] = [],
): DocState {
  return { file, book, ranges, uncertain, diskText, saved, current: saved, undo: [], redo: [] };
}

/** No actuals options: the prompt offers the last full month (TOLLGATE_NOW pins the clock), billed cost, ±10%. */
export function defaultActualsSetup(now = clockNow()): actuals.ActualsSetup {
  return { lastMonth: lastFullMonth(now), threshold: DEFAULT_THRESHOLD, costBasis: 'billed', refresh: false };
}

export function initialSession(docs: DocState[], size: Size, actualsSetup = defaultActualsSetup()): Session {
  const first = rowsOf(docs[0]!.current.estimate).find((r) => r.type === 'line');
  return withCompareSampling({
    docs,
    active: 0,
    mode: docs.length > 1 ? { kind: 'compare' } : { kind: 'list' },
    selected: first?.type === 'line' ? first.key : undefined,
    top: 0,
    size,
    actualsSetup,
    jobs: 0,
  });
}

// ---- selectors: components and the key map read state through these ----

export function activeDoc(s: Session): DocState {
  return s.docs[s.active]!;
}

// Selectors are memoized on the objects they read: a keystroke makes a new estimate (or
// scenario) only for the document it edits, so everything else is looked up, not recomputed.
const dirty = new WeakMap<Scenario, WeakMap<Scenario, boolean>>();

export function isDirty(d: DocState): boolean {
  let bySaved = dirty.get(d.saved.scenario);
  if (!bySaved) dirty.set(d.saved.scenario, (bySaved = new WeakMap()));
  let answer = bySaved.get(d.current.scenario);
  if (answer === undefined) bySaved.set(d.current.scenario, (answer = changedFields(d.saved.scenario, d.current.scenario).length > 0));
  return answer;
}

export function rows(s: Session): Row[] {
  return rowsOf(activeDoc(s).current.estimate);
}

export function selectedIndex(s: Session, list = rows(s)): number {
  return s.selected === undefined ? -1 : (rowIndex(list).get(s.selected) ?? -1);
}

export function selectedLine(s: Session): LineItem | undefined {
  const row = rows(s)[selectedIndex(s)];
  return row?.type === 'line' ? row.line : undefined;
}

/** The scenario item a line comes from: ['nodes', 2] for a node line, ['transfers', i] for NAT lines too. */
function itemOf(line: LineItem): { section: 'nodes' | 'storage' | 'transfers'; index: number } {
  return { section: line.ref[0] as 'nodes' | 'storage' | 'transfers', index: line.ref[1] as number };
}

/** "count: 3 to 6, expected 4" for each of the selected item's quantities written as a range. */
export function selectedRanges(s: Session): string[] {
  const line = selectedLine(s);
  if (!line) return [];
  const { section, index } = itemOf(line);
  return [...activeDoc(s).ranges].flatMap(([key, text]) => {
    const [sec, i, ...field] = JSON.parse(key) as PathSegment[];
    return sec === section && i === index ? [`${field.join('.')}: ${text}`] : [];
  });
}

/** The compare view's columns: several opened scenarios side by side, or a single one against its own saved file. */
export function comparedPlans(s: Session): (ComparedPlan & { label: string })[] {
  const plan = (d: DocState, label: string, at: Snapshot) => ({ label, ...at, uncertain: d.uncertain, book: d.book });
  if (s.docs.length > 1) return s.docs.map((d) => plan(d, d.current.estimate.scenario, d.current));
  const d = s.docs[0]!;
  return [plan(d, 'saved', d.saved), plan(d, 'edited', d.current)];
}

/** Per compare column: is it the plan being edited (the one `s` saves), and has it unsaved edits? */
export function compareMarks(s: Session): { active: boolean; dirty: boolean }[] {
  if (s.docs.length > 1) return s.docs.map((d, i) => ({ active: i === s.active, dirty: isDirty(d) }));
  return [{ active: false, dirty: false }, { active: true, dirty: isDirty(s.docs[0]!) }];
}

/** The compare view's figures, compared by the engine's compare(). */
export function comparison(s: Session): { columns: { label: string; estimate: Estimate }[]; c: Comparison } {
  const columns = comparedPlans(s);
  return { columns, c: compare(columns.map((x) => x.estimate)) };
}

export function pickerChoices(s: Session): Choice[] {
  if (s.mode.kind !== 'picker') return [];
  const { purpose, target, gpu } = s.mode;
  const filter = parseFilter(s.mode.filter);
  const doc = activeDoc(s);
  const scenario = doc.current.scenario;
  if (purpose === 'from' || purpose === 'to') {
    const t = scenario.transfers![target[1] as number]!;
    return endpointChoices(doc.book, t[purpose]).filter((c) => matches(c, filter, undefined));
  }
  const group = scenario.nodes![target[1] as number]!;
  const all = instanceChoices(doc.book, group.purchase === 'spot' ? 'spot' : 'on-demand');
  const scope =
    purpose === 'region' ? all.filter((c) => c.provider === group.provider && c.instance === group.instance) : all;
  return scope.filter((c) => matches(c, filter, gpu));
}

export function gpuFilterChoices(s: Session): string[] {
  return gpuModels(activeDoc(s).book);
}

// ---- the reducer ----

function withMessage(s: Session, text: string, tone: 'info' | 'error' = 'error'): Session {
  return { ...s, message: { text, tone } };
}

function replaceDoc(s: Session, doc: DocState): Session {
  return { ...s, docs: s.docs.map((d, i) => (i === s.active ? doc : d)) };
}

/** Follow the selection after an edit re-sorted the rows. */
function keepInView(s: Session): Session {
  const list = rows(s);
  const index = Math.max(0, selectedIndex(s, list));
  return { ...s, top: scrollTop(s.top, index, listHeight(s.size), list.length) };
}

/** Apply an edit, price it, and either take it (undoable) or refuse it with the engine's reason. */
function edit(s: Session, e: Edit): Session {
  return applyFieldChanges(s, changesOf(activeDoc(s).current.scenario, e));
}

/** Take field changes as one edit (one undo step), priced first; refused with the engine's reason. */
function applyFieldChanges(s: Session, changes: FieldChange[]): Session {
  const doc = activeDoc(s);
  const scenario = applyChanges(doc.current.scenario, changes, 'after');
  const { priced, plan } = reprice(doc.current, scenario, changes, doc.book, doc.uncertain.length, doc.plan);
  if (!priced.ok) return withMessage({ ...s, mode: { kind: 'list' } }, `not applied: ${priced.problem}`);
  const next: DocState = { ...doc, current: { scenario, estimate: priced.estimate }, plan, undo: [...doc.undo, changes], redo: [] };
  return keepInView({ ...replaceDoc(s, next), mode: { kind: 'list' } });
}

function isLocked(s: Session, path: PathSegment[]): boolean {
  return activeDoc(s).ranges.has(pathKey(path));
}

const LOCKED = 'written as a range in the file; edit the file to change it';

function move(s: Session, by: number): Session {
  const list = rows(s);
  const lines = list.map((r, i) => (r.type === 'line' ? i : -1)).filter((i) => i >= 0);
  if (lines.length === 0) return s;
  const at = Math.max(0, lines.indexOf(selectedIndex(s, list)));
  const to = lines[Math.max(0, Math.min(lines.length - 1, at + by))]!;
  const row = list[to] as Extract<Row, { type: 'line' }>;
  // Reaching the first line scrolls right to the top so its category heading shows too.
  const top = to === lines[0] ? 0 : scrollTop(s.top, to, listHeight(s.size), list.length);
  return { ...s, selected: row.key, top };
}

function beginInput(s: Session, what: 'quantity' | 'hours'): Session {
  const line = selectedLine(s);
  if (!line) return s;
  const target = inputTarget(activeDoc(s).current.scenario, line, what);
  if (!target.ok) return withMessage(s, target.message);
  const { path, field, value } = target;
  const name = path.slice(2).join('.');
  if (isLocked(s, path)) return withMessage(s, `${name} of ${line.name} is ${LOCKED}`);
  return { ...s, mode: { kind: 'input', path, field, label: `${name} for ${line.name}`, text: value.toFixed() } };
}

export function entryLimits(s: Session): FieldLimits {
  return { hoursPerMonth: activeDoc(s).current.scenario.hours_per_month ?? new Decimal(DEFAULT_HOURS_PER_MONTH) };
}

/** The number being typed, read as Enter would read it: shown (converted, or refused) before it is applied. */
export function typedEntry(s: Session): Entry | undefined {
  return s.mode.kind === 'input' ? readEntry(s.mode.text, s.mode.field, entryLimits(s)) : undefined;
}

function commitInput(s: Session, mode: Extract<Mode, { kind: 'input' }>): Session {
  const entry = readEntry(mode.text, mode.field, entryLimits(s));
  if (!entry.ok) return withMessage(s, `${mode.label}: ${entry.message}`);
  const [section, index, ...field] = mode.path as [Edit['section'], number, ...string[]];
  return edit(s, { section, index, patch: { [field.join('.')]: entry.value } } as Edit);
}

function pick(s: Session, mode: Extract<Mode, { kind: 'picker' }>): Session {
  const choice = pickerChoices(s)[mode.cursor];
  if (!choice) return withMessage(s, 'nothing matches the filter');
  const index = mode.target[1] as number;
  if (choice.kind === 'endpoint') {
    return edit(s, { section: 'transfers', index, patch: { [mode.purpose]: choice.endpoint } } as Edit);
  }
  const g = activeDoc(s).current.scenario.nodes![index]!;
  const moved = choice.provider !== g.provider || choice.region !== g.region;
  return edit(s, {
    section: 'nodes',
    index,
    patch: { provider: choice.provider, region: choice.region, instance: choice.instance, ...(moved ? { zone: undefined } : {}) },
  });
}

/** `w` on a node group: its placements, ranked by the whole plan as edited. */
function openWherePanel(s: Session): Session {
  const line = selectedLine(s);
  if (!line) return s;
  const { section, index } = itemOf(line);
  if (section !== 'nodes') return withMessage(s, 'w places a node group: select one');
  const view = openWhere(activeDoc(s).current.scenario, activeDoc(s).book, index);
  return typeof view === 'string' ? withMessage(s, view) : { ...s, mode: { kind: 'where', view } };
}

/** Enter in the where panel: the placement's changes (the group and the ends that follow it) as one undoable edit. */
function applyWhere(s: Session, view: WhereView): Session {
  const row = view.rows[view.cursor]!;
  const changes = changedFields(activeDoc(s).current.scenario, row.scenario);
  if (changes.length === 0) return withMessage({ ...s, mode: { kind: 'list' } }, `${view.group} stays where it is`, 'info');
  const next = applyFieldChanges(s, changes);
  return next.message?.tone === 'error' ? next : withMessage(next, `${view.group} → ${row.place} (u undoes)`, 'info');
}

function openPicker(s: Session, purpose: PickerPurpose): Session {
  const line = selectedLine(s);
  if (!line) return s;
  const { section, index } = itemOf(line);
  const wants = purpose === 'from' || purpose === 'to' ? 'transfers' : 'nodes';
  if (section !== wants) return withMessage(s, `${purpose} applies to ${wants === 'nodes' ? 'node groups' : 'transfers'} only`);
  const fields = purpose === 'instance' ? ['instance', 'region', 'provider'] : purpose === 'region' ? ['region'] : [purpose];
  if (fields.some((f) => isLocked(s, [section, index, f]))) return withMessage(s, `${purpose} of ${line.name} is ${LOCKED}`);
  const opened: Session = { ...s, mode: { kind: 'picker', purpose, target: [section, index], filter: '', cursor: 0, top: 0 } };
  // Start on the current choice, so Enter keeps it and the neighbours are its alternatives.
  const g = section === 'nodes' ? activeDoc(s).current.scenario.nodes![index]! : undefined;
  const current = pickerChoices(opened).findIndex(
    (c) => c.kind === 'instance' && c.provider === g?.provider && c.instance === g.instance && c.region === g.region,
  );
  if (current <= 0) return opened;
  // The current choice mid-list, so the cheaper rows above it show as well as the dearer ones below.
  const height = pickerHeight(s.size);
  const count = pickerChoices(opened).length;
  const top = Math.max(0, Math.min(current - Math.floor(height / 2), count - height));
  return { ...opened, mode: { ...(opened.mode as Extract<Mode, { kind: 'picker' }>), cursor: current, top } };
}

function movePicker(s: Session, mode: Extract<Mode, { kind: 'picker' }>, by: number): Session {
  const count = pickerChoices(s).length;
  const cursor = Math.max(0, Math.min(count - 1, mode.cursor + by));
  return { ...s, mode: { ...mode, cursor, top: scrollTop(mode.top, cursor, pickerHeight(s.size), count) } };
}

function refilter(s: Session, mode: Extract<Mode, { kind: 'picker' }>, changes: Partial<Extract<Mode, { kind: 'picker' }>>): Session {
  return { ...s, mode: { ...mode, ...changes, cursor: 0, top: 0 } };
}

function history(s: Session, direction: 'undo' | 'redo'): Session {
  const doc = activeDoc(s);
  const from = direction === 'undo' ? doc.undo : doc.redo;
  const back = from.at(-1);
  if (!back) return withMessage(s, `nothing to ${direction}`, 'info');
  const rest = from.slice(0, -1);
  // Undo goes from each change's after to its before; redo the other way.
  const changes = direction === 'undo' ? inverse(back) : back;
  const scenario = applyChanges(doc.current.scenario, changes, 'after');
  const { priced, plan } = reprice(doc.current, scenario, changes, doc.book, doc.uncertain.length, doc.plan);
  // Every state on the stacks was priced once; one that no longer prices would be a bug, said rather than shown broken.
  if (!priced.ok) return withMessage(s, `cannot ${direction}: ${priced.problem}`);
  const current = { scenario, estimate: priced.estimate };
  const next: DocState =
    direction === 'undo'
      ? { ...doc, current, plan, undo: rest, redo: [...doc.redo, back] }
      : { ...doc, current, plan, redo: rest, undo: [...doc.undo, back] };
  return keepInView(replaceDoc(s, next));
}

function reset(s: Session): Session {
  const doc = activeDoc(s);
  if (!isDirty(doc)) return withMessage(s, 'no changes since the file was saved', 'info');
  const changes = changedFields(doc.current.scenario, doc.saved.scenario);
  return keepInView(replaceDoc(s, { ...doc, current: doc.saved, plan: undefined, undo: [...doc.undo, changes], redo: [] }));
}

/** `a`: the prompt (or the fetch, when the command line said what to fetch); from the report, the prompt again. */
function openActuals(s: Session): Session {
  const mode = s.mode;
  const scenario = activeDoc(s).current.estimate.scenario;
  if (mode.kind === 'actuals') {
    if (mode.view.step === 'ask' || mode.view.step === 'fetching') return s;
    return { ...s, mode: { kind: 'actuals', view: actuals.askView(s.actualsSetup, scenario, mode.view.request) } };
  }
  if (mode.kind !== 'list') return s;
  const jobs = s.jobs + 1;
  return { ...s, jobs, mode: { kind: 'actuals', view: actuals.openView(s.actualsSetup, scenario, jobs) } };
}

/**
 * The bill arrived: reconcile it with the plan as it is now, edits included.
 * --refresh is spent on the first bill fetched: it is in the cache now, and
 * fetching it again would pay Cost Explorer for the same figures.
 */
function actualsFetched(s: Session, view: actuals.ActualsView, action: Extract<Action, { type: 'actualsFetched' }>): Session {
  const doc = activeDoc(s);
  const plan = { ...doc.current, edited: isDirty(doc) };
  const next = actuals.fetched(view, action.id, action, plan, s.actualsSetup);
  const actualsSetup = next === view ? s.actualsSetup : { ...s.actualsSetup, refresh: false };
  return { ...s, actualsSetup, mode: { kind: 'actuals', view: next } };
}

/** `m`: sample the ranges of the plan as it is now; the sampling itself runs outside the reducer. */
function openSpread(s: Session): Session {
  if (s.mode.kind === 'spread') return { ...s, mode: { kind: 'list' } };
  if (s.mode.kind !== 'list') return s;
  if (activeDoc(s).uncertain.length === 0) {
    return withMessage(s, 'no ranges in this scenario: every quantity is one number, so there is no spread to sample', 'info');
  }
  return { ...s, jobs: s.jobs + 1, mode: { kind: 'spread', view: { step: 'sampling', id: s.jobs + 1 } } };
}

/**
 * In the compare view, ask for the sampling its plans need: on entering it, and
 * after whatever changed them there (undo, reset, a save). The sampling itself
 * runs outside the reducer.
 */
function withCompareSampling(s: Session): Session {
  if (s.mode.kind !== 'compare') return s;
  const compareSampling = samplingFor(s.compareSampling, comparedPlans(s), s.jobs + 1);
  if (compareSampling === s.compareSampling) return s;
  return { ...s, compareSampling, jobs: compareSampling?.step === 'sampling' ? s.jobs + 1 : s.jobs };
}

export function reduce(state: Session, action: Action): Session {
  return withCompareSampling(transition(state, action));
}

/** Inputs that only make sense in one mode are ignored elsewhere, so a stray key never corrupts state. */
function transition(state: Session, action: Action): Session {
  // A resize or a background answer is not the user acting: the last message stays.
  const s: Session = action.type === 'resize' || action.type === 'compareSampled' ? state : { ...state, message: undefined };
  const mode = s.mode;
  switch (action.type) {
    case 'resize': {
      const next = { ...s, size: action.size };
      return mode.kind === 'picker' ? movePicker(keepInView(next), mode, 0) : keepInView(next);
    }
    case 'move':
      if (mode.kind === 'picker') return movePicker(s, mode, action.by);
      if (mode.kind === 'spread') return { ...s, mode: { kind: 'spread', view: scrolled(mode.view, action.by, spreadHeight(s.size)) } };
      if (mode.kind === 'where') return { ...s, mode: { kind: 'where', view: moveWhere(mode.view, action.by, whereHeight(s.size)) } };
      return mode.kind === 'list' ? move(s, action.by) : s;
    case 'step': {
      const line = mode.kind === 'list' ? selectedLine(s) : undefined;
      if (!line) return s;
      const { section, index } = itemOf(line);
      if (section !== 'nodes') return withMessage(s, '+/- change node counts; press Enter to type a new amount');
      if (isLocked(s, ['nodes', index, 'count'])) return withMessage(s, `count of ${line.name} is ${LOCKED}`);
      const count = activeDoc(s).current.scenario.nodes![index]!.count.plus(action.by);
      if (count.isNegative()) return withMessage(s, `${line.name} already has 0 nodes`, 'info');
      return edit(s, { section: 'nodes', index, patch: { count } });
    }
    case 'cyclePurchase': {
      const line = mode.kind === 'list' ? selectedLine(s) : undefined;
      if (!line) return s;
      const { section, index } = itemOf(line);
      if (section !== 'nodes') return withMessage(s, 'the purchase option belongs to node groups');
      const doc = activeDoc(s);
      const g = doc.current.scenario.nodes![index]!;
      const month = doc.current.scenario.hours_per_month ?? new Decimal(DEFAULT_HOURS_PER_MONTH);
      const step = nextPurchase(g, doc.saved.scenario.nodes?.[index], doc.book, month, g.hours !== undefined && !isLocked(s, ['nodes', index, 'hours']));
      if (step.kind === 'none') return withMessage(s, step.why, 'info');
      const next = edit(s, { section: 'nodes', index, patch: step.patch });
      return next.message ? next : withMessage(next, `${line.name}: ${step.choice.label} (option ${step.at + 1} of ${step.of} priced)`, 'info');
    }
    case 'beginInput':
      return mode.kind === 'list' ? beginInput(s, action.what) : s;
    case 'type':
      if (mode.kind === 'input') return { ...s, mode: { ...mode, text: mode.text + action.text } };
      if (mode.kind === 'picker') return refilter(s, mode, { filter: mode.filter + action.text });
      if (mode.kind === 'actuals' && mode.view.step === 'ask') return { ...s, mode: { kind: 'actuals', view: actuals.typed(mode.view, action.text) } };
      return s;
    case 'erase':
      if (mode.kind === 'input') return { ...s, mode: { ...mode, text: mode.text.slice(0, -1) } };
      if (mode.kind === 'picker') return refilter(s, mode, { filter: mode.filter.slice(0, -1) });
      if (mode.kind === 'actuals' && mode.view.step === 'ask') return { ...s, mode: { kind: 'actuals', view: actuals.erased(mode.view) } };
      return s;
    case 'commit':
      if (mode.kind === 'input') return commitInput(s, mode);
      if (mode.kind === 'picker') return pick(s, mode);
      if (mode.kind === 'where') return applyWhere(s, mode.view);
      if (mode.kind === 'actuals' && mode.view.step === 'ask') {
        return { ...s, jobs: s.jobs + 1, mode: { kind: 'actuals', view: actuals.submit(mode.view, s.jobs + 1) } };
      }
      return s;
    case 'cancel':
      if (mode.kind === 'help') return { ...s, mode: { kind: mode.back } };
      return { ...s, mode: { kind: 'list' } };
    case 'openPicker':
      return mode.kind === 'list' ? openPicker(s, action.purpose) : s;
    case 'cycleGpu': {
      if (mode.kind !== 'picker' || mode.purpose !== 'instance') return s;
      const models = gpuFilterChoices(s);
      const at = mode.gpu === undefined ? -1 : models.indexOf(mode.gpu);
      return refilter(s, mode, { gpu: models[at + 1] });
    }
    case 'undo':
    case 'redo':
      return mode.kind === 'list' || mode.kind === 'compare' ? history(s, action.type) : s;
    case 'reset':
      return mode.kind === 'list' || mode.kind === 'compare' ? reset(s) : s;
    case 'compare':
      if (mode.kind === 'compare') return { ...s, mode: { kind: 'list' } };
      return mode.kind === 'list' ? { ...s, mode: { kind: 'compare' } } : s;
    case 'help':
      if (mode.kind === 'help') return { ...s, mode: { kind: mode.back } };
      return mode.kind === 'list' || mode.kind === 'compare' ? { ...s, mode: { kind: 'help', back: mode.kind } } : s;
    case 'nextScenario': {
      if (s.docs.length < 2 || (mode.kind !== 'list' && mode.kind !== 'compare')) return s;
      const active = (s.active + 1) % s.docs.length;
      const first = rowsOf(s.docs[active]!.current.estimate).find((r) => r.type === 'line');
      return withMessage({ ...s, active, top: 0, selected: first?.type === 'line' ? first.key : undefined }, `editing ${s.docs[active]!.file}`, 'info');
    }
    case 'ask':
      return { ...s, mode: { kind: 'confirm', question: action.question, about: action.about, overwrite: action.overwrite } };
    case 'saved': {
      const doc = s.docs[action.doc]!;
      const docs = s.docs.map((d, i) => (i === action.doc ? { ...doc, diskText: action.text, saved: doc.current } : d));
      return withMessage({ ...s, docs, mode: mode.kind === 'confirm' ? { kind: 'list' } : mode }, `saved ${doc.file}`, 'info');
    }
    case 'notify':
      return withMessage(s, action.text, action.tone);
    case 'actuals':
      return openActuals(s);
    case 'nextField':
      return mode.kind === 'actuals' && mode.view.step === 'ask' ? { ...s, mode: { kind: 'actuals', view: actuals.nextField(mode.view) } } : s;
    case 'actualsProgress':
      return mode.kind === 'actuals' ? { ...s, mode: { kind: 'actuals', view: actuals.progressed(mode.view, action.id, action.requests) } } : s;
    case 'actualsFailed':
      return mode.kind === 'actuals' ? { ...s, mode: { kind: 'actuals', view: actuals.failed(mode.view, action.id, action.error) } } : s;
    case 'actualsFetched':
      return mode.kind === 'actuals' ? actualsFetched(s, mode.view, action) : s;
    case 'spread':
      return openSpread(s);
    case 'where':
      return mode.kind === 'list' ? openWherePanel(s) : s;
    case 'spreadDone': {
      if (mode.kind !== 'spread') return s;
      const doc = activeDoc(s);
      const answer = { uncertainty: action.uncertainty, ms: action.ms, edited: isDirty(doc) };
      return { ...s, mode: { kind: 'spread', view: sampled(mode.view, action.id, doc.current.estimate, answer) } };
    }
    case 'compareSampled':
      return { ...s, compareSampling: compareSampled(s.compareSampling, action.id, action) };
  }
}
