import { useEffect } from 'react';
import { chanceCheaper } from '../engine/paired.js';
import type { Uncertainty } from '../engine/uncertainty.js';
import { samplePlan } from './sample-plan.js';
import type { Action, Session } from './state.js';

/**
 * Runs the sampling the compare view asks for and reports back as an action:
 * each plan sampled as `tollgate compare` samples it (same sample count and
 * seed, so sample k of every plan is one paired draw), then each plan's chance
 * of costing less than the first from those pairs, by the same engine function.
 * Only while the view is open: leaving it stops the work, coming back resumes it.
 */
export function useCompareSampling(state: Session, dispatch: (a: Action) => void): void {
  const job = state.mode.kind === 'compare' && state.compareSampling?.step === 'sampling' ? state.compareSampling : undefined;
  useEffect(() => {
    if (!job) return;
    const { id, plans } = job;
    const uncertainties: (Uncertainty | undefined)[] = [];
    // One plan per turn of the event loop: a key pressed meanwhile waits for one plan (tens of ms since the compiled plan), not all four.
    const next = () => {
      const plan = plans[uncertainties.length];
      if (!plan) {
        const cheaper = chanceCheaper(plans.map((p) => p.estimate), uncertainties);
        return dispatch({ type: 'compareSampled', id, uncertainties, cheaper });
      }
      uncertainties.push(plan.uncertain.length > 0 ? samplePlan(plan.scenario, plan.uncertain, plan.book).uncertainty : undefined);
      timer = setTimeout(next, 0);
    };
    // Later than the next frame, as for the uncertainty panel: "sampling…" is drawn before the loop is busy.
    let timer = setTimeout(next, 20);
    return () => clearTimeout(timer);
  }, [job, dispatch]);
}
