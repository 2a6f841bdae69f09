import { pricesOption } from '../cli/prices-option.js';
import { formatOption } from '../cli/format-option.js';
import { monteCarloOptions } from '../cli/montecarlo-options.js';
import { EXIT, FORMATS, UsageError, listOption, stringOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { detail, searchPlacements, type Candidate, type Detailed, type PlaceResult } from '../engine/place-search.js';
import { NoCandidates, spotText, type PlacementOptions, type Purchase } from '../engine/placement.js';
import { Decimal } from '../model/decimal.js';
import { InputError } from '../model/diagnostics.js';
import { PlanError } from '../model/estimate.js';
import { parseScenario } from '../model/load-scenario.js';
import { PROVIDERS, type Provider, type Scenario } from '../model/scenario.js';
import { didYouMean } from '../model/suggest.js';
import { locate } from '../model/yaml-source.js';
import { formatPlaceCsv, formatPlaceJson, formatPlaceMarkdown, formatPlaceTable, type PlaceReport } from '../format/place.js';
import { pricingUsed } from '../format/describe.js';
import { locatePlanError, projectFile, type Projection } from '../projection.js';
import { changedFields, type Value } from '../tui/edits.js';
import { appendedItem, changedOnDisk, scenarioText, staleComments } from '../tui/save.js';
import { writeAtomic } from '../write-atomic.js';
import { progressBar } from './place-progress.js';
import { warnPlans } from './plan-warnings.js';

const DEFAULT_TOP = 10;

/** `--vary nodes.NAME` → the group's index; a wrong one says which groups there are. */
function variedGroups(args: ParsedArgs, p: Projection): number[] {
  const names = (p.loaded.scenario.nodes ?? []).map((n) => n.name);
  const paths = names.map((n) => `nodes.${n}`);
  const vary = listOption(args, 'vary');
  if (vary.length === 0) throw new UsageError(`place needs --vary nodes.NAME (the node group to place)${paths.length ? `; node groups: ${paths.join(', ')}` : '; this scenario has no node groups'}`);
  const out: number[] = [];
  for (const v of vary) {
    const i = v.startsWith('nodes.') ? names.indexOf(v.slice('nodes.'.length)) : -1;
    if (i < 0) {
      const hint = didYouMean(v.startsWith('nodes.') ? v : `nodes.${v}`, paths);
      throw new UsageError(`--vary ${JSON.stringify(v)}: no node group of that name${hint ? `; ${hint}` : ''} (node groups: ${paths.join(', ') || 'none'})`);
    }
    if (out.includes(i)) throw new UsageError(`--vary ${v} is given twice`);
    out.push(i);
  }
  return out;
}

const list = (args: ParsedArgs, name: string) => listOption(args, name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

function money(text: string | undefined, what: string): Decimal | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*\$?(\d+(?:\.\d+)?)\s*$/.exec(text.replace(/,/g, ''));
  if (!m) throw new UsageError(`${what} takes an amount in USD a month, e.g. 25000; got ${JSON.stringify(text)}`);
  return new Decimal(m[1]!);
}

function placementOptions(args: ParsedArgs): PlacementOptions {
  const providers = list(args, 'providers');
  for (const p of providers) {
    if (!(PROVIDERS as readonly string[]).includes(p)) {
      const hint = didYouMean(p, PROVIDERS);
      throw new UsageError(`--providers: unknown provider ${JSON.stringify(p)}${hint ? `; ${hint}` : ''} (one of ${PROVIDERS.join(', ')})`);
    }
  }
  const purchase = stringOption(args, 'purchase');
  if (purchase !== undefined && purchase !== 'on-demand' && purchase !== 'spot') {
    const hint = didYouMean(purchase, ['on-demand', 'spot']);
    throw new UsageError(`--purchase takes on-demand or spot${hint ? `; ${hint}` : ''}; got ${JSON.stringify(purchase)}`);
  }
  const gpu = stringOption(args, 'gpu');
  const memory = stringOption(args, 'min-gpu-memory');
  if (memory !== undefined && !/^\d+(\.\d+)?$/.test(memory.trim())) throw new UsageError(`--min-gpu-memory takes GB per node, e.g. 640; got ${JSON.stringify(memory)}`);
  const same = args.values['same-instance'] === true;
  if (same && (gpu !== undefined || memory !== undefined)) throw new UsageError('--same-instance keeps the instance type: it does not go with --gpu or --min-gpu-memory');
  return {
    match: { ...(same ? { sameInstance: true } : {}), ...(gpu !== undefined ? { gpu } : {}), ...(memory !== undefined ? { minGpuMemory: new Decimal(memory.trim()) } : {}) },
    ...(providers.length ? { providers: providers as Provider[] } : {}),
    regions: list(args, 'regions'),
    exclude: list(args, 'exclude'),
    ...(purchase !== undefined ? { purchase: purchase as Purchase } : {}),
    ...(args.values['fixed-ends'] === true ? { fixedEnds: true } : {}),
  };
}

function whole(text: string | undefined, what: string, fallback: number | 'all'): number | 'all' {
  if (text === undefined) return fallback;
  if (text === 'all') return 'all';
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${what} takes a whole number from 1${what === '--top' ? ' or all' : ''}; got ${JSON.stringify(text)}`);
  return Number(text);
}

/** `--consider-copy storage.NAME` (and `--copy-gb-per-month`): the store to price copied next to each placement. */
function copyOption(args: ParsedArgs, p: Projection): { store: string; refreshGb?: Decimal } | undefined {
  const text = stringOption(args, 'consider-copy');
  const refresh = stringOption(args, 'copy-gb-per-month');
  if (text === undefined) {
    if (refresh !== undefined) throw new UsageError('--copy-gb-per-month goes with --consider-copy storage.NAME');
    return undefined;
  }
  const stores = (p.loaded.scenario.storage ?? []).map((s) => `storage.${s.name}`);
  if (!stores.includes(text)) {
    const hint = didYouMean(text.startsWith('storage.') ? text : `storage.${text}`, stores);
    throw new UsageError(`--consider-copy ${JSON.stringify(text)}: no storage line of that name${hint ? `; ${hint}` : ''} (storage: ${stores.join(', ') || 'none'})`);
  }
  if (refresh !== undefined && !/^\d+(\.\d+)?$/.test(refresh.trim())) throw new UsageError(`--copy-gb-per-month takes GB a month, e.g. 1800; got ${JSON.stringify(refresh)}`);
  return { store: text.slice('storage.'.length), ...(refresh !== undefined ? { refreshGb: new Decimal(refresh.trim()) } : {}) };
}

export function run(args: ParsedArgs, io: Io): number {
  if (args.positionals.length !== 1) throw new UsageError('place takes one SCENARIO file');
  const file = args.positionals[0]!;
  const format = formatOption(args, [...FORMATS]);
  const options = placementOptions(args);
  const maxP95 = money(stringOption(args, 'max-p95'), '--max-p95');
  const top = whole(stringOption(args, 'top'), '--top', DEFAULT_TOP);
  const apply = whole(stringOption(args, 'apply'), '--apply', 0);
  const sampling = monteCarloOptions(args);
  // Every cloud's table: a group may move to any of them.
  const p = projectFile(file, listOption(args, 'pricing'), { allProviders: true, prices: pricesOption(args) });
  const groups = variedGroups(args, p);
  const { loaded, book } = p;
  const copy = copyOption(args, p);

  let result: PlaceResult;
  const bar = format === 'json' ? undefined : progressBar(io);
  try {
    result = searchPlacements({ scenario: loaded.scenario, book, groups, options, ...(bar ? { progress: bar.update } : {}), ...(copy ? { copy } : {}) });
  } catch (e) {
    if (e instanceof NoCandidates) {
      const index = loaded.scenario.nodes!.findIndex((n) => n.name === e.group);
      throw new InputError([{ file: loaded.file, position: locate(loaded.source, ['nodes', index, 'instance']), message: `nodes.${e.group}: ${e.message}`, suggestion: e.suggestion }]);
    }
    if (e instanceof PlanError) throw locatePlanError(e, loaded);
    throw e;
  } finally {
    bar?.done();
  }
  warnPlans([{ loaded, estimate: result.base }], args, io);

  const base = { scenario: loaded.scenario, uncertain: loaded.uncertain, book };
  let ranked: Candidate[] = result.candidates;
  let detailed = new Map<Candidate, Detailed>();
  let baseUncertainty = undefined as PlaceReport['baseUncertainty'];
  const work = (chosen: readonly Candidate[]) => {
    const fresh = chosen.filter((c) => !detailed.has(c));
    if (fresh.length === 0 && (baseUncertainty || loaded.uncertain.length === 0)) return;
    const d = detail(result, fresh, base, sampling);
    baseUncertainty ??= d.baseUncertainty;
    d.candidates.forEach((c, i) => detailed.set(fresh[i]!, c));
  };
  let overBudget = 0;
  if (maxP95) {
    // With ranges the budget holds the p95, which only sampling each candidate tells.
    if (loaded.uncertain.length > 0) work(ranked);
    const p95 = (c: Candidate) => detailed.get(c)?.uncertainty?.monteCarlo.spreads.total.percentiles.get(95) ?? c.totals.total;
    const kept = ranked.filter((c) => p95(c).lte(maxP95));
    overBudget = ranked.length - kept.length;
    // Ranks are the list as printed: --apply N takes the N-th of it.
    const renumbered = new Map<Candidate, Detailed>();
    ranked = kept.map((c, i) => {
      const n = { ...c, rank: i + 1 };
      const d = detailed.get(c);
      if (d) renumbered.set(n, { ...d, rank: i + 1 });
      return n;
    });
    detailed = renumbered;
  }
  if (ranked.length === 0) {
    const index = groups[0]!;
    throw new InputError([
      {
        file: loaded.file,
        position: locate(loaded.source, ['nodes', index]),
        message: maxP95 ? `no placement of ${groups.map((g) => `nodes.${loaded.scenario.nodes![g]!.name}`).join(' and ')} has a p95 within ${maxP95} a month` : 'no placement could be priced',
        suggestion: maxP95 ? 'raise --max-p95, or widen --regions and --providers' : (result.failed[0]?.reason ?? 'widen --regions and --providers'),
      },
    ]);
  }
  if (typeof apply === 'number' && apply > ranked.length) throw new UsageError(`--apply ${apply}: there ${ranked.length === 1 ? 'is 1 placement' : `are ${ranked.length} placements`}; pick one from 1 to ${ranked.length}`);
  const shown = top === 'all' ? ranked : ranked.slice(0, top);
  const chosen = typeof apply === 'number' && apply > 0 ? ranked[apply - 1]! : undefined;
  work(chosen && !shown.includes(chosen) ? [...shown, chosen] : shown);

  const report: PlaceReport = {
    scenario: result.base.scenario,
    groups: groups.map((g) => {
      const n = loaded.scenario.nodes![g]!;
      return { name: n.name, at: spotText({ provider: n.provider, region: n.region, ...(n.zone ? { zone: n.zone } : {}), instance: n.instance, purchase: n.purchase ?? 'on-demand' }) };
    }),
    base: result.base,
    movedBase: result.movedBase.reduce((sum, l) => sum.plus(l.cost), new Decimal(0)),
    ...(baseUncertainty ? { baseUncertainty } : {}),
    shown: shown.map((c) => detailed.get(c)!),
    ranked: ranked.length,
    overBudget,
    failed: result.failed,
    assumptions: result.assumptions,
    pricing: pricingUsed([result.base, ...shown.map((c) => detailed.get(c)!.estimate)]),
    ...(maxP95 ? { maxP95 } : {}),
  };
  const render = { json: formatPlaceJson, csv: formatPlaceCsv, markdown: formatPlaceMarkdown, table: formatPlaceTable }[format];
  io.stdout.write(render(report));
  if (chosen) applyCandidate(p, detailed.get(chosen)!, io);
  return EXIT.ok;
}

/**
 * The candidate as the file's text: its changed values spliced in as the
 * session saves them, and for a copy placement the replica and its refresh
 * appended to their lists. Read back, it must be the candidate's plan.
 */
function candidateText(p: Projection, c: Detailed): string {
  const { loaded } = p;
  const disk = loaded.source.text;
  const written = loaded.scenario;
  // The items the file has: their values change in place; a copy placement's new items come after them.
  const existing: Scenario = {
    ...c.scenario,
    ...(c.scenario.storage ? { storage: c.scenario.storage.slice(0, written.storage?.length ?? 0) } : {}),
    ...(c.scenario.transfers ? { transfers: c.scenario.transfers.slice(0, written.transfers?.length ?? 0) } : {}),
  };
  let text: string | undefined = scenarioText(disk, loaded.file, written, existing);
  for (const section of ['storage', 'transfers'] as const) {
    for (const item of (c.scenario[section] ?? []).slice(written[section]?.length ?? 0)) {
      text = text === undefined ? undefined : appendedItem(text, section, item as unknown as Record<string, Value | undefined>);
    }
  }
  const back = text === undefined ? undefined : parseScenario(text, loaded.file).scenario;
  const same = back && (['storage', 'transfers'] as const).every((k) => (back[k]?.length ?? 0) === (c.scenario[k]?.length ?? 0)) && changedFields(c.scenario, back).length === 0;
  if (!same) throw new InputError([{ file: loaded.file, message: `placement ${c.rank} could not be written into the file faithfully; nothing was written`, suggestion: 'make the change by hand (--format json lists it)' }]);
  return text!;
}

/** Write the candidate into the scenario file as the session saves: only the changed values and new items, comments kept. */
function applyCandidate(p: Projection, c: Detailed, io: Io): void {
  const { loaded } = p;
  const disk = loaded.source.text;
  if (changedOnDisk(loaded.file, disk)) {
    throw new InputError([{ file: loaded.file, message: 'the file changed on disk while place was running; nothing was written', suggestion: 'run place again on the file as it is now' }]);
  }
  writeAtomic(loaded.file, candidateText(p, c));
  const where = c.spots.map((s) => `${s.group} → ${spotText(s)}`).join(', ');
  const copy = c.copy ? ` with ${c.copy.replica} there and its refresh` : '';
  io.stderr.write(`applied placement ${c.rank} to ${loaded.file}: ${where}${copy} (${c.estimate.totals.total.toDecimalPlaces(2).toFixed(2)} USD/month)\n`);
  for (const s of staleComments(disk, loaded.scenario, c.scenario)) {
    io.stderr.write(`  note: line ${s.line}'s comment "${s.comment}" was written for ${s.field} ${s.before}; check it still holds\n`);
  }
}
