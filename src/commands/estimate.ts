import { formatOption } from '../cli/format-option.js';
import { EXIT, UsageError, listOption, type Format, type Io, type ParsedArgs } from '../cli/verb.js';
import type { Estimate } from '../model/estimate.js';
import { formatCsv } from '../format/csv.js';
import { formatJson } from '../format/json.js';
import { formatMarkdown } from '../format/markdown.js';
import { formatTable } from '../format/table.js';
import { projectFile } from './project.js';

export function renderEstimates(estimates: readonly Estimate[], format: Format): string {
  switch (format) {
    case 'json':
      return formatJson(estimates);
    case 'csv':
      return formatCsv(estimates);
    case 'markdown':
      return estimates.map(formatMarkdown).join('\n');
    default:
      return estimates.map(formatTable).join('\n');
  }
}

export function run(args: ParsedArgs, io: Io): number {
  if (args.positionals.length === 0) throw new UsageError('estimate needs at least one SCENARIO file');
  const format = formatOption(args);
  const pricing = listOption(args, 'pricing');
  const estimates = args.positionals.map((f) => projectFile(f, pricing).estimate);
  io.stdout.write(renderEstimates(estimates, format));
  return EXIT.ok;
}
