import { formatOption } from '../cli/format-option.js';
import { monteCarloOptions } from '../cli/montecarlo-options.js';
import { EXIT, UsageError, listOption, stringOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { budgetVerdict } from '../engine/budget-check.js';
import { DEFAULT_PERCENTILES } from '../engine/montecarlo.js';
import { assessUncertainty } from '../engine/uncertainty.js';
import { formatCheckJson, formatCheckMarkdown, formatCheckTable } from '../format/check.js';
import { projectFile } from '../projection.js';
import { warnIfStale } from './stale-pricing.js';

function percentileOption(args: ParsedArgs): number {
  const text = stringOption(args, 'percentile');
  if (text === undefined) return 95;
  const m = /^p?(\d{1,2})$/i.exec(text.trim());
  const n = m ? Number(m[1]) : NaN;
  if (!(n >= 1 && n <= 99)) throw new UsageError(`--percentile must be p1 … p99 (e.g. p95 or 90), got ${JSON.stringify(text)}`);
  return n;
}

/** The budget gate for CI: exit 3 when any scenario's projection (its chosen percentile, with ranges) exceeds its budget. */
export function run(args: ParsedArgs, io: Io): number {
  if (args.positionals.length === 0) throw new UsageError('check needs at least one SCENARIO file');
  const format = formatOption(args, ['table', 'json', 'markdown']);
  const pricing = listOption(args, 'pricing');
  const percentile = percentileOption(args);
  const sampling = { ...monteCarloOptions(args), percentiles: [...new Set([...DEFAULT_PERCENTILES, percentile])] };
  const projections = args.positionals.map((f) => projectFile(f, pricing));
  warnIfStale(projections.map((p) => p.estimate), args, io);
  const verdicts = projections.map((p) =>
    budgetVerdict(p.estimate, assessUncertainty(p.loaded.scenario, p.loaded.uncertain, p.book, sampling), percentile),
  );
  const render = { json: formatCheckJson, markdown: formatCheckMarkdown, table: formatCheckTable, csv: formatCheckTable }[format];
  io.stdout.write(render(verdicts));
  return verdicts.some((v) => v.over) ? EXIT.budget : EXIT.ok;
}
