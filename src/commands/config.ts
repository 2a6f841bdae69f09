import { DEFAULT_THRESHOLD } from '../actuals/period.js';
import { EXIT, UsageError, type Io, type ParsedArgs } from '../cli/verb.js';
import { loadSettings, SETTINGS, type Setting } from '../config/settings.js';
import { displayPath } from '../model/diagnostics.js';
import { DEFAULT_MAX_AGE_DAYS } from '../pricing/staleness.js';
import { DEFAULT_PRICES } from '../pricing/cache/files.js';

/** What each setting is when nothing sets it; these live with the code that uses them. */
const DEFAULTS: Record<string, string | string[]> = {
  format: 'table',
  max_age: String(DEFAULT_MAX_AGE_DAYS),
  pricing: [],
  prices: DEFAULT_PRICES,
  'actuals.source': [],
  'actuals.threshold': `${DEFAULT_THRESHOLD.times(100).toFixed()}%`,
  scenarios: [],
};

export function run(args: ParsedArgs, io: Io): number {
  if (args.positionals.length) throw new UsageError('config takes no arguments');
  const settings = loadSettings(process.cwd(), process.env);
  const effective: Record<string, Setting> = {};
  for (const spec of SETTINGS) effective[spec.key] = settings.values[spec.key] ?? { value: DEFAULTS[spec.key]!, from: 'default' };
  const shown = (v: string | string[]) => (Array.isArray(v) ? (v.length ? v.map((p) => displayPath(p)).join(', ') : '(none)') : displayPath(v));
  if (args.values.json) {
    io.stdout.write(`${JSON.stringify({ settings: effective, files: settings.files }, null, 2)}\n`);
    return EXIT.ok;
  }
  const rows = Object.entries(effective).map(([k, s]) => [k, shown(s.value), s.from]);
  const w0 = Math.max(...rows.map((r) => r[0]!.length));
  const w1 = Math.max(...rows.map((r) => r[1]!.length));
  const { project, user, userFound } = settings.files;
  io.stdout.write(
    [
      'effective settings (flags > environment > project tollgate.yml > user config > defaults)',
      '',
      ...rows.map(([k, v, from]) => `${k!.padEnd(w0)}  ${v!.padEnd(w1)}  ${from}`),
      '',
      `project: ${project ? displayPath(project) : '(no tollgate.yml here or above)'}`,
      `user:    ${displayPath(user)}${userFound ? '' : ' (not found)'}`,
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}
