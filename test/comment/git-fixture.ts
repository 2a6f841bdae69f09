import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../helpers.js';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** A throwaway repository whose one commit (the base) holds a bundled example; the working tree is then edited as a pull request would. */
export function scenarioRepo(example = 'recsys-feature-store.yaml'): { dir: string; base: string; file: string; edit: (from: string, to: string) => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-pr-'));
  git(dir, 'init', '-q', '-b', 'main');
  copyFileSync(join(REPO, 'scenarios', example), join(dir, 'plan.yaml'));
  git(dir, 'add', '.');
  git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'base');
  const file = join(dir, 'plan.yaml');
  return {
    dir,
    base: git(dir, 'rev-parse', 'HEAD'),
    file: 'plan.yaml',
    edit: (from, to) => {
      const text = readFileSync(file, 'utf8');
      if (!text.includes(from)) throw new Error(`plan.yaml has no ${from}`);
      writeFileSync(file, text.replace(from, to));
    },
  };
}
