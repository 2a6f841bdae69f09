import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { intentFor } from '../../src/tui/keys.js';
import type { Session } from '../../src/tui/state.js';
import { RANGED, run, scenarioFile, session } from './fixtures.js';

const none: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false,
  capsLock: false, numLock: false,
} as Key;
const key = (input: string, flags: Partial<Key> = {}) => (s: Session) => intentFor(s, input, { ...none, ...flags });

describe('keys of the actuals view and the uncertainty panel', () => {
  it('a and m open them from the list; u and U still undo and redo', () => {
    const s = session();
    expect(key('a')(s)).toEqual({ action: { type: 'actuals' } });
    expect(key('m')(s)).toEqual({ action: { type: 'spread' } });
    expect(key('u')(s)).toEqual({ action: { type: 'undo' } });
    expect(key('U')(s)).toEqual({ action: { type: 'redo' } });
    expect(key('r', { ctrl: true })(s)).toEqual({ action: { type: 'redo' } });
    expect(key('r')(s)).toEqual({ action: { type: 'openPicker', purpose: 'region' } });
  });

  it('in the actuals prompt letters (a and q too) and path characters are typed; Tab moves field', () => {
    const ask = run(session(), { type: 'actuals' });
    for (const c of ['a', 'q', '/', '~', '.', '-']) expect(key(c)(ask)).toEqual({ action: { type: 'type', text: c } });
    expect(key('', { tab: true })(ask)).toEqual({ action: { type: 'nextField' } });
    expect(key('', { return: true })(ask)).toEqual({ action: { type: 'commit' } });
    expect(key('c', { ctrl: true })(ask)).toEqual({ command: 'quit' });
  });

  it('in a picker the filter\'s own characters are typed (<, =, $), other punctuation is not', () => {
    const picker = run(session(), { type: 'openPicker', purpose: 'instance' });
    for (const c of ['<', '=', '$', '8', 'g', ' ', '-', '.']) expect(key(c)(picker)).toEqual({ action: { type: 'type', text: c } });
    for (const c of ['{', '"', '/']) expect(key(c)(picker)).toBeUndefined();
  });

  it('on the report a asks again, q and Esc go back', () => {
    const s = run(session(), { type: 'actuals' }, { type: 'commit' });
    const failed = run(s, { type: 'actualsFailed', id: s.jobs, error: 'x' });
    expect(key('a')(failed)).toEqual({ action: { type: 'actuals' } });
    expect(key('q')(failed)).toEqual({ action: { type: 'cancel' } });
    expect(key('', { escape: true })(failed)).toEqual({ action: { type: 'cancel' } });
  });

  it('in the uncertainty panel j/k scroll, m, q and Esc go back', () => {
    const s = run(session([scenarioFile(RANGED)]), { type: 'spread' });
    expect(key('j')(s)).toEqual({ action: { type: 'move', by: 1 } });
    for (const c of ['m', 'q']) expect(key(c)(s)).toEqual({ action: { type: 'cancel' } });
  });
});
