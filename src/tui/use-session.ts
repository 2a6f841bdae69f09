import { useCallback, useRef, useState } from 'react';
import type { Key } from 'ink';
import { intentFor, type Command } from './keys.js';
import { isReadOnly, writeAtomic } from '../write-atomic.js';
import { changedOnDisk, scenarioText } from './save.js';
import { activeDoc, isDirty, reduce, type Action, type Session } from './state.js';

/** Saves the active scenario; asks first when the file changed on disk or is read-only, unless told to overwrite. */
function save(s: Session, dispatch: (a: Action) => void, overwrite: boolean): void {
  const doc = activeDoc(s);
  if (!isDirty(doc)) return dispatch({ type: 'notify', text: 'no changes to save', tone: 'info' });
  if (!overwrite && changedOnDisk(doc.file, doc.diskText)) return dispatch({ type: 'ask', question: 'overwrite' });
  if (!overwrite && isReadOnly(doc.file)) return dispatch({ type: 'ask', question: 'readonly' });
  try {
    const text = scenarioText(doc.diskText, doc.file, doc.saved.scenario, doc.current.scenario);
    writeAtomic(doc.file, text, { readOnly: overwrite ? 'replace' : 'refuse' });
    dispatch({ type: 'saved', doc: s.active, text });
  } catch (e) {
    dispatch({ type: 'notify', text: `not saved: ${(e as Error).message}`, tone: 'error' });
  }
}

/** Ink sets Tab/Enter/Backspace flags only for a lone key; recover them for one character of a burst. */
function singleKey(c: string, key: Key): Key {
  return { ...key, tab: c === '\t', return: c === '\r', backspace: c === '\x7f' || c === '\b' };
}

/** The session's logic for Ink: the reducer, plus the commands that touch the disk or end the process. */
export function useSession(initial: Session, exit: () => void) {
  const [state, setState] = useState(initial);
  // Keys can arrive faster than renders: each one must act on the state the previous
  // one produced, not on the last rendered one, and the reducer must run once per key.
  const latest = useRef(initial);
  const dispatch = useCallback((action: Action) => {
    latest.current = reduce(latest.current, action);
    setState(latest.current);
  }, []);

  const run = useCallback(
    (command: Command) => {
      const s = latest.current;
      switch (command) {
        case 'save':
        case 'overwrite':
          return save(s, dispatch, command === 'overwrite');
        case 'quit':
          return s.docs.some(isDirty) ? dispatch({ type: 'ask', question: 'quit' }) : exit();
        case 'quitNow':
          return exit();
      }
    },
    [exit, dispatch],
  );

  const onKey = useCallback(
    (input: string, key: Key) => {
      // Keys typed faster than stdin is read (or pasted) arrive as one string; each is its own keypress.
      const presses: [string, Key][] =
        input.length > 1 && !key.ctrl && !key.meta ? [...input].map((c) => [c, singleKey(c, key)]) : [[input, key]];
      for (const [press, flags] of presses) {
        const intent = intentFor(latest.current, press, flags);
        if (!intent) continue;
        if ('command' in intent) run(intent.command);
        else dispatch(intent.action);
      }
    },
    [run, dispatch],
  );

  return { state, dispatch, onKey };
}
