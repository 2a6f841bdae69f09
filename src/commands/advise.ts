import { pricesOption } from '../cli/prices-option.js';
import { formatOption } from '../cli/format-option.js';
import { EXIT, UsageError, listOption, stringOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { advise, type Advice } from '../engine/advise/advise.js';
import { formatAdviceJson, formatAdviceMarkdown, formatAdviceTable } from '../format/advise.js';
import { Decimal } from '../model/decimal.js';
import { parseScenario } from '../model/load-scenario.js';
import { money } from '../model/numbers.js';
import { priceLoaded, projectFile, type Projection } from '../projection.js';
import { WriteError, writeAtomic } from '../write-atomic.js';
import { appliedText } from './advise-apply.js';
import { warnPlans } from './plan-warnings.js';

/** --fail-over AMOUNT: dollars a month, e.g. 100 or 100.50. */
function failOver(args: ParsedArgs): Decimal | undefined {
  const text = stringOption(args, 'fail-over');
  if (text === undefined) return undefined;
  const m = /^\s*\$?(\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!m) throw new UsageError(`--fail-over takes an amount in dollars a month, e.g. 100; got ${JSON.stringify(text)}`);
  return new Decimal(m[1]!);
}

function findingNumber(args: ParsedArgs): number | undefined {
  const text = stringOption(args, 'apply');
  if (text === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(text)) throw new UsageError(`--apply takes a finding's number (1, 2, …), got ${JSON.stringify(text)}`);
  return Number(text);
}

/**
 * Write finding K's change into the scenario file, then read the file back and
 * price it: what was written must cost exactly what the finding said, or
 * nothing is written.
 */
function apply(k: number, advice: Advice, projection: Projection, io: Io): void {
  const f = advice.findings[k - 1];
  if (!f) throw new UsageError(`--apply ${k}: there ${advice.findings.length === 1 ? 'is 1 finding' : `are ${advice.findings.length} findings`}`);
  const { file, source } = projection.loaded;
  const text = appliedText(source.text, projection.loaded.scenario, f);
  const written = text === undefined ? undefined : priceLoaded(parseScenario(text, file), projection.book).totals.total;
  if (text === undefined || written === undefined || !written.eq(f.after)) {
    throw new WriteError(`could not write finding ${k} into ${file} faithfully (a layout the splice does not handle); nothing was written: make the change by hand`);
  }
  writeAtomic(file, text);
  io.stderr.write(`applied finding ${k} (${f.subject}) to ${file}: ${money(f.before)} → ${money(written)}/month\n`);
}

export function run(args: ParsedArgs, io: Io): number {
  if (args.positionals.length !== 1) throw new UsageError('advise takes one SCENARIO file');
  const format = formatOption(args, ['table', 'json', 'markdown']);
  const gate = failOver(args);
  const k = findingNumber(args);
  const projection = projectFile(args.positionals[0]!, listOption(args, 'pricing'), { prices: pricesOption(args) });
  warnPlans([projection], args, io);
  const advice = { ...advise(projection.loaded.scenario, projection.book), ranged: projection.loaded.uncertain.length };
  const render = { json: formatAdviceJson, markdown: formatAdviceMarkdown, table: formatAdviceTable }[format];
  io.stdout.write(render(advice));
  if (k !== undefined) apply(k, advice, projection, io);
  // Findings are advice, not an error; with --fail-over a CI job can hold avoidable spend to a ceiling, as check holds the budget.
  const largest = advice.findings[0]?.saving;
  if (gate !== undefined && largest !== undefined && largest.gt(gate)) {
    io.stderr.write(`advise: a finding saves ${largest.toDecimalPlaces(2).toFixed(2)} USD/month, over --fail-over ${gate.toFixed()}\n`);
    return EXIT.budget;
  }
  return EXIT.ok;
}
