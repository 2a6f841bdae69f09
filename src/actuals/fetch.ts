import { isAbsolute, relative } from 'node:path';
import type { ActualsSelector } from '../model/actuals-selector.js';
import type { Decimal } from '../model/decimal.js';
import type { CostBasis, Period } from './reconcile.js';
import type { SourceResult } from './source.js';
import { InputError } from '../model/diagnostics.js';

/** The BigQuery standard export has cost and credits, but no amortized cost: `--cost effective` is refused, not guessed. */
export function gcpEffectiveError(): InputError {
  return new InputError([
    {
      file: '--cost effective',
      message: 'the Google Cloud BigQuery standard billing export has no amortized cost column, so --source gcp cannot report the effective (amortized) cost',
      suggestion: 'use --cost billed, or export the bill as FOCUS and pass the file as --source FILE (its EffectiveCost is amortized)',
    },
  ]);
}

export interface FetchOptions {
  source: string;
  period: Period;
  range: { start: string; end: string };
  selector: ActualsSelector | undefined;
  refresh: boolean;
  /** Default `billed`. `effective` needs a source with an amortized cost; the others refuse it. */
  costBasis?: CostBasis;
  /** Called as paid requests (Cost Explorer) or jobs (BigQuery) go out, for the progress line. */
  onRequest?: (count: number) => void;
  /** gcp: the most a query may scan (bytes); default DEFAULT_MAX_SCAN. */
  maxScan?: Decimal;
  /** gcp: the dry run's estimate, before the query that costs it runs. */
  onScan?: (bytes: Decimal) => void;
}

/** `--source` → the billing source; each is imported only when asked for, so no SDK loads otherwise. */
export async function fetchActuals(o: FetchOptions): Promise<SourceResult> {
  switch (o.source) {
    case 'sample': {
      const [{ samplePath }, { readBillingFile }] = await Promise.all([import('./sources/sample.js'), import('./sources/focus-file.js')]);
      const file = samplePath(o.period.month);
      const result = await readBillingFile(file, o.range, o.selector, o.costBasis);
      return {
        ...result,
        source: `sample bill ${displayPath(file)}`,
        // It was generated for the bundled example only: for any other plan its lines will not match, and it says so.
        notes: ['the sample bill is synthetic (scripts/generate-sample-bill.ts), a month of the bundled example only: not a real invoice'],
      };
    }
    case 'aws': {
      const { readCostExplorer } = await import('./sources/cost-explorer.js');
      return readCostExplorer({
        range: o.range,
        period: o.period,
        selector: o.selector?.aws,
        refresh: o.refresh,
        ...(o.costBasis ? { costBasis: o.costBasis } : {}),
        ...(o.onRequest ? { onRequest: o.onRequest } : {}),
      });
    }
    case 'gcp': {
      if (o.costBasis === 'effective') throw gcpEffectiveError();
      const { readBigQuery } = await import('./sources/bigquery.js');
      const { range, period, refresh, maxScan, onRequest, onScan } = o;
      return readBigQuery({ range, period, selector: o.selector?.gcp, refresh, maxScan, onRequest, onScan });
    }
    default: {
      const { readBillingFile } = await import('./sources/focus-file.js');
      return readBillingFile(o.source, o.range, o.selector, o.costBasis);
    }
  }
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}
