import { pricesOption } from '../cli/prices-option.js';
import { clockNow } from '../clock.js';
import { currencyMismatch } from '../actuals/currency.js';
import { coveredRange, periodAt } from '../actuals/period.js';
import { reconcile } from '../actuals/reconcile.js';
import { actualsOptions } from '../cli/actuals-options.js';
import { sourceExtras } from '../actuals/source.js';
import { billingSource, readActuals } from '../actuals/sources/index.js';
import type { Decimal } from '../model/decimal.js';
import { formatOption } from '../cli/format-option.js';
import { locate } from '../model/yaml-source.js';
import { EXIT, FORMATS, UsageError, listOption, stringOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { formatActualsCsv } from '../format/actuals-csv.js';
import { nothingCompared } from '../format/actuals-describe.js';
import { formatActualsJson } from '../format/actuals-json.js';
import { formatActualsMarkdown } from '../format/actuals-markdown.js';
import { formatActualsTable } from '../format/actuals-table.js';
import { formatActualsHtml } from '../format/html/actuals.js';
import { actualsAnnotations } from '../format/github-annotations.js';
import { projectFile } from '../projection.js';
import { warnPlans } from './plan-warnings.js';

function required(args: ParsedArgs, name: string, example: string): string {
  const v = stringOption(args, name);
  if (v === undefined) throw new UsageError(`actuals needs --${name} (e.g. --${name} ${example})`);
  return v;
}

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positionals.length !== 1) throw new UsageError('actuals takes exactly one SCENARIO file');
  const month = required(args, 'month', '2026-10');
  const source = required(args, 'source', 'sample');
  const format = formatOption(args, [...FORMATS, 'html', 'github-annotations']);
  const { threshold, costBasis, refresh, maxScan, timeoutMs, period: periodBasis, providers } = actualsOptions(args);
  // Checked by actualsOptions: a month that is not YYYY-MM or has not begun is a usage error already.
  const period = periodAt(month, clockNow());
  const { loaded, estimate } = projectFile(args.positionals[0]!, listOption(args, 'pricing'), { prices: pricesOption(args) });
  warnPlans([{ loaded, estimate }], args, io);
  const from = billingSource(source);
  from.check?.(loaded);
  // Progress goes to a terminal only, and never with JSON: scripts read stdout and stderr.
  const progress = (io.stderr as { isTTY?: boolean }).isTTY === true && format !== 'json';
  const status = (text: string) => progress && io.stderr.write(`\r\x1b[K⠿ ${text}`);
  status(`reading actuals (${source})…`);
  let result;
  try {
    result = await readActuals({
      source,
      period,
      range: coveredRange(period),
      selector: loaded.scenario.actuals,
      refresh,
      costBasis,
      maxScan,
      periodBasis,
      timeoutMs,
      onRequest: (n: number) => from.progress.request && status(from.progress.request(n)),
      // The price of the query, said before it runs; a line of its own, kept in the log (not with JSON: scripts read stderr too).
      onScan: (bytes: Decimal) => format !== 'json' && from.progress.scan && io.stderr.write(`${progress ? '\r\x1b[K' : ''}tollgate: ${from.progress.scan(bytes)}\n`),
    });
  } finally {
    if (progress) io.stderr.write('\r\x1b[K');
  }
  const mismatch = currencyMismatch(result.records, estimate.currency);
  if (mismatch) {
    io.stderr.write(`tollgate: actuals: ${mismatch}\n`);
    return EXIT.input;
  }
  const r = reconcile(estimate, loaded.scenario, result.records, { threshold, period, costBasis, ...(providers ? { providers } : {}), ...sourceExtras(result) });
  const none = nothingCompared(r, result.records);
  if (none) {
    io.stderr.write(`tollgate: actuals: ${none}\n`);
    return EXIT.input;
  }
  switch (format) {
    case 'json':
      io.stdout.write(formatActualsJson(r, result));
      break;
    case 'csv':
      io.stdout.write(formatActualsCsv(r));
      break;
    case 'markdown':
      io.stdout.write(formatActualsMarkdown(r, result));
      break;
    case 'html':
      io.stdout.write(formatActualsHtml(r, result));
      break;
    case 'github-annotations':
      // Annotations on the scenario lines that are over, then the table for whoever reads the log.
      for (const a of actualsAnnotations(r, loaded.file, (ref) => locate(loaded.source, ref))) io.stdout.write(`${a}\n`);
      io.stdout.write(formatActualsTable(r, result));
      break;
    default:
      io.stdout.write(formatActualsTable(r, result));
  }
  return r.over ? EXIT.variance : EXIT.ok;
}
