// Where the config files are: kept apart from their parsing so a run with no
// config file (the common case) costs a few stat calls and loads nothing more.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';

export const PROJECT_FILE = 'tollgate.yml';

/** The environment variables that stand for settings (src/config/settings.ts maps them). */
export const SETTING_ENV = ['TOLLGATE_FORMAT', 'TOLLGATE_PRICING_MAX_AGE_DAYS', 'TOLLGATE_PRICES', 'TOLLGATE_ACTUALS_SOURCE', 'TOLLGATE_THRESHOLD'] as const;

/** tollgate.yml in the working directory or the nearest folder above it. */
export function findProjectFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const file = join(dir, PROJECT_FILE);
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}

export function userFile(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(env.HOME ?? homedir(), '.config');
  return join(base, 'tollgate', 'config.yml');
}

/** Whether anything could change a setting: a config file or a setting's variable. */
export function anySettings(cwd: string, env: NodeJS.ProcessEnv): boolean {
  return SETTING_ENV.some((v) => env[v]) || findProjectFile(cwd) !== undefined || existsSync(userFile(env));
}
