import { pricesOption } from '../cli/prices-option.js';
import { formatOption } from '../cli/format-option.js';
import { monteCarloOptions } from '../cli/montecarlo-options.js';
import { EXIT, UsageError, listOption, stringOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { budgetVerdict, type BudgetVerdict } from '../engine/budget-check.js';
import { DEFAULT_PERCENTILES } from '../engine/montecarlo.js';
import { assessUncertainty } from '../engine/uncertainty.js';
import { formatCheckJson, formatCheckMarkdown, formatCheckTable } from '../format/check.js';
import { checkAnnotations } from '../format/github-annotations.js';
import { locate } from '../model/yaml-source.js';
import { projectFile } from '../projection.js';
import { warnPlans } from './plan-warnings.js';

/** --percentile: which sampled percentile of a ranged total must fit the budget (p95 by default). */
export function percentileOption(args: ParsedArgs): number {
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
  const format = formatOption(args, ['table', 'json', 'markdown', 'github-annotations']);
  const pricing = listOption(args, 'pricing');
  const percentile = percentileOption(args);
  const sampling = { ...monteCarloOptions(args), percentiles: [...new Set([...DEFAULT_PERCENTILES, percentile])] };
  const checked = args.positionals.map((f) => {
    const p = projectFile(f, pricing, { prices: pricesOption(args) });
    const verdict = budgetVerdict(p.estimate, assessUncertainty(p.loaded.scenario, p.loaded.uncertain, p.book, sampling), percentile);
    return { verdict, loaded: p.loaded, estimate: p.estimate, budgetAt: { file: p.loaded.file, position: locate(p.loaded.source, ['budget'], true) } };
  });
  warnPlans(checked, args, io);
  const verdicts = checked.map((c) => c.verdict);
  // Annotations for the runner to pin on the scenario's budget: line, then the table for whoever reads the log.
  const annotated = (v: readonly BudgetVerdict[]) => [...checkAnnotations(checked), formatCheckTable(v)].join('\n');
  const render = { json: formatCheckJson, markdown: formatCheckMarkdown, table: formatCheckTable, 'github-annotations': annotated }[format];
  io.stdout.write(render(verdicts));
  return verdicts.some((v) => v.over) ? EXIT.budget : EXIT.ok;
}
