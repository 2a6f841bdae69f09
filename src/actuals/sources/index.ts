import type { ActualsSelector } from '../../model/actuals-selector.js';
import type { Decimal } from '../../model/decimal.js';
import { displayPath, InputError, type Diagnostic } from '../../model/diagnostics.js';
import type { LoadedScenario } from '../../model/load-scenario.js';
import { locate } from '../../model/yaml-source.js';
import { money } from '../../model/numbers.js';
import type { CostBasis, Period } from '../reconcile.js';
import { REQUEST_PRICE, type SourceResult } from '../source.js';
import { scanText } from './bigquery-scan.js';
import type { PeriodBasis } from './dialects.js';
import { SAMPLE_MONTH, SAMPLE_SCENARIO, samplePath } from './sample.js';

/** What every billing source is read with: one shape, each source taking what it uses. */
export interface ReadOptions {
  /** As given to --source: a source's name, or a billing file's path. */
  source: string;
  period: Period;
  range: { start: string; end: string };
  selector: ActualsSelector | undefined;
  refresh: boolean;
  /** Default `billed`. `effective` needs a source with an amortized cost; the others refuse it. */
  costBasis?: CostBasis;
  /** Billing files: the rows used in the month (`charge`, default) or those on its invoice (`billing`). */
  periodBasis?: PeriodBasis;
  /** Called as paid requests (Cost Explorer) or jobs (BigQuery) go out, for the progress line. */
  onRequest?: (count: number) => void;
  /** gcp: the most a query may scan (bytes); default DEFAULT_MAX_SCAN. */
  maxScan?: Decimal;
  /** gcp: the dry run's estimate, before the query that costs it runs. */
  onScan?: (bytes: Decimal) => void;
  /** aws, gcp: how long every request of the read together may take (--timeout); default DEFAULT_TIMEOUT_SECONDS.actuals. */
  timeoutMs?: number;
}

/** The read's one deadline, from --timeout or the default; loaded with the source, never at start-up. */
async function deadlineFor(o: ReadOptions) {
  const { Deadline, DEFAULT_TIMEOUT_SECONDS } = await import('../../remote/discipline.js');
  return new Deadline(o.timeoutMs ?? DEFAULT_TIMEOUT_SECONDS.actuals * 1000);
}

/**
 * One billing source: how it is named and offered, what it supports, how its
 * progress reads, and how it is read. The CLI's options, its progress line,
 * the report and the session's actuals view all ask this, never the name.
 */
export interface BillingSource {
  name: 'aws' | 'gcp' | 'sample' | 'file';
  /** How a list of sources names it ("a billing file"). */
  spelled: string;
  /** The one-line help the session's prompt shows. */
  help: string;
  supports: {
    /** `--cost effective`: an amortized cost (a file's only when its layout has one). */
    effectiveCost: boolean;
    /** `--max-scan`: what the cap limits and what the source reads, for the refusal elsewhere. */
    scanLimit?: { caps: string; reads: string };
    /** Each request or job it makes is billed (Cost Explorer $0.01, a BigQuery scan). */
    paidRequests: boolean;
    /** `--period billing`: rows chosen by the invoice they are on (a billing file's billing period column). */
    billingPeriod: boolean;
  };
  /** Why `--cost effective` is refused, when supports.effectiveCost is false. */
  noEffectiveCost?: Diagnostic;
  progress: {
    /** The session's line under the spinner after `n` requests or jobs. */
    detail(n: number): string;
    /** The terminal's progress line as request or job `n` goes out. */
    request?(n: number): string;
    /** What the query will scan, said before it runs. */
    scan?(bytes: Decimal): string;
  };
  /** The only month the source covers (the sample bill), offered by the session. */
  month?: string;
  /** The session offers it first for this scenario. */
  offeredFor?(scenario: string): boolean;
  /** The scenario lacks what this source needs: said against the scenario file, before anything is read. */
  check?(loaded: LoadedScenario): void;
  read(o: ReadOptions): Promise<SourceResult>;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A month a remote source has nothing for is no pass: with no rows every plan line reads as
 * unused, which a loose threshold would let through. Refused (exit 2), saying what was asked
 * and what usually causes it, as a billing file without the month's rows is.
 */
function refuseEmpty(result: SourceResult, o: ReadOptions, where: string, filtered: string | undefined, why: string): SourceResult {
  if (result.records.some((r) => !r.billedCost.isZero() || !r.effectiveCost.isZero() || !r.consumedQuantity.isZero())) return result;
  throw new InputError([
    {
      file: `--source ${o.source}`,
      message: `${where} has no charges for ${o.period.month}${filtered ? ` among the rows the scenario's ${filtered} keeps` : ''}: nothing to compare the plan with`,
      suggestion: why,
    },
  ]);
}
const DUCKDB = 'reading the bill with DuckDB';

const aws: BillingSource = {
  name: 'aws',
  spelled: 'aws',
  help: 'aws (Cost Explorer, $0.01/request)',
  supports: { effectiveCost: true, paidRequests: true, billingPeriod: false },
  progress: {
    detail: (n) => `${plural(n, 'Cost Explorer request')} so far (${money(REQUEST_PRICE.times(n))} at ${money(REQUEST_PRICE)} each)`,
    request: (n) => `fetching actuals… ${plural(n, 'Cost Explorer request')} (${money(REQUEST_PRICE.times(n))})`,
  },
  async read(o) {
    const { readCostExplorer } = await import('./cost-explorer.js');
    const result = await readCostExplorer({
      deadline: await deadlineFor(o),
      range: o.range,
      period: o.period,
      selector: o.selector?.aws,
      refresh: o.refresh,
      ...(o.costBasis ? { costBasis: o.costBasis } : {}),
      ...(o.onRequest ? { onRequest: o.onRequest } : {}),
    });
    const selector = o.selector?.aws;
    const filtered = selector?.tags || selector?.linked_accounts ? 'actuals.aws selector' : undefined;
    return refuseEmpty(result, o, 'Cost Explorer', filtered, `check the month, the account the credentials belong to${filtered ? ' and the selector' : ''}; Cost Explorer shows a day's usage about 24 hours later, and a cost-allocation tag only from when it was activated`);
  },
};

const gcp: BillingSource = {
  name: 'gcp',
  spelled: 'gcp',
  help: 'gcp (BigQuery export)',
  // The BigQuery standard export has cost and credits, but no amortized cost: `--cost effective` is refused, not guessed.
  supports: { effectiveCost: false, scanLimit: { caps: 'the BigQuery scan', reads: 'BigQuery table' }, paidRequests: true, billingPeriod: false },
  noEffectiveCost: {
    file: '--cost effective',
    message: 'the Google Cloud BigQuery standard billing export has no amortized cost column, so --source gcp cannot report the effective (amortized) cost',
    suggestion: 'use --cost billed, or export the bill as FOCUS and pass the file as --source FILE (its EffectiveCost is amortized)',
  },
  progress: {
    detail: (n) => `${plural(n, 'BigQuery job')} so far (a free dry run, then the query)`,
    request: (n) => `querying BigQuery… job ${n} of 2 (${n === 1 ? 'a free dry run' : 'the query'})`,
    scan: (bytes) => `BigQuery will scan ${scanText(bytes)}`,
  },
  check(loaded) {
    if (loaded.scenario.actuals?.gcp?.billing_export) return;
    // The scenario, not the billing source, is what needs fixing: point at it.
    throw new InputError([
      {
        file: loaded.file,
        ...(loaded.scenario.actuals ? { position: locate(loaded.source, ['actuals', 'gcp'], true) } : {}),
        message: '--source gcp needs actuals.gcp.billing_export: the BigQuery dataset the Cloud Billing export writes to',
        suggestion: 'actuals: {gcp: {billing_export: my-billing-project.billing_export}} (add .TABLE, or let tollgate find gcp_billing_export_v1_<ACCOUNT>)',
      },
    ]);
  },
  async read(o) {
    const { readBigQuery } = await import('./bigquery.js');
    const { range, period, refresh, maxScan, onRequest, onScan } = o;
    const result = await readBigQuery({ range, period, selector: o.selector?.gcp, refresh, maxScan, onRequest, onScan, deadline: await deadlineFor(o) });
    const selector = o.selector?.gcp;
    const filtered = selector?.projects || selector?.labels ? 'actuals.gcp selector' : undefined;
    return refuseEmpty(result, o, `the BigQuery export ${selector?.billing_export ?? ''}`.trim(), filtered, `check the month, the export table${filtered ? ' and the selector' : ''}; the Cloud Billing export only holds usage from the day it was enabled, and writes a day's usage within about a day`);
  },
};

const sample: BillingSource = {
  name: 'sample',
  spelled: 'sample',
  help: 'sample',
  supports: { effectiveCost: true, paidRequests: false, billingPeriod: true },
  progress: { detail: () => DUCKDB },
  month: SAMPLE_MONTH,
  offeredFor: (scenario) => scenario === SAMPLE_SCENARIO,
  async read(o) {
    const { readBillingFile } = await import('./focus-file.js');
    const file = samplePath(o.period.month);
    const result = await readBillingFile(file, o.range, o.selector, o.costBasis, { period: o.periodBasis ?? 'charge' });
    return {
      ...result,
      source: `sample bill ${displayPath(file)}`,
      // It was generated for the bundled example only: for any other plan its lines will not match, and it says so.
      notes: ['the sample bill is synthetic (scripts/generate-sample-bill.ts), a month of the bundled example only: not a real invoice'],
    };
  },
};

const file: BillingSource = {
  name: 'file',
  spelled: 'a billing file',
  help: 'a billing file',
  // Whether the file has an amortized cost depends on its layout: the reader refuses when it has none.
  supports: { effectiveCost: true, paidRequests: false, billingPeriod: true },
  progress: { detail: () => DUCKDB },
  async read(o) {
    const { readBillingFile } = await import('./focus-file.js');
    return readBillingFile(o.source, o.range, o.selector, o.costBasis, { period: o.periodBasis ?? 'charge' });
  },
};

/** Every source, in the order lists name them; anything else given to --source is a billing file. */
export const BILLING_SOURCES: readonly BillingSource[] = [aws, gcp, sample, file];

export function billingSource(source: string): BillingSource {
  return BILLING_SOURCES.find((s) => s.name === source && s !== file) ?? file;
}

/** "aws, gcp, sample or a billing file" (`last` joins the final two). */
export function sourceList(what: (s: BillingSource) => string, last: string): string {
  const names = BILLING_SOURCES.map(what);
  return `${names.slice(0, -1).join(', ')}${last}${names.at(-1)}`;
}

/** `--cost effective` from a source without an amortized cost: refused, not guessed. */
export function checkCostBasis(s: BillingSource, costBasis: CostBasis | undefined): void {
  if (costBasis === 'effective' && !s.supports.effectiveCost && s.noEffectiveCost) throw new InputError([s.noEffectiveCost]);
}

/** The month's bill from the source `--source` names; each reader is imported only when asked for, so no SDK loads otherwise. */
export async function readActuals(o: ReadOptions): Promise<SourceResult> {
  const s = billingSource(o.source);
  checkCostBasis(s, o.costBasis);
  return s.read(o);
}
