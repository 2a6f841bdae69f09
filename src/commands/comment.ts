import { pricesOption } from '../cli/prices-option.js';
import { relative } from 'node:path';
import { monteCarloOptions } from '../cli/montecarlo-options.js';
import { EXIT, UsageError, listOption, stringOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { loadAtRevision } from '../comment/base-version.js';
import { commentBody, type ScenarioChange } from '../comment/body.js';
import { BEHAVIORS, FORGES, post, type Behavior, type ForgeName } from '../comment/forge.js';
import { forgeFor } from '../comment/forges/index.js';
import { http } from '../comment/http.js';
import { timeoutOption } from '../cli/timeout-option.js';
import { DEFAULT_TIMEOUT_SECONDS, Deadline } from '../remote/discipline.js';
import { requireForPosting, resolveTarget } from '../comment/target.js';
import { budgetVerdict } from '../engine/budget-check.js';
import { DEFAULT_PERCENTILES } from '../engine/montecarlo.js';
import { assessUncertainty } from '../engine/uncertainty.js';
import { didYouMean } from '../model/suggest.js';
import { percentileOption } from './check.js';
import { projectFile, projectLoaded, type Projection } from '../projection.js';
import { warnPlans } from './plan-warnings.js';

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], what: string, fallback?: T): T {
  if (value === undefined && fallback) return fallback;
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  const hint = value === undefined ? undefined : didYouMean(value, allowed);
  throw new UsageError(`${what} must be one of ${allowed.join(', ')}${value === undefined ? '' : `, got ${JSON.stringify(value)}`}${hint ? `; ${hint}` : ''}`);
}

/** Post the compare (base branch → working tree) and check result of each scenario as one pull request comment. */
export async function run(args: ParsedArgs, io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [forgeName, ...files] = args.positionals;
  const forge = oneOf<ForgeName>(forgeName, FORGES, 'comment FORGE');
  if (files.length === 0) throw new UsageError(`comment ${forge} needs at least one SCENARIO file`);
  const behavior = oneOf<Behavior>(stringOption(args, 'behavior'), BEHAVIORS, '--behavior', 'update');
  const failOverBudget = oneOf(stringOption(args, 'on-over-budget'), ['fail', 'comment'] as const, '--on-over-budget', 'fail') === 'fail';
  const target = resolveTarget(forge, { repo: stringOption(args, 'repo'), request: stringOption(args, 'pull-request'), base: stringOption(args, 'base-ref') }, env);
  if (!target.base) throw new UsageError(`comment ${forge} needs the base to compare against: --base-ref REF (in CI it comes from the job's environment)`);
  const base = target.base;
  const dryRun = args.values['dry-run'] === true;

  const pricing = listOption(args, 'pricing');
  const percentile = percentileOption(args);
  const sampling = { ...monteCarloOptions(args), percentiles: [...new Set([...DEFAULT_PERCENTILES, percentile])] };
  const assess = (p: Projection) => ({ estimate: p.estimate, uncertainty: assessUncertainty(p.loaded.scenario, p.loaded.uncertain, p.book, sampling) });
  const projections = files.map((file) => projectFile(file, pricing, { prices: pricesOption(args) }));
  // In CI the job log is where a stale price or a wasted commitment shows; the base branch's plans are not warned about.
  warnPlans(projections, args, io);
  const changes: ScenarioChange[] = files.map((file, i) => {
    const after = assess(projections[i]!);
    const old = loadAtRevision(base, relative(process.cwd(), file));
    return {
      file,
      ...(old ? { before: assess(projectLoaded(old, pricing, { prices: pricesOption(args) })) } : {}),
      after,
      verdict: budgetVerdict(after.estimate, after.uncertainty, percentile),
    };
  });
  const body = commentBody(changes, { base, failOverBudget });
  const over = changes.some((c) => c.verdict.over) && failOverBudget ? EXIT.budget : EXIT.ok;
  if (dryRun) {
    io.stdout.write(body);
    return over;
  }

  requireForPosting(target);
  const client = http({
    forge,
    deadline: new Deadline(timeoutOption(args, DEFAULT_TIMEOUT_SECONDS.comment)),
    headers: { accept: 'application/json', 'user-agent': `tollgate/${io.version}`, ...(forge === 'github' ? { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' } : {}), ...target.token.header },
    tokenName: target.token.name,
    secrets: [target.token.value],
  });
  // A refusal (UsageError, exit 2) or a failure (ForgeError, exit 1) goes to main, its message already redacted.
  const done = await post(forgeFor(target, client), body, behavior);
  for (const note of done.notes) io.stderr.write(`tollgate: comment: ${note}\n`);
  io.stderr.write(`tollgate: comment ${done.action} on ${forge} ${target.repo} #${target.request} (comment ${done.id})\n`);
  return over;
}
