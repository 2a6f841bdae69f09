import type { Uncertainty } from '../engine/uncertainty.js';
import { uncertaintyTable } from '../format/uncertainty.js';
import type { Estimate } from '../model/estimate.js';

/**
 * The uncertainty panel: sampling is numbered like a fetch, so a result that
 * lands after the user left (or edited and came back) is dropped.
 */
export type SpreadView =
  | { step: 'sampling'; id: number }
  | { step: 'shown'; uncertainty: Uncertainty; ms: number; edited: boolean; top: number; lines: number };

/** The panel's text: the same percentile table and tornado chart as `tollgate estimate`, without its leading blank line. */
export function spreadLines(e: Estimate, u: Uncertainty): string[] {
  return uncertaintyTable(e, u).slice(1);
}

export function sampled(view: SpreadView, id: number, e: Estimate, answer: { uncertainty: Uncertainty; ms: number; edited: boolean }): SpreadView {
  if (view.step !== 'sampling' || view.id !== id) return view;
  return { step: 'shown', ...answer, top: 0, lines: spreadLines(e, answer.uncertainty).length };
}

/** Scroll the panel by `by` lines, never past its last page. */
export function scrolled(view: SpreadView, by: number, height: number): SpreadView {
  if (view.step !== 'shown') return view;
  return { ...view, top: Math.max(0, Math.min(view.top + by, view.lines - height)) };
}
