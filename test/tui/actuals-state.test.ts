import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import type { ActualsSetup, ActualsView } from '../../src/tui/actuals-state.js';
import { loadDoc } from '../../src/tui/load.js';
import { defaultActualsSetup, initialSession, type Action, type Session } from '../../src/tui/state.js';
import { record } from '../actuals/records.js';
import { RECSYS, SMALL, run, scenarioFile } from './fixtures.js';

const PERIOD = { month: '2026-10', elapsedDays: 31, days: 31 };

function open(file = RECSYS, setup: Partial<ActualsSetup> = {}): Session {
  return initialSession([loadDoc(file)], { cols: 80, rows: 24 }, { ...defaultActualsSetup(), lastMonth: '2026-11', ...setup });
}

function view(s: Session): ActualsView {
  if (s.mode.kind !== 'actuals') throw new Error(`not in the actuals view: ${s.mode.kind}`);
  return s.mode.view;
}

const typeText = (text: string): Action[] => [...text].map((c) => ({ type: 'type', text: c }));
const bill = (cost: string, currency = 'USD') => ({
  type: 'actualsFetched' as const,
  result: { source: 'test bill', records: [record({ usageType: 'BoxUsage:p4d.24xlarge', regionId: 'us-east-1', billedCost: new Decimal(cost), billingCurrency: currency })], notes: [] },
  period: PERIOD,
});

describe('actuals in the session reducer', () => {
  it('a on the bundled example offers its sample bill and month', () => {
    const v = view(run(open(), { type: 'actuals' }));
    expect(v).toMatchObject({ step: 'ask', source: 'sample', month: '2026-10', field: 'month' });
  });

  it('a on another scenario asks for a source, offering the last full month', () => {
    const v = view(run(open(scenarioFile(SMALL)), { type: 'actuals' }));
    expect(v).toMatchObject({ step: 'ask', source: '', month: '2026-11', field: 'source' });
  });

  it('with --actuals-source and --month given, a fetches at once', () => {
    const s = run(open(RECSYS, { source: 'aws', month: '2026-09' }), { type: 'actuals' });
    expect(view(s)).toEqual({ step: 'fetching', request: { id: s.jobs, source: 'aws', month: '2026-09' }, requests: 0 });
  });

  it('types into the focused field, Tab moves between them, Backspace erases', () => {
    const s = run(open(scenarioFile(SMALL)), { type: 'actuals' }, ...typeText('awz'), { type: 'erase' }, ...typeText('s'), { type: 'nextField' }, { type: 'erase' }, ...typeText('0'));
    expect(view(s)).toMatchObject({ source: 'aws', month: '2026-10', field: 'month' });
  });

  it('Enter refuses an empty source or a month that is not YYYY-MM, and says why', () => {
    const empty = run(open(scenarioFile(SMALL)), { type: 'actuals' }, { type: 'commit' });
    expect(view(empty)).toMatchObject({ step: 'ask', field: 'source', problem: expect.stringContaining('aws, gcp, sample or a billing file') });
    const month = run(open(), { type: 'actuals' }, { type: 'erase' }, { type: 'commit' });
    expect(view(month)).toMatchObject({ step: 'ask', field: 'month', problem: 'month "2026-1" is not YYYY-MM (e.g. 2026-10)' });
  });

  it('Enter starts a numbered fetch; progress and answers for another number are dropped', () => {
    const s = run(open(), { type: 'actuals' }, { type: 'commit' });
    const id = s.jobs;
    expect(view(s)).toMatchObject({ step: 'fetching', request: { id, source: 'sample', month: '2026-10' } });
    expect(view(run(s, { type: 'actualsProgress', id, requests: 3 }))).toMatchObject({ requests: 3 });
    expect(view(run(s, { type: 'actualsProgress', id: id - 1, requests: 3 }))).toMatchObject({ requests: 0 });
    expect(view(run(s, { ...bill('100'), id: id - 1 })).step).toBe('fetching');
    expect(view(run(s, { type: 'actualsFailed', id: id - 1, error: 'late' })).step).toBe('fetching');
  });

  it('a fetched bill is reconciled with the plan as edited, and says whether it was edited', () => {
    const s = run(open(), { type: 'actuals' }, { type: 'commit' });
    const saved = view(run(s, { ...bill('17000'), id: s.jobs }));
    if (saved.step !== 'shown') throw new Error(saved.step);
    expect(saved.report.edited).toBe(false);
    expect(saved.report.reconciliation.total.projected.toFixed(2)).toBe('23262.08');
    const trainers = saved.report.reconciliation.lines.find((l) => l.line.name === 'trainers')!;
    expect(trainers.actual.toFixed()).toBe('17000');

    // One more trainer (the first line), then the same bill.
    const edited = run(open(), { type: 'step', by: 1 }, { type: 'actuals' }, { type: 'commit' });
    const shown = view(run(edited, { ...bill('17000'), id: edited.jobs }));
    if (shown.step !== 'shown') throw new Error(shown.step);
    expect(shown.report.edited).toBe(true);
    expect(shown.report.reconciliation.total.projected.toFixed(2)).toBe('27653.61');
  });

  it('--refresh is spent by the first answer to the fetch under way; a failed or dropped fetch keeps it', () => {
    const s = run(open(RECSYS, { refresh: true }), { type: 'actuals' }, { type: 'commit' });
    expect(run(s, { type: 'actualsFailed', id: s.jobs, error: 'throttled' }).actualsSetup.refresh).toBe(true);
    expect(run(s, { ...bill('1'), id: s.jobs - 1 }).actualsSetup.refresh).toBe(true);
    expect(run(s, { type: 'cancel' }, { ...bill('1'), id: s.jobs }).actualsSetup.refresh).toBe(true);
    expect(run(s, { ...bill('1'), id: s.jobs }).actualsSetup.refresh).toBe(false);
  });

  it('a bill in another currency is an error in the view, not a comparison', () => {
    const s = run(open(), { type: 'actuals' }, { type: 'commit' });
    expect(view(run(s, { ...bill('100', 'EUR'), id: s.jobs }))).toMatchObject({
      step: 'failed',
      error: 'the bill is in EUR, the projection in USD; tollgate does not convert currencies',
    });
  });

  it('a failed fetch keeps the request; a asks again with it, Esc returns to the list', () => {
    const s = run(open(), { type: 'actuals' }, { type: 'commit' });
    const failed = run(s, { type: 'actualsFailed', id: s.jobs, error: 'billing file not found' });
    expect(view(failed)).toMatchObject({ step: 'failed', error: 'billing file not found', request: { source: 'sample' } });
    expect(view(run(failed, { type: 'actuals' }))).toMatchObject({ step: 'ask', source: 'sample', month: '2026-10' });
    expect(run(failed, { type: 'cancel' }).mode.kind).toBe('list');
  });

  it('Esc while fetching returns at once; the late answer changes nothing', () => {
    const s = run(open(), { type: 'actuals' }, { type: 'commit' });
    const back = run(s, { type: 'cancel' }, { ...bill('1'), id: s.jobs });
    expect(back.mode.kind).toBe('list');
  });

  it('a means nothing outside the list view', () => {
    expect(run(open(), { type: 'compare' }, { type: 'actuals' }).mode.kind).toBe('compare');
  });
});
