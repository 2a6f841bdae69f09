import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The per-user cache folder every cache of tollgate lives under (billing
 * answers, the full pricing catalog): TOLLGATE_CACHE_DIR, else
 * $XDG_CACHE_HOME/tollgate, else ~/.cache/tollgate.
 */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TOLLGATE_CACHE_DIR) return env.TOLLGATE_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'tollgate');
}
