import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let count = 0;

/**
 * A command in a real terminal: a tmux session on a private server (never the
 * tmux of the person running the tests), its screen read back as text.
 */
export class Terminal {
  private readonly socket = `tollgate-term-${process.pid}-${++count}`;
  private readonly session = 'term';

  constructor(command: string, { width = 100, height = 30, cwd }: { width?: number; height?: number; cwd?: string } = {}) {
    this.tmux('new-session', '-d', '-s', this.session, '-x', String(width), '-y', String(height), ...(cwd ? ['-c', cwd] : []), command);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: 'pipe' });
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.session);
  }

  alive(): boolean {
    try {
      this.tmux('has-session', '-t', this.session);
      return true;
    } catch {
      return false;
    }
  }

  /** Types text and presses Enter. */
  line(text: string): void {
    if (text) this.tmux('send-keys', '-t', this.session, '-l', text);
    this.tmux('send-keys', '-t', this.session, 'Enter');
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.session, ...keys);
  }

  async waitFor(what: string, probe: (screen: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.alive() ? this.screen() : '';
      if (probe(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${text || '(session ended)'}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      /* already gone: the server exits with its last session */
    }
    rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, this.socket), { force: true });
  }
}
