import { formatOption } from '../cli/format-option.js';
import { monteCarloOptions } from '../cli/montecarlo-options.js';
import { EXIT, UsageError, listOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { compare } from '../engine/compare.js';
import { assessUncertainty } from '../engine/uncertainty.js';
import { formatComparisonCsv } from '../format/compare/csv.js';
import { formatComparisonJson } from '../format/compare/json.js';
import { formatComparisonMarkdown } from '../format/compare/markdown.js';
import { formatComparisonTable } from '../format/compare/table.js';
import { projectFile } from './project.js';

export function run(args: ParsedArgs, io: Io): number {
  if (args.positionals.length < 2) throw new UsageError('compare needs at least two SCENARIO files (the first is the baseline)');
  const format = formatOption(args);
  const pricing = listOption(args, 'pricing');
  const sampling = monteCarloOptions(args);
  const projections = args.positionals.map((f) => projectFile(f, pricing));
  const estimates = projections.map((p) => p.estimate);
  const uncertainties = projections.map((p) => assessUncertainty(p.loaded.scenario, p.loaded.uncertain, p.book, sampling));
  const comparison = compare(estimates);
  const render = {
    table: () => formatComparisonTable(comparison, estimates, uncertainties),
    markdown: () => formatComparisonMarkdown(comparison, estimates, uncertainties),
    json: () => formatComparisonJson(comparison, estimates, uncertainties),
    csv: () => formatComparisonCsv(comparison),
  }[format];
  io.stdout.write(render());
  return EXIT.ok;
}
