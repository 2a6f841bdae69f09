import { pricesOption } from '../cli/prices-option.js';
import { formatOption } from '../cli/format-option.js';
import { monteCarloOptions } from '../cli/montecarlo-options.js';
import { EXIT, FORMATS, UsageError, listOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { compare } from '../engine/compare.js';
import { chanceCheaper } from '../engine/paired.js';
import { assessPlans } from '../engine/uncertainty.js';
import { formatComparisonCsv } from '../format/compare/csv.js';
import { formatComparisonJson } from '../format/compare/json.js';
import { formatComparisonMarkdown } from '../format/compare/markdown.js';
import { formatComparisonTable } from '../format/compare/table.js';
import { formatComparisonHtml } from '../format/html/compare.js';
import { projectFile } from '../projection.js';
import { warnPlans } from './plan-warnings.js';

export function run(args: ParsedArgs, io: Io): number {
  if (args.positionals.length < 2) throw new UsageError('compare needs at least two SCENARIO files (the first is the baseline)');
  const format = formatOption(args, [...FORMATS, 'html']);
  const pricing = listOption(args, 'pricing');
  const sampling = monteCarloOptions(args);
  const projections = args.positionals.map((f) => projectFile(f, pricing, { prices: pricesOption(args) }));
  const estimates = projections.map((p) => p.estimate);
  warnPlans(projections, args, io);
  // A spot group's interruptions are sampled beside the plans' ranges, or alone when --samples or
  // --seed asks for sampling (as estimate --samples does); otherwise, with no range anywhere, the
  // comparison stays the point figures.
  const asked = sampling.samples !== undefined || sampling.seed !== undefined;
  const ranged = asked || projections.some((p) => p.loaded.uncertain.some((u) => !u.interruptions));
  const uncertainties = assessPlans(projections.map((p) => ({ ...p.loaded, uncertain: ranged ? p.loaded.uncertain : [], book: p.book })), sampling);
  const comparison = compare(estimates);
  // One seed and sample count for every scenario: sample k of each is the same draw of what they share.
  const sampled = { uncertainties, cheaper: chanceCheaper(estimates, uncertainties) };
  const render = {
    table: () => formatComparisonTable(comparison, estimates, sampled),
    markdown: () => formatComparisonMarkdown(comparison, estimates, sampled),
    json: () => formatComparisonJson(comparison, estimates, sampled),
    csv: () => formatComparisonCsv(comparison, estimates, sampled),
    html: () => formatComparisonHtml(comparison, estimates, sampled),
  }[format];
  io.stdout.write(render());
  return EXIT.ok;
}
