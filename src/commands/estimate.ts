import { pricesOption } from '../cli/prices-option.js';
import { writeChunks } from '../cli/write-chunks.js';
import { formatOption } from '../cli/format-option.js';
import { monteCarloOptions } from '../cli/montecarlo-options.js';
import { EXIT, FORMATS, UsageError, listOption, type Format, type Io, type ParsedArgs } from '../cli/verb.js';
import type { Estimate } from '../model/estimate.js';
import { assessPlans, type Uncertainty } from '../engine/uncertainty.js';
import { formatJsonChunks } from '../format/json.js';
import { formatMarkdown } from '../format/markdown.js';
import { formatTable } from '../format/table.js';
import { uncertaintyJson, uncertaintyMarkdown, uncertaintyTable } from '../format/uncertainty.js';
import { projectFile } from '../projection.js';
import { warnPlans } from './plan-warnings.js';

/**
 * `uncertainties[i]` is estimate i's sampled spread, when its scenario has ranges. JSON comes in pieces (a huge plan's is past one string).
 * CSV and HTML load their writers only when asked for: the other formats' start-up does not pay for them.
 */
export async function renderEstimates(estimates: readonly Estimate[], format: Format, uncertainties: readonly (Uncertainty | undefined)[] = []): Promise<Iterable<string>> {
  const with_ = <T>(i: number, f: (e: Estimate, u: Uncertainty) => T) => (uncertainties[i] ? f(estimates[i]!, uncertainties[i]!) : undefined);
  switch (format) {
    case 'json':
      return formatJsonChunks(estimates, estimates.map((_, i) => with_(i, (e, u) => ({ uncertainty: uncertaintyJson(e, u) }))));
    case 'csv':
      return [(await import('../format/csv.js')).formatCsv(estimates, uncertainties)];
    case 'html':
      return [(await import('../format/html/estimate.js')).formatEstimateHtml(estimates, uncertainties)];
    case 'markdown':
      return [estimates.map((e, i) => formatMarkdown(e, with_(i, uncertaintyMarkdown))).join('\n')];
    default:
      return [estimates.map((e, i) => formatTable(e, with_(i, uncertaintyTable))).join('\n')];
  }
}

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positionals.length === 0) throw new UsageError('estimate needs at least one SCENARIO file');
  const format = formatOption(args, [...FORMATS, 'html']);
  const pricing = listOption(args, 'pricing');
  const sampling = monteCarloOptions(args);
  const projections = args.positionals.map((f) => projectFile(f, pricing, { prices: pricesOption(args) }));
  const uncertainties = assessPlans(projections.map((p) => ({ ...p.loaded, book: p.book })), sampling);
  warnPlans(projections, args, io);
  await writeChunks(io.stdout, await renderEstimates(projections.map((p) => p.estimate), format, uncertainties));
  return EXIT.ok;
}
