import { formatOption } from '../cli/format-option.js';
import { timeoutOption } from '../cli/timeout-option.js';
import { EXIT, UsageError, stringOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { displayPath } from '../model/diagnostics.js';
import { ServiceError } from '../model/errors.js';
import { PROVIDERS, type Provider } from '../model/scenario.js';
import { didYouMean } from '../model/suggest.js';
import { buildCatalog, type BuildResult } from '../pricing/cache/build.js';
import { pricingCacheDir } from '../pricing/cache/files.js';
import { Deadline, DEFAULT_TIMEOUT_SECONDS } from '../remote/discipline.js';
import { WriteError } from '../write-atomic.js';
import { progressLine } from './pricing-progress.js';

/**
 * What the build does not read yet, said every time so a user does not take the bundled commitment rates for
 * fresh ones (AWS says what it did with spot prices in its own notes: read, or not for want of credentials).
 */
const NOT_READ: Partial<Record<Provider, string>> = {
  azure: 'reservation prices (priceType Reservation) are not read by this build: commitment rates stay the bundled table\'s',
  gcp: 'committed-use discounts are not read by this build: commitment rates stay the bundled table\'s',
};

const notesOf = (b: BuildResult) => [...b.notes, ...(NOT_READ[b.provider] ? [NOT_READ[b.provider]!] : [])];

function providersArg(args: ParsedArgs): Provider[] {
  if (!args.positionals.length) return [...PROVIDERS];
  return args.positionals.map((p) => {
    if ((PROVIDERS as readonly string[]).includes(p)) return p as Provider;
    const hint = didYouMean(p, PROVIDERS);
    throw new UsageError(`unknown provider ${JSON.stringify(p)}${hint ? `; ${hint}` : ''} (one of ${PROVIDERS.join(', ')})`);
  });
}

/**
 * `pricing update --all [PROVIDER...]`: every provider's full catalog from
 * its public bulk source into the user's cache, where every verb that prices
 * a plan, and pricing show, finds it. One provider failing does not stop
 * the others; its finished parts are kept for the next run.
 */
export async function runAll(args: ParsedArgs, io: Io): Promise<number> {
  const format = formatOption(args, ['table', 'json']);
  for (const option of ['out', 'write', 'input'] as const) {
    if (args.values[option] !== undefined) throw new UsageError(`--all builds the cached catalog; --${option} is for refreshing one table (pricing update aws|gcp|azure)`);
  }
  const providers = providersArg(args);
  const regions = stringOption(args, 'regions')?.split(',').map((r) => r.trim()).filter(Boolean);
  const deadline = new Deadline(timeoutOption(args, DEFAULT_TIMEOUT_SECONDS.catalog));
  const dir = pricingCacheDir(process.env);
  const line = format === 'json' ? undefined : progressLine(io);
  let step = '';
  const onProgress = line && ((p: Parameters<typeof line>[0]) => line({ ...p, query: `${step}${p.query}` }));

  const built: BuildResult[] = [];
  const failed: { provider: Provider; error: string }[] = [];
  for (const provider of providers) {
    try {
      const result = await buildCatalog(provider, {
        dir,
        env: process.env,
        deadline,
        onProgress,
        onPart: (part, i, total, resumed) => {
          step = `${provider} [${i + 1}/${total}] `;
          if (resumed) onProgress?.({ query: `${part.what} (kept from an earlier run)`, pages: 0, seen: 0 });
        },
        regions,
        force: args.values.force === true,
      });
      built.push(result);
    } catch (e) {
      // Each provider's failure is its own: the others are still built.
      if (!(e instanceof ServiceError) && !(e instanceof WriteError)) throw e;
      failed.push({ provider, error: e.message });
    }
  }
  if (line) io.stderr.write('\r\x1b[K');

  if (format === 'json') {
    const body = {
      cache: displayPath(dir),
      built: built.map((b) => ({
        provider: b.provider,
        file: displayPath(b.file),
        as_of: b.as_of,
        source: b.source,
        parts: { fetched: b.fetched, kept_from_earlier_run: b.resumed },
        items: b.items,
        regions: b.regions,
        added_regions: b.added,
        changed_rates: b.changes.length,
        notes: notesOf(b),
      })),
      failed,
    };
    io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  } else {
    const lines: string[] = [];
    for (const b of built) {
      const kept = b.resumed ? `, ${b.resumed} kept from an earlier run` : '';
      const added = b.added.length ? ` (${b.added.length} not in the bundled table: ${b.added.join(', ')})` : '';
      lines.push(`${b.provider}: wrote ${displayPath(b.file)}: prices as of ${b.as_of} from ${b.source}`);
      lines.push(`  ${b.regions} regions${added}; ${b.fetched} part${b.fetched === 1 ? '' : 's'} fetched${kept}, ${b.items} items read; ${b.changes.length} rate${b.changes.length === 1 ? '' : 's'} differ from the bundled table`);
      for (const n of notesOf(b)) lines.push(`  - ${n}`);
    }
    for (const f of failed) lines.push(`${f.provider}: not built: ${f.error}`);
    if (built.length) lines.push('', 'estimate, compare, check, place, advise, actuals, open and pricing show now use these catalogs (and say so); --prices bundled uses the bundled tables.');
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  if (failed.length && format !== 'json') io.stderr.write(`tollgate: pricing update --all: ${failed.map((f) => f.provider).join(', ')} not built (see above)\n`);
  return failed.length ? EXIT.internal : EXIT.ok;
}
