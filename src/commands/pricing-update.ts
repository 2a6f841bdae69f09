import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatOption } from '../cli/format-option.js';
import { EXIT, UsageError, listOption, stringOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { changeJson, diffTable } from '../format/pricing-diff.js';
import { PROVIDERS, type Provider } from '../model/scenario.js';
import { didYouMean, listSome } from '../model/suggest.js';
import { diffTables } from '../pricing/diff.js';
import { displayPath } from '../model/diagnostics.js';
import { bundledPricingDir, readPricingFile } from '../pricing/load.js';
import { refreshTable } from '../pricing/update/live.js';
import { cloud, offerFileClouds } from '../providers/index.js';
import { progressLine } from './pricing-progress.js';
import { timeoutOption } from '../cli/timeout-option.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../remote/discipline.js';
import { checkWritable, writeAtomic } from '../write-atomic.js';
import { confirm } from '../cli/confirm.js';
import { PricingApiError } from '../pricing/update/errors.js';
import { lostRates, lostRatesText } from '../pricing/update/guard.js';

function providerArg(args: ParsedArgs): Provider {
  const [p, ...rest] = args.positionals;
  if (p === undefined) throw new UsageError(`pricing update needs a provider: ${PROVIDERS.join(', ')}`);
  if (rest.length) throw new UsageError('pricing update refreshes one provider at a time');
  if ((PROVIDERS as readonly string[]).includes(p)) return p as Provider;
  const hint = didYouMean(p, PROVIDERS);
  throw new UsageError(`unknown provider ${JSON.stringify(p)}${hint ? `; ${hint}` : ''} (one of ${PROVIDERS.join(', ')})`);
}

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  if (args.values.all === true) return (await import('./pricing-update-all.js')).runAll(args, io);
  const provider = providerArg(args);
  const format = formatOption(args, ['table', 'json']);
  const bundled = join(bundledPricingDir(), `${provider}.yaml`);
  const out = stringOption(args, 'out');
  const write = args.values.write === true;
  if (!out && !write) throw new UsageError(`say where to write: --out FILE, or --write to overwrite ${displayPath(bundled)}`);
  if (out && write) throw new UsageError('give --out FILE or --write, not both');
  const target = out ? resolve(out) : bundled;
  if (out && target === bundled) throw new UsageError(`--out names the bundled table; use --write to overwrite ${displayPath(bundled)}`);
  const inputs = listOption(args, 'input');
  if (inputs.length && !cloud(provider).prices.offerFiles) throw new UsageError(`--input (a bulk offer file) is only for ${offerFileClouds()}`);

  // An existing --out file is refreshed in place (its comments and overrides kept); otherwise the bundled table is the base.
  const base = existsSync(target) ? target : bundled;
  const { table } = readPricingFile(base);
  if (table.provider !== provider) throw new UsageError(`${displayPath(base)} is a ${table.provider} table, not ${provider}`);
  const listed = Object.keys(table.regions ?? {});
  const regions = stringOption(args, 'regions')?.split(',').map((r) => r.trim()).filter(Boolean) ?? listed;
  const unknown = regions.filter((r) => !listed.includes(r));
  if (unknown.length) {
    throw new UsageError(`${unknown.join(', ')} not listed in ${displayPath(base)} (listed: ${listSome(listed)}); add a region under regions: with its continent first`);
  }

  // Before any API call: a table that cannot be written is said now, not after minutes of fetching.
  const { readOnly } = checkWritable(target);
  if (readOnly && !(await confirm(io, `${displayPath(target)} is read-only; overwrite it?`))) {
    throw new UsageError(`${displayPath(target)} is read-only; not overwritten (make it writable, or use --out FILE)`);
  }
  const onProgress = format === 'json' ? undefined : progressLine(io);
  const { fetch: result, merged, asOf } = await refreshTable(base, table, { regions, inputs, onProgress, timeoutMs: timeoutOption(args, DEFAULT_TIMEOUT_SECONDS.pricing) });
  if (onProgress) io.stderr.write('\r\x1b[K');
  const changes = diffTables(table, merged.table);
  const lost = lostRates(changes);
  if (lost.length && args.values.force !== true) throw new PricingApiError(lostRatesText(lost));
  writeAtomic(target, merged.text, { readOnly: readOnly ? 'replace' : 'refuse' });
  const sides = { provider, old: { file: displayPath(base), as_of: table.as_of }, new: { file: displayPath(target), as_of: asOf } };

  if (format === 'json') {
    const body = {
      provider,
      file: displayPath(target),
      as_of: asOf,
      source: result.source,
      seen: result.seen,
      changes: changes.map(changeJson),
      kept: merged.kept,
      notes: merged.notes,
    };
    io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = [`wrote ${displayPath(target)}: ${provider} prices as of ${asOf} from ${result.source} (${result.seen} ${cloud(provider).prices.seen} read)`, '', diffTable(changes, sides).trimEnd()];
  if (merged.kept.length) lines.push('', `kept as written (marked # override): ${merged.kept.join(', ')}`);
  if (merged.notes.length) lines.push('', 'notes:', ...merged.notes.map((n) => `- ${n}`));
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
