import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../../src/model/decimal.js';
import { readEntry } from '../../src/tui/number-entry.js';
import { activeDoc, type Session } from '../../src/tui/state.js';
import { run, session } from './fixtures.js';

const month = { hoursPerMonth: new Decimal(730) };
const value = (text: string, field: Parameters<typeof readEntry>[1] = 'gb') => {
  const e = readEntry(text, field, month);
  return e.ok ? e.value.toFixed() : `refused: ${e.message}`;
};

describe("reading a typed number in the field's unit (issue 16, 3)", () => {
  it('accepts what people type: 2TB, 1.5 TiB, 1e3, 1,000, 20k, 500 GiB', () => {
    expect(value('2TB')).toBe('2000');
    expect(value('1.5 TiB')).toBe('1649.267442'); // 1.5 × 2^40 bytes = 1,649.267441664 GB, kept to 6 decimals
    expect(value('1e3')).toBe('1000');
    expect(value('1,000')).toBe('1000');
    expect(value('20k')).toBe('20000');
    expect(value('500 GiB')).toBe('536.870912');
    expect(value('1e3', 'count')).toBe('1000');
    expect(value('20k', 'count')).toBe('20000');
    expect(value('200h', 'hours')).toBe('200');
  });

  it('says what a unit converted to, and when it rounded', () => {
    expect(readEntry('2TB', 'gb', month)).toMatchObject({ ok: true, note: '2TB = 2,000 GB' });
    expect(readEntry('1.5 TiB', 'gb', month)).toMatchObject({ note: expect.stringContaining('rounded to 6 decimals') });
    expect(readEntry('300', 'gb', month)).toMatchObject({ ok: true, note: undefined });
  });

  it("refuses the rest out loud, in the loader's words, with a hint", () => {
    expect(readEntry('-5', 'count', month)).toEqual({ ok: false, message: 'expected a whole number, zero or more, got -5', hint: 'the number of nodes in the group, a whole number' });
    expect(value('2TB', 'count')).toMatch(/refused: "2TB": unknown unit "TB"; expected a whole number, zero or more/);
    expect(value('2x')).toMatch(/unknown unit "x"/);
    expect(value('1,00')).toMatch(/refused: "1,00" is not a number/);
    expect(value('abc')).toMatch(/not a number/);
    expect(value('800', 'hours')).toMatch(/hours 800 is more than the 730 hours in the month/);
    expect(value('1.5', 'count')).toMatch(/expected a whole number/);
    expect(readEntry('2x', 'gb', month)).toMatchObject({ hint: expect.stringContaining('2TB, 1.5 TiB') });
  });

  it('a number written plainly reads as itself (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 999_999 }), (int, frac) => {
        const text = `${int}.${String(frac).padStart(6, '0')}`;
        expect(value(text)).toBe(new Decimal(text).toFixed());
      }),
    );
  });
});

const typeText = (text: string) => [...text].map((c) => ({ type: 'type' as const, text: c }));
const clear = (s: Session) => run(s, ...Array.from({ length: s.mode.kind === 'input' ? s.mode.text.length : 0 }, () => ({ type: 'erase' as const })));

describe('number entry in the session', () => {
  it('-5 is refused, not applied as 5; 1e3 is 1000, not 13', () => {
    let s = clear(run(session(), { type: 'beginInput', what: 'quantity' }));
    s = run(s, ...typeText('-5'), { type: 'commit' });
    expect(s.mode.kind).toBe('input');
    expect(s.message?.text).toMatch(/expected a whole number, zero or more, got -5/);
    expect(activeDoc(s).current.scenario.nodes![0]!.count.toFixed()).toBe('4');
    s = run(clear(s), ...typeText('1e1'), { type: 'commit' });
    expect(activeDoc(s).current.scenario.nodes![0]!.count.toFixed()).toBe('10');
  });

  it('h above the month is refused with a message that stays on screen until the next key', () => {
    let s = clear(run(session(), { type: 'beginInput', what: 'hours' }));
    s = run(s, ...typeText('800'), { type: 'commit' });
    expect(s.mode.kind).toBe('input');
    expect(s.message).toEqual({ tone: 'error', text: expect.stringContaining('hours 800 is more than the 730 hours in the month') });
  });
});
