import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { chanceCheaper } from '../../src/engine/paired.js';
import { assessUncertainty } from '../../src/engine/uncertainty.js';
import { money, percent } from '../../src/model/numbers.js';
import { App } from '../../src/tui/App.js';
import { comparedPlans, type Session } from '../../src/tui/state.js';
import { RANGED, RECSYS, SMALL, run, scenarioFile, session } from './fixtures.js';
import { ESC, press, showing, type Rendered } from './ink-driver.js';

let mounted: Rendered | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

// The same ranges on the same labels, so sample k of each plan draws the same count, hours, GB:
// on m7i.xlarge instead of p4d.24xlarge every sample is cheaper than the baseline's (100%);
// with 3 trainers fixed, only the samples where the baseline drew 4-ish trainers cost more.
const SMALLER = RANGED.replace('name: ranged', 'name: ranged-small').replace('instance: p4d.24xlarge', 'instance: m7i.xlarge');
const THREE = RANGED.replace('name: ranged', 'name: ranged-three').replace('count: {low: 1, expected: 2, high: 4}', 'count: 3');
const plans = (...yaml: string[]) => session(yaml.map((y, i) => scenarioFile(y, `${i}.yaml`)));

/** What `tollgate compare` computes for these plans: the engine's sampling (default samples and seed) and its paired chance. */
function expected(s: Session) {
  const columns = comparedPlans(s);
  const uncertainties = columns.map((p) => assessUncertainty(p.scenario, p.uncertain, p.book));
  return { uncertainties, cheaper: chanceCheaper(columns.map((p) => p.estimate), uncertainties) };
}

describe('sampling for the compare view, in the reducer', () => {
  it('opening on ranged plans asks for a numbered sampling of them; an answer for another number is dropped', () => {
    const s = plans(RANGED, THREE);
    expect(s.compareSampling).toMatchObject({ step: 'sampling', id: s.jobs });
    expect(s.jobs).toBe(1);
    const answer = { type: 'compareSampled' as const, uncertainties: [], cheaper: [] };
    expect(run(s, { ...answer, id: s.jobs - 1 }).compareSampling?.step).toBe('sampling');
    expect(run(s, { ...answer, id: s.jobs }).compareSampling?.step).toBe('shown');
  });

  it('kept while the plans stay as they were (leaving and coming back samples nothing); an edit asks again', () => {
    // The ranged plan beside SMALL, which has no ranges but can be edited (its first line is h200s, a node group).
    let s = session([scenarioFile(RANGED), scenarioFile(SMALL)]);
    s = run(s, { type: 'compareSampled', id: s.jobs, uncertainties: [], cheaper: [] });
    const shown = s.compareSampling;
    const back = run(s, { type: 'help' }, { type: 'help' }, { type: 'compare' }, { type: 'compare' });
    expect(back.mode.kind).toBe('compare');
    expect(back.compareSampling).toBe(shown);
    expect(back.jobs).toBe(s.jobs);
    const edited = run(s, { type: 'nextScenario' }, { type: 'compare' }, { type: 'step', by: 1 }, { type: 'compare' });
    expect(edited.compareSampling).toMatchObject({ step: 'sampling', id: s.jobs + 1 });
    expect(edited.jobs).toBe(s.jobs + 1);
    // Undo there, in the compare view, brings back the plans sampled before: a new job for them, answered from the cache.
    expect(run(edited, { type: 'undo' }).compareSampling).toMatchObject({ step: 'sampling', id: s.jobs + 2 });
  });

  it('plans without ranges ask for nothing: the view is as it always was', () => {
    const s = run(session([RECSYS]), { type: 'step', by: 1 }, { type: 'compare' });
    expect(s.compareSampling).toBeUndefined();
    expect(s.jobs).toBe(0);
  });
});

describe('the compare view with ranges, on screen', () => {
  it('shows "sampling…", then each total p50 / p95 and P(cheaper than the first) as `tollgate compare` computes them', async () => {
    const s = plans(RANGED, SMALLER, THREE);
    mounted = render(<App initial={s} colour={false} />);
    const before = await showing(mounted, 'sampling 10,000 samples of each plan (seed 1)…');
    expect(before).not.toContain('P(< first)');
    const frame = await showing(mounted, 'P(< first)', 10_000);
    const { uncertainties, cheaper } = expected(s);
    const at = (p: number) => uncertainties.map((u) => money(u!.monteCarlo.spreads.total.percentiles.get(p)!));
    expect(frame).toMatch(new RegExp(`^TOTAL p50\\s+\\${at(50).join('\\s+\\')}$`, 'm'));
    expect(frame).toMatch(new RegExp(`^TOTAL p95\\s+\\${at(95).join('\\s+\\')}$`, 'm'));
    // The known answer: m7i in every sample is cheaper (100%). `tollgate compare` on the same files printed
    // p50 $10,657.25 / $807.49 / $14,003.13, p95 $17,943.82 / $1,637.96 / $18,493.90, and B 100%, C 4.6%.
    expect(percent(cheaper[2]!)).toBe('4.6%');
    expect(frame).toMatch(/^P\(< first\)\s+—\s+100%\s+4\.6%$/m);
    expect(at(50)).toEqual(['$10,657.25', '$807.49', '$14,003.13']);
    expect(frame.split('\n').length).toBeLessThan(24);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    // The budget bars still fit 80×24 under the sampled rows.
    expect(frame).toMatch(/^C ranged-thr… █+░*│ 91%$/m);
  });

  it('four ranged plans, four categories, still fit 24 rows; on 20 rows the budget bars give way', async () => {
    const recsysLike = RANGED.replace('transfers:', 'transfers:\n  - name: in\n    from: internet\n    to: aws:us-east-1\n    gb_per_month: 10');
    const files = [RANGED, SMALLER, THREE, recsysLike].map((y, i) => scenarioFile(y, `${i}.yaml`));
    for (const rows of [24, 20]) {
      mounted = render(<App initial={session(files, { cols: 80, rows })} colour={false} />);
      const frame = await showing(mounted, 'P(< first)', 10_000);
      expect(frame.split('\n').length).toBeLessThan(rows);
      expect(frame.includes('budget $15,000.00/month')).toBe(rows === 24);
      mounted.unmount();
    }
  });

  it('on plans without ranges it shows no sampled rows', async () => {
    mounted = render(<App initial={session([RECSYS])} colour={false} />);
    await showing(mounted, 'TOTAL per month');
    await press(mounted, '+', 'c');
    const frame = await showing(mounted, 'compare · 2 scenarios');
    expect(frame).not.toMatch(/sampling|p50|P\(/);
    await press(mounted, ESC);
  });
});
