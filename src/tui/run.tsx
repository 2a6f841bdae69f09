import { render, type Instance } from 'ink';
import { EXIT, type Io } from '../cli/verb.js';
import { App } from './App.js';
import type { ActualsSetup } from './actuals-state.js';
import { defaultActualsSetup, initialSession, type DocState } from './state.js';
import { colourAllowed } from './text.js';

// The alternate screen keeps the session from scrolling the user's shell away,
// and gives it back untouched on quit.
const ENTER_ALT_SCREEN = '\x1b[?1049h';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';

export interface Terminal {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
}

/** Mounts the session on a terminal (the CLI's, or the benchmark's stand-in). */
export function renderSession(docs: DocState[], term: Terminal, env: NodeJS.ProcessEnv = process.env, actuals = defaultActualsSetup()): Instance {
  const size = { cols: term.stdout.columns || 80, rows: term.stdout.rows || 24 };
  return render(<App initial={initialSession(docs, size, actuals)} colour={colourAllowed(env)} />, {
    ...term,
    // Ctrl+C goes through the same "unsaved changes?" question as q.
    exitOnCtrlC: false,
    patchConsole: false,
    // Ink's default of 30 frames a second would hold back the frame after a quick second key.
    maxFps: 60,
  });
}

/** Runs the full-screen session until the user quits. Only called with a TTY on both ends. */
export async function runSession(docs: DocState[], io: Io, actuals: ActualsSetup): Promise<number> {
  const term = { stdout: io.stdout, stdin: io.stdin, stderr: io.stderr } as Terminal;
  term.stdout.write(ENTER_ALT_SCREEN);
  try {
    await renderSession(docs, term, process.env, actuals).waitUntilExit();
  } finally {
    term.stdout.write(LEAVE_ALT_SCREEN);
  }
  return EXIT.ok;
}
