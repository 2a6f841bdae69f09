import type { render } from 'ink-testing-library';

export type Rendered = ReturnType<typeof render>;

export const ESC = '\u001B';
export const TAB = '\t';
export const BACKSPACE = '\u007F';
export const ARROW_DOWN = '\u001B[B';

/** Polls until the frame passes `test` (Ink renders a moment after a key, or after a fetch). */
export async function until(app: Rendered, test: (frame: string) => boolean, what: string, timeoutMs = 3000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = app.lastFrame() ?? '';
    if (test(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`frame never showed ${what}:\n${frame}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const showing = (app: Rendered, text: string, timeoutMs?: number) => until(app, (f) => f.includes(text), JSON.stringify(text), timeoutMs);

/** Types keys one at a time, each its own read, as when a person types. */
export async function press(app: Rendered, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    app.stdin.write(k);
    await new Promise((r) => setTimeout(r, 15));
  }
}
