import { formatOption } from '../cli/format-option.js';
import { EXIT, UsageError, listOption, stringOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { advise } from '../engine/advise/advise.js';
import { formatAdviceJson, formatAdviceMarkdown, formatAdviceTable } from '../format/advise.js';
import { Decimal } from '../model/decimal.js';
import { projectFile } from '../projection.js';
import { warnIfStale } from './stale-pricing.js';

/** --fail-over AMOUNT: dollars a month, e.g. 100 or 100.50. */
function failOver(args: ParsedArgs): Decimal | undefined {
  const text = stringOption(args, 'fail-over');
  if (text === undefined) return undefined;
  const m = /^\s*\$?(\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!m) throw new UsageError(`--fail-over takes an amount in dollars a month, e.g. 100; got ${JSON.stringify(text)}`);
  return new Decimal(m[1]!);
}

export function run(args: ParsedArgs, io: Io): number {
  if (args.positionals.length !== 1) throw new UsageError('advise takes one SCENARIO file');
  const format = formatOption(args, ['table', 'json', 'markdown']);
  const gate = failOver(args);
  const projection = projectFile(args.positionals[0]!, listOption(args, 'pricing'));
  warnIfStale([projection.estimate], args, io);
  const advice = advise(projection.loaded.scenario, projection.book);
  const render = { json: formatAdviceJson, markdown: formatAdviceMarkdown, table: formatAdviceTable }[format];
  io.stdout.write(render(advice));
  // Findings are advice, not an error; with --fail-over a CI job can hold avoidable spend to a ceiling, as check holds the budget.
  const largest = advice.findings[0]?.saving;
  if (gate !== undefined && largest !== undefined && largest.gt(gate)) {
    io.stderr.write(`advise: a finding saves ${largest.toDecimalPlaces(2).toFixed(2)} USD/month, over --fail-over ${gate.toFixed()}\n`);
    return EXIT.budget;
  }
  return EXIT.ok;
}
