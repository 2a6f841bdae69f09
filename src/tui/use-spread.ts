import { useEffect } from 'react';
import { samplePlan } from './sample-plan.js';
import { activeDoc, type Action, type Session } from './state.js';

/**
 * Runs the sampling the state asks for (the uncertainty panel in its sampling
 * step) and reports back as an action. It samples as `tollgate estimate` does
 * (10,000 samples, seed 1) so both show the same figures: tens of ms through the compiled plan, paid only
 * when the panel opens on a plan not sampled before, never on a keypress of the list.
 */
export function useSpreadSampling(state: Session, dispatch: (a: Action) => void): void {
  const id = state.mode.kind === 'spread' && state.mode.view.step === 'sampling' ? state.mode.view.id : undefined;
  const doc = activeDoc(state);
  const { scenario } = doc.current;
  useEffect(() => {
    if (id === undefined) return;
    // Later than the next frame (Ink draws at most every 1000/60 ms): "sampling…" is on screen
    // before the event loop is busy sampling.
    const timer = setTimeout(() => dispatch({ type: 'spreadDone', id, ...samplePlan(scenario, doc.uncertain, doc.book) }), 20);
    return () => clearTimeout(timer);
  }, [id, scenario, doc.uncertain, doc.book, dispatch]);
}
