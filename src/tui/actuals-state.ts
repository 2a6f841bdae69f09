import { currencyMismatch } from '../actuals/currency.js';
import { nothingCompared } from '../format/actuals-describe.js';
import { monthRange } from '../actuals/period.js';
import { UsageError } from '../model/errors.js';
import { reconcile, type CostBasis, type Period, type Reconciliation } from '../actuals/reconcile.js';
import { sourceExtras, type SourceResult } from '../actuals/source.js';
import { BILLING_SOURCES, billingSource, sourceList } from '../actuals/sources/index.js';
import type { Decimal } from '../model/decimal.js';
import type { Estimate } from '../model/estimate.js';
import type { Scenario } from '../model/scenario.js';
import type { PeriodBasis } from '../actuals/sources/dialects.js';

/** What `open` was told about actuals (--source, --month, --threshold, --cost, --refresh, --max-scan), and the defaults for what it was not. */
export interface ActualsSetup {
  source?: string;
  month?: string;
  /** Offered when no --month is given: the last month whose bill is final. */
  lastMonth: string;
  threshold: Decimal;
  costBasis: CostBasis;
  /** Fetch even a cached month again (Cost Explorer, BigQuery); the session clears it once a bill arrives. */
  refresh: boolean;
  /** The BigQuery scan cap (--max-scan), bytes; the source's default when not given. */
  maxScan?: Decimal;
  /** How long one fetch may take (--timeout), ms; the source's default when not given. */
  timeoutMs?: number;
  /** A billing file's rows by charge period (default) or by the invoice they are on (--period). */
  period?: PeriodBasis;
  /** The providers compared (--provider); absent: the plan's. */
  providers?: string[];
}

/** One fetch, numbered so an answer that arrives after the user left (or asked again) is dropped. */
export interface ActualsRequest {
  id: number;
  source: string;
  month: string;
}

export type ActualsField = 'source' | 'month';

export interface ActualsReport {
  reconciliation: Reconciliation;
  result: SourceResult;
  /** The plan compared is the edited one, not the saved file's. */
  edited: boolean;
}

export type ActualsView =
  | { step: 'ask'; source: string; month: string; field: ActualsField; problem?: string }
  | { step: 'fetching'; request: ActualsRequest; requests: number }
  | { step: 'shown'; request: ActualsRequest; report: ActualsReport }
  | { step: 'failed'; request: ActualsRequest; error: string };

/** The prompt, filled with what the command line said, else the sample (where it fits) or the last full month. */
export function askView(setup: ActualsSetup, scenario: string, previous?: ActualsRequest): ActualsView {
  const offered = BILLING_SOURCES.find((s) => s.offeredFor?.(scenario))?.name ?? '';
  const source = previous?.source ?? setup.source ?? offered;
  const month = previous?.month ?? setup.month ?? billingSource(source).month ?? setup.lastMonth;
  return { step: 'ask', source, month, field: source ? 'month' : 'source' };
}

/** `a` with both given on the command line skips the prompt. */
export function openView(setup: ActualsSetup, scenario: string, id: number): ActualsView {
  if (setup.source !== undefined && setup.month !== undefined) return fetching({ id, source: setup.source, month: setup.month });
  return askView(setup, scenario);
}

function fetching(request: ActualsRequest): ActualsView {
  return { step: 'fetching', request, requests: 0 };
}

type Ask = Extract<ActualsView, { step: 'ask' }>;

export function typed(view: Ask, text: string): Ask {
  return { ...view, [view.field]: view[view.field] + text, problem: undefined };
}

export function erased(view: Ask): Ask {
  return { ...view, [view.field]: view[view.field].slice(0, -1), problem: undefined };
}

export function nextField(view: Ask): Ask {
  return { ...view, field: view.field === 'source' ? 'month' : 'source' };
}

/** Enter on the prompt: a fetch, or the prompt again saying what is wrong. */
export function submit(view: Ask, id: number): ActualsView {
  const source = view.source.trim();
  if (!source) return { ...view, field: 'source', problem: `say where the bill comes from: ${sourceList((s) => s.spelled, ' or ')}` };
  try {
    monthRange(view.month);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return { ...view, field: 'month', problem: e.message.replace('--month ', 'month ') };
  }
  return fetching({ id, source, month: view.month });
}

export function progressed(view: ActualsView, id: number, requests: number): ActualsView {
  return view.step === 'fetching' && view.request.id === id ? { ...view, requests } : view;
}

export function failed(view: ActualsView, id: number, error: string): ActualsView {
  return view.step === 'fetching' && view.request.id === id ? { step: 'failed', request: view.request, error } : view;
}

/** The fetched bill against the plan as edited now: what the edit would have meant for that month. */
export function fetched(
  view: ActualsView,
  id: number,
  answer: { result: SourceResult; period: Period },
  plan: { scenario: Scenario; estimate: Estimate; edited: boolean },
  setup: Pick<ActualsSetup, 'threshold' | 'costBasis' | 'providers'>,
): ActualsView {
  if (view.step !== 'fetching' || view.request.id !== id) return view;
  const mismatch = currencyMismatch(answer.result.records, plan.estimate.currency);
  if (mismatch) return { step: 'failed', request: view.request, error: mismatch };
  const { result, period } = answer;
  const reconciliation = reconcile(plan.estimate, plan.scenario, result.records, {
    threshold: setup.threshold,
    costBasis: setup.costBasis,
    period,
    ...(setup.providers ? { providers: setup.providers } : {}),
    ...sourceExtras(result),
  });
  const none = nothingCompared(reconciliation, result.records);
  if (none) return { step: 'failed', request: view.request, error: none };
  return { step: 'shown', request: view.request, report: { reconciliation, result, edited: plan.edited } };
}
