import { relative } from 'node:path';
import { UsageError, type ParsedArgs, type Verb } from '../cli/verb.js';
import { loadSettings, SETTINGS, type Settings } from './settings.js';

/**
 * Fills in what the command line left out from the settings, in place. Returns
 * where each filled-in option came from, so an error about it can say so.
 */
export async function applySettings(verb: Verb, args: ParsedArgs, settings: Settings, cwd: string): Promise<Record<string, string>> {
  const origins: Record<string, string> = {};
  for (const spec of SETTINGS) {
    const setting = settings.values[spec.key];
    if (!setting) continue;
    if (spec.key === 'scenarios') {
      if (!verb.takesScenarios || args.positionals.length) continue;
      const { globSync } = await import('tinyglobby');
      const files = globSync(setting.value as string[], { cwd: setting.base, absolute: true }).sort();
      if (!files.length) throw new UsageError(`the scenarios globs (${setting.from}) match no file`);
      args.positionals = files.map((f) => relative(cwd, f) || f);
      continue;
    }
    if (!(spec.option in verb.options)) continue;
    const given = args.values[spec.option];
    if (spec.list) {
      // Override files add up: the settings' first, the flags' on top (later files win).
      args.values[spec.option] = [...(setting.value as string[]), ...(Array.isArray(given) ? given.map(String) : [])];
      origins[spec.option] = setting.from;
    } else if (given === undefined) {
      args.values[spec.option] = setting.value as string;
      origins[spec.option] = setting.from;
    }
  }
  return origins;
}

/** The settings for one run of a verb, read from the files and environment of `cwd`. */
export function settingsFor(verb: Verb, args: ParsedArgs, cwd: string, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  return applySettings(verb, args, loadSettings(cwd, env), cwd);
}
