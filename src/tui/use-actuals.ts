import { useEffect } from 'react';
import { redact } from '../redact.js';
import { clockNow } from '../clock.js';
import { coveredRange, periodAt } from '../actuals/period.js';
import type { ActualsSelector } from '../model/actuals-selector.js';
import type { ActualsRequest, ActualsSetup } from './actuals-state.js';
import { activeDoc, type Action, type Session } from './state.js';

/** The month's bill from the asked source. The sources (and their SDKs, DuckDB) load only now, never at start-up. */
async function fetchBill(request: ActualsRequest, setup: ActualsSetup, selector: ActualsSelector | undefined, onRequest: (count: number) => void) {
  const period = periodAt(request.month, clockNow());
  const { readActuals } = await import('../actuals/sources/index.js');
  const { refresh, costBasis, maxScan, timeoutMs, period: periodBasis } = setup;
  const result = await readActuals({ source: request.source, period, range: coveredRange(period), selector, refresh, costBasis, ...(periodBasis ? { periodBasis } : {}), ...(maxScan ? { maxScan } : {}), ...(timeoutMs ? { timeoutMs } : {}), onRequest });
  return { result, period };
}

/**
 * Runs the fetch the state asks for (the actuals view in its fetching step) and
 * reports back as actions. Every failure, expected or not, becomes the view's
 * error: a bad bill must never take the session down.
 */
export function useActualsFetch(state: Session, dispatch: (a: Action) => void): void {
  const view = state.mode.kind === 'actuals' ? state.mode.view : undefined;
  const request = view?.step === 'fetching' ? view.request : undefined;
  const selector = activeDoc(state).current.scenario.actuals;
  const setup = state.actualsSetup;
  useEffect(() => {
    if (!request) return;
    const { id } = request;
    fetchBill(request, setup, selector, (requests) => dispatch({ type: 'actualsProgress', id, requests })).then(
      (answer) => dispatch({ type: 'actualsFetched', id, ...answer }),
      // Shown on the screen, not stderr: a token a service echoed is redacted here.
      (e: unknown) => dispatch({ type: 'actualsFailed', id, error: redact(e instanceof Error ? e.message : String(e)) }),
    );
  }, [request, setup, selector, dispatch]);
}
