import type { Key } from 'ink';
import { listHeight, pickerHeight, spreadHeight, whereHeight } from './layout.js';
import type { Action, Session } from './state.js';

/** Things a key asks for that touch the world (disk, process) rather than state; the session hook runs them. */
export type Command = 'save' | 'overwrite' | 'quit' | 'quitNow' | 'dropComments' | 'keepComments';
export type Intent = { action: Action } | { command: Command };

type Match = (input: string, key: Key) => boolean;
interface Binding {
  /** As shown in the help overlay. */
  keys: string;
  does: string;
  match: Match;
  intent: (s: Session, input: string, key: Key) => Intent;
}

const ch =
  (...chars: string[]): Match =>
  (input, key) =>
    !key.ctrl && !key.meta && chars.includes(input);
const act = (action: Action) => () => ({ action });
const run = (command: Command) => () => ({ command });
const page = (s: Session) =>
  s.mode.kind === 'picker' ? pickerHeight(s.size) : s.mode.kind === 'spread' ? spreadHeight(s.size) : s.mode.kind === 'where' ? whereHeight(s.size) : listHeight(s.size);

/** Up/down, a page, or (outside pickers, where letters filter) j/k and g/G to either end. */
function movement(s: Session, input: string, key: Key): number | undefined {
  const letters = s.mode.kind !== 'picker';
  if (key.upArrow || (letters && ch('k')(input, key))) return -1;
  if (key.downArrow || (letters && ch('j')(input, key))) return 1;
  if (key.pageUp) return -page(s);
  if (key.pageDown) return page(s);
  if (letters && ch('g')(input, key)) return -1e9;
  if (letters && ch('G')(input, key)) return 1e9;
  return undefined;
}

/** The main view's keys (line list and compare view). The help overlay is generated from this table. */
export const MAIN_KEYS: Binding[] = [
  {
    keys: '↑ ↓  k j  PgUp PgDn  g G',
    does: 'move between lines; a page; first / last line',
    match: (i, k) => k.upArrow || k.downArrow || k.pageUp || k.pageDown || ch('k', 'j', 'g', 'G')(i, k),
    intent: (s, i, k) => ({ action: { type: 'move', by: movement(s, i, k)! } }),
  },
  { keys: '+  -', does: 'one node more / fewer (node group)', match: ch('+', '=', '-', '_'), intent: (_s, i) => ({ action: { type: 'step', by: i === '+' || i === '=' ? 1 : -1 } }) },
  { keys: 'Enter  e', does: 'type a new count, GB or transfer volume', match: (i, k) => k.return || ch('e')(i, k), intent: act({ type: 'beginInput', what: 'quantity' }) },
  { keys: 'h', does: 'type new hours per node (node group)', match: ch('h'), intent: act({ type: 'beginInput', what: 'hours' }) },
  { keys: 'p', does: 'cycle on-demand / spot / terms priced (node group)', match: ch('p'), intent: act({ type: 'cyclePurchase' }) },
  {
    keys: 'i  r',
    does: 'pick instance and region (any cloud) / region only',
    match: ch('i', 'r'),
    intent: (_s, i) => ({ action: { type: 'openPicker', purpose: i === 'i' ? 'instance' : 'region' } }),
  },
  { keys: 'f  t', does: "pick a transfer's source / destination", match: ch('f', 't'), intent: (_s, i) => ({ action: { type: 'openPicker', purpose: i === 'f' ? 'from' : 'to' } }) },
  {
    keys: 'u  U  Ctrl+R',
    does: 'undo / redo',
    match: (i, k) => ch('u', 'U')(i, k) || (k.ctrl && i === 'r'),
    intent: (_s, i) => ({ action: { type: i === 'u' ? 'undo' : 'redo' } }),
  },
  { keys: 'X', does: 'reset to the saved file (undo brings the edits back)', match: ch('X'), intent: act({ type: 'reset' }) },
  { keys: 's', does: 'save the scenario file (comments and layout kept)', match: ch('s'), intent: run('save') },
  { keys: 'c', does: 'compare view: opened scenarios (or saved vs edited)', match: ch('c'), intent: act({ type: 'compare' }) },
  { keys: 'a', does: "actuals: a month's bill vs the plan as edited", match: ch('a'), intent: act({ type: 'actuals' }) },
  { keys: 'm', does: 'ranges: Monte Carlo spread and tornado chart', match: ch('m'), intent: act({ type: 'spread' }) },
  { keys: 'w', does: 'where: every region for the node group, ranked; Enter moves it', match: ch('w'), intent: act({ type: 'where' }) },
  { keys: 'Tab', does: 'next opened scenario', match: (_i, k) => k.tab, intent: act({ type: 'nextScenario' }) },
  { keys: '?', does: 'this help', match: ch('?'), intent: act({ type: 'help' }) },
  {
    keys: 'q  Esc  Ctrl+C',
    does: 'quit (asks if unsaved); Esc also leaves compare',
    match: (i, k) => k.escape || ch('q')(i, k) || (k.ctrl && i === 'c'),
    intent: (s, _i, k) => (k.escape && s.mode.kind === 'compare' ? { action: { type: 'cancel' } } : { command: 'quit' }),
  },
];

/** Keys inside the pickers and number entry, listed in the help overlay under the main table. */
export const ENTRY_KEYS: { keys: string; does: string }[] = [
  { keys: 'type', does: 'number: 2TB, 1e3, 20k · filter: h100 8gpu 80gb <5' },
  { keys: '↑ ↓  PgUp PgDn', does: 'picker: move' },
  { keys: 'Tab', does: 'next GPU filter (picker) / next field (actuals)' },
  { keys: 'Enter  Esc  y  n  d  k', does: 'apply / cancel or back; yes / no; drop / keep a comment' },
];

/** What a keypress means in the current mode; undefined when it means nothing there. */
export function intentFor(s: Session, input: string, key: Key): Intent | undefined {
  switch (s.mode.kind) {
    case 'input':
      if (key.return) return { action: { type: 'commit' } };
      if (key.escape) return { action: { type: 'cancel' } };
      if (key.backspace || key.delete) return { action: { type: 'erase' } };
      // Everything printable is typed, so nothing is dropped silently: Enter reads it all or says why not.
      return input && !key.ctrl && !key.meta && !/[\x00-\x1f\x7f]/.test(input) ? { action: { type: 'type', text: input } } : undefined;
    case 'picker': {
      const by = movement(s, input, key);
      if (by !== undefined) return { action: { type: 'move', by } };
      if (key.return) return { action: { type: 'commit' } };
      if (key.escape) return { action: { type: 'cancel' } };
      if (key.tab) return { action: { type: 'cycleGpu' } };
      if (key.backspace || key.delete) return { action: { type: 'erase' } };
      if (key.ctrl && input === 'c') return { command: 'quit' };
      // Names, regions and the filter's own words (<5, <=$5, 8gpu); nothing else is typed into a filter.
      return input && !key.ctrl && !key.meta && /^[\w.: <=$-]+$/.test(input) ? { action: { type: 'type', text: input } } : undefined;
    }
    case 'confirm':
      if (s.mode.question === 'comments') {
        if (ch('d', 'D')(input, key)) return { command: 'dropComments' };
        if (ch('k', 'K')(input, key)) return { command: 'keepComments' };
        return key.escape ? { action: { type: 'cancel' } } : undefined;
      }
      if (ch('y', 'Y')(input, key)) return { command: s.mode.question === 'quit' ? 'quitNow' : 'overwrite' };
      if (ch('n', 'N')(input, key) || key.escape) return { action: { type: 'cancel' } };
      return undefined;
    case 'actuals': {
      if (key.ctrl && input === 'c') return { command: 'quit' };
      if (s.mode.view.step !== 'ask') {
        if (key.escape || ch('q')(input, key)) return { action: { type: 'cancel' } };
        return ch('a')(input, key) ? { action: { type: 'actuals' } } : undefined;
      }
      if (key.return) return { action: { type: 'commit' } };
      if (key.escape) return { action: { type: 'cancel' } };
      if (key.tab) return { action: { type: 'nextField' } };
      if (key.backspace || key.delete) return { action: { type: 'erase' } };
      // Sources are words or file paths.
      return input && !key.ctrl && !key.meta && /^[\w.:/~ -]+$/.test(input) ? { action: { type: 'type', text: input } } : undefined;
    }
    case 'spread': {
      if (key.ctrl && input === 'c') return { command: 'quit' };
      if (key.escape || ch('m', 'q')(input, key)) return { action: { type: 'cancel' } };
      const by = movement(s, input, key);
      return by === undefined ? undefined : { action: { type: 'move', by } };
    }
    case 'where': {
      if (key.ctrl && input === 'c') return { command: 'quit' };
      if (key.escape || ch('w', 'q')(input, key)) return { action: { type: 'cancel' } };
      if (key.return) return { action: { type: 'commit' } };
      const by = movement(s, input, key);
      return by === undefined ? undefined : { action: { type: 'move', by } };
    }
    case 'help':
      if (key.escape || ch('?', 'q')(input, key)) return { action: { type: 'help' } };
      return undefined;
    default:
      return MAIN_KEYS.find((b) => b.match(input, key))?.intent(s, input, key);
  }
}
