import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers.js';

/**
 * tollgate piped into `head -1`, which closes the pipe after one line, as a user's shell runs it
 * (a real pipe: Node's own child stdio is a socket pair, which never says EPIPE); with pipefail,
 * the pipeline's status is tollgate's.
 */
function intoHead(args: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', `set -o pipefail; node bin/tollgate.js ${args} | head -1`], { cwd: REPO, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a reader that closes the pipe early (| head)', () => {
  it('pricing show ends without a stack trace, exit 0', () => {
    const r = intoHead('pricing show');
    expect(r.stdout).toContain('PROVIDER');
    expect(r.stderr).not.toMatch(/EPIPE|at .*\(node:|Unhandled/);
    expect(r.status).toBe(0);
  });

  it('check keeps its own exit code: a plan over budget is still exit 3', () => {
    // Enough plans that the report outlasts the pipe's first read.
    const plans = Array.from({ length: 40 }, () => 'test/fixtures/early-reader-over-budget.yaml scenarios/h100-training-spot.yaml').join(' ');
    const r = intoHead(`check ${plans}`);
    expect(r.stderr).not.toMatch(/EPIPE|at .*\(node:|Unhandled/);
    expect(r.status).toBe(3);
  });
});
