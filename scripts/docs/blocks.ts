// The runnable examples in README.md and docs/: how they are found, run and compared.
// scripts/write-docs.ts rewrites them from what the commands print today; test/docs.test.ts
// fails when they no longer match, so no example in the documentation can go stale.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** The clock the examples were recorded at, the one the test suite pins too. */
export const DOCS_NOW = '2026-11-25T12:00:00Z';

/**
 * A ```console block: `$ ` lines are commands (a trailing `\` continues one), the
 * lines under each are what it prints, stdout and stderr together. In a ```sh
 * block, each line that starts with `tollgate ` is run and must exit 0, or the
 * code a trailing `# exit N` names (set-up lines such as `npm install` are not
 * run); ```sh live blocks need cloud credentials and are not run.
 */
export interface Block {
  file: string;
  /** 0-based line of the opening fence. */
  line: number;
  kind: 'console' | 'sh' | 'live';
  body: string[];
}

export interface Step {
  command: string;
  output: string[];
}

export function docFiles(repo: string): string[] {
  const docs = join(repo, 'docs');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []));
  return [join(repo, 'README.md'), ...walk(docs).sort()];
}

export function findBlocks(file: string, text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(\S*)/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`${file}:${i + 1}: code block never closed`);
    const kind = open[1] === 'console' ? 'console' : open[1] === 'sh' ? (open[2] === 'live' ? 'live' : 'sh') : undefined;
    if (kind) blocks.push({ file, line: i, kind, body: lines.slice(i + 1, end) });
    i = end;
  }
  return blocks;
}

export function steps(block: Block): Step[] {
  const out: Step[] = [];
  const body = block.body;
  for (let i = 0; i < body.length; i++) {
    const l = body[i]!;
    const isCommand = block.kind === 'console' ? l.startsWith('$ ') : l.startsWith('tollgate ');
    if (!isCommand) {
      if (block.kind === 'console') {
        if (!out.length) throw new Error(`${block.file}:${block.line + i + 2}: output before the first $ command`);
        out[out.length - 1]!.output.push(l);
      }
      continue;
    }
    let command = block.kind === 'console' ? l.slice(2) : l;
    while (command.endsWith('\\') && i + 1 < body.length) command = `${command}\n${body[++i]}`;
    out.push({ command, output: [] });
  }
  return out;
}

/** `# exit 3` after a ```sh command: the exit code it is documented to end with. */
export function expectedExit(command: string): number {
  const m = /#\s*exit (\d+)\s*$/.exec(command);
  return m ? Number(m[1]) : 0;
}

const MARK = '@@tollgate-docs-step@@';

/**
 * Runs a block's commands in one bash, in order (so `echo $?` sees the command
 * before it), from the repository root, with `tollgate` on PATH as the built CLI
 * and the clock pinned. Returns each command's output and exit code.
 */
export async function runSteps(repo: string, list: Step[]): Promise<{ output: string[]; code: number }[]> {
  const shim = mkdtempSync(join(tmpdir(), 'tollgate-docs-bin-'));
  writeFileSync(join(shim, 'tollgate'), `#!/bin/sh\nexec "${process.execPath}" "${join(repo, 'bin', 'tollgate.js')}" "$@"\n`);
  chmodSync(join(shim, 'tollgate'), 0o755);
  const script = list.map((s) => `${s.command}\n__s=$?; echo "${MARK} $__s"; (exit $__s)`).join('\n') + '\nexit 0';
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${shim}:${process.env.PATH}`, TOLLGATE_NOW: DOCS_NOW, NO_COLOR: '1' };
  for (const k of ['FORCE_COLOR', 'COLUMNS', 'TOLLGATE_FORMAT', 'XDG_CONFIG_HOME']) delete env[k];
  const { stdout } = await exec('bash', ['-c', `exec 2>&1\n${script}`], { cwd: repo, env, maxBuffer: 32 << 20 });
  const parts = stdout.split('\n');
  const results: { output: string[]; code: number }[] = [];
  let current: string[] = [];
  for (const line of parts) {
    const m = line.startsWith(MARK) ? Number(line.slice(MARK.length + 1)) : undefined;
    if (m === undefined) current.push(line);
    else {
      results.push({ output: current, code: m });
      current = [];
    }
  }
  return results;
}

/** The block's body with each command's output replaced by what it printed now. */
export function render(list: Step[], outputs: string[][]): string[] {
  return list.flatMap((s, i) => [...`$ ${s.command}`.split('\n'), ...trimEnd(outputs[i] ?? [])]);
}

/** Trailing blank lines are not part of the documented output. */
export function trimEnd(lines: string[]): string[] {
  const copy = lines.map((l) => l.replace(/\s+$/, ''));
  while (copy.length && copy[copy.length - 1] === '') copy.pop();
  return copy;
}

export function where(repo: string, block: Block): string {
  return `${relative(repo, block.file)}:${block.line + 1}`;
}
