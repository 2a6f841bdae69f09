import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './helpers.js';

/**
 * The shared folder of real billing samples and API captures (never copied into the repository):
 * ../shared beside the checkout, as CI has it, or two levels up from a worktree. Tests that need it
 * skip, saying so, when it is absent.
 */
export const SHARED = [join(REPO, '..', 'shared'), join(REPO, '..', '..', 'shared')].find((d) => existsSync(join(d, 'billing-samples')));

export function sample(path: string): string {
  if (!SHARED) throw new Error('the shared samples folder is missing');
  return join(SHARED, path);
}

if (!SHARED) console.warn('skipping the tests on real billing samples: ../shared/billing-samples is not there');
