import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO } from './helpers.js';

const exec = promisify(execFile);
export const BIN = join(REPO, 'bin', 'tollgate.js');

/** Run the built CLI as a user would (no TTY), returning its exit code and output. */
export async function tollgate(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? REPO, env: { ...process.env, ...opts.env } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
