import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { parseScenario, type LoadedScenario } from '../model/load-scenario.js';
import { UsageError } from '../model/errors.js';

/**
 * The scenario as it is at `base` (`git show BASE:./FILE`), or undefined when
 * the file is new on this branch. Diagnostics name it `BASE:FILE`; its own
 * `pricing:` files are read from the working tree, as `git show` cannot give
 * a folder to resolve them in.
 */
export function loadAtRevision(base: string, file: string): LoadedScenario | undefined {
  let text: string;
  try {
    text = execFileSync('git', ['show', `${base}:./${file.replace(/^\.\//, '')}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const stderr = String((e as { stderr?: string }).stderr ?? '');
    if (/does not exist in|exists on disk, but not in/.test(stderr)) return undefined;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError('comment reads the base version of each scenario with git, which is not installed');
    const why = stderr.trim().split('\n')[0] || 'git show failed';
    throw new UsageError(`cannot read ${file} at the base ${JSON.stringify(base)}: ${why} (in CI, fetch the base branch: actions/checkout with fetch-depth: 0, or GIT_DEPTH: 0 on GitLab)`);
  }
  const loaded = parseScenario(text, `${base}:${file}`);
  const folder = dirname(resolve(file));
  return { ...loaded, overrides: loaded.overrides.map((o) => ({ ...o, path: resolve(folder, o.written ?? o.path) })) };
}
