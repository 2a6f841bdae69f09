import type { Io, ParsedArgs } from '../cli/verb.js';
import { formatDiagnostic, type Diagnostic } from '../model/diagnostics.js';
import type { Estimate } from '../model/estimate.js';
import type { LoadedScenario } from '../model/load-scenario.js';
import { money } from '../model/numbers.js';
import { locate } from '../model/yaml-source.js';
import { warnIfStale } from './stale-pricing.js';

/**
 * What a valid plan says that is likely not what was meant, located in its file:
 * a commitment no usage in the plan is eligible for (priced as all waste).
 */
export function planWarnings(loaded: LoadedScenario, estimate: Estimate): Diagnostic[] {
  return estimate.lines.flatMap((l) => {
    const idle = l.commitment?.noEligible;
    if (!idle) return [];
    return [
      {
        file: loaded.file,
        position: locate(loaded.source, l.ref),
        message: `commitments.${l.name}: no usage in the plan is eligible for it, so all of its ${money(l.cost)} a month is waste; it covers ${idle.couldCover}; here ${idle.groups}`,
        suggestion: 'add the usage it is for, widen its scope, or remove it',
      },
    ];
  });
}

/**
 * What every verb that projects plans says on stderr before its report: stale prices, then each
 * plan's own warnings. On stderr so JSON on stdout stays machine-readable; the plans still price (exit 0).
 */
export function warnPlans(projections: readonly { loaded: LoadedScenario; estimate: Estimate }[], args: ParsedArgs, io: Io): void {
  warnIfStale(projections.map((p) => p.estimate), args, io);
  for (const p of projections) for (const d of planWarnings(p.loaded, p.estimate)) io.stderr.write(`${formatDiagnostic(d, 'warning')}\n`);
}
