import { fetchActuals } from '../actuals/fetch.js';
import { ActualsArgumentError, coveredRange, parseThreshold, periodAt } from '../actuals/period.js';
import { reconcile } from '../actuals/reconcile.js';
import { SourceError } from '../actuals/source.js';
import { formatOption } from '../cli/format-option.js';
import { EXIT, UsageError, listOption, stringOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { formatActualsCsv } from '../format/actuals-csv.js';
import { formatActualsJson } from '../format/actuals-json.js';
import { formatActualsMarkdown } from '../format/actuals-markdown.js';
import { formatActualsTable } from '../format/actuals-table.js';
import { projectFile } from './project.js';

function required(args: ParsedArgs, name: string, example: string): string {
  const v = stringOption(args, name);
  if (v === undefined) throw new UsageError(`actuals needs --${name} (e.g. --${name} ${example})`);
  return v;
}

/** `TOLLGATE_NOW` pins the clock (tests, reproducing a past run); otherwise the real date decides if the month is over. */
function now(): Date {
  const pinned = process.env.TOLLGATE_NOW;
  return pinned ? new Date(pinned) : new Date();
}

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positionals.length !== 1) throw new UsageError('actuals takes exactly one SCENARIO file');
  const month = required(args, 'month', '2026-10');
  const source = required(args, 'source', 'sample');
  const format = formatOption(args);
  let period, threshold;
  try {
    threshold = parseThreshold(stringOption(args, 'threshold') ?? '10%');
    period = periodAt(month, now());
  } catch (e) {
    if (e instanceof ActualsArgumentError) throw new UsageError(e.message);
    throw e;
  }
  const { loaded, estimate } = projectFile(args.positionals[0]!, listOption(args, 'pricing'));
  // Progress goes to a terminal only, and never with JSON: scripts read stdout and stderr.
  const progress = io.stderr && (io.stderr as { isTTY?: boolean }).isTTY && format !== 'json';
  let result;
  try {
    result = await fetchActuals({
      source,
      period,
      range: coveredRange(period),
      selector: loaded.scenario.actuals,
      refresh: args.values.refresh === true,
      ...(progress ? { onRequest: (n: number) => io.stderr.write(`\r⠿ fetching actuals… ${n} request${n === 1 ? '' : 's'}`) } : {}),
    });
  } catch (e) {
    if (e instanceof SourceError) {
      io.stderr.write(`${progress ? '\n' : ''}tollgate: actuals: ${e.message}\n`);
      return EXIT.internal;
    }
    throw e;
  }
  if (progress && result.requests) io.stderr.write('\n');
  const foreign = result.records.find((x) => x.billingCurrency !== '' && x.billingCurrency !== estimate.currency);
  if (foreign) {
    io.stderr.write(`tollgate: actuals: the bill is in ${foreign.billingCurrency}, the projection in ${estimate.currency}; tollgate does not convert currencies\n`);
    return EXIT.input;
  }
  const r = reconcile(estimate, loaded.scenario, result.records, { threshold, period, ...(result.forecast ? { forecast: result.forecast } : {}) });
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
    default:
      io.stdout.write(formatActualsTable(r, result));
  }
  return r.over ? EXIT.variance : EXIT.ok;
}
