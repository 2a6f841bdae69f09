import type { Format } from '../cli/help.js';
import { formatCsv } from '../format/csv.js';
import { formatJson } from '../format/json.js';
import { formatMarkdown } from '../format/markdown.js';
import { formatTable } from '../format/table.js';
import { projectFile } from './project.js';

export function runEstimate(files: readonly string[], opts: { format: Format; pricing: readonly string[] }): string {
  const estimates = files.map((f) => projectFile(f, opts.pricing).estimate);
  switch (opts.format) {
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
