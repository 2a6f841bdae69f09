import { render } from 'ink';
import { EXIT, type Io } from '../cli/verb.js';
import { App } from './App.js';
import { initialSession, type DocState } from './state.js';
import { colourAllowed } from './text.js';

// The alternate screen keeps the session from scrolling the user's shell away,
// and gives it back untouched on quit.
const ENTER_ALT_SCREEN = '\x1b[?1049h';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';

/** Runs the full-screen session until the user quits. Only called with a TTY on both ends. */
export async function runSession(docs: DocState[], io: Io): Promise<number> {
  const stdout = io.stdout as NodeJS.WriteStream;
  const size = { cols: stdout.columns || 80, rows: stdout.rows || 24 };
  stdout.write(ENTER_ALT_SCREEN);
  try {
    const app = render(<App initial={initialSession(docs, size)} colour={colourAllowed(process.env)} />, {
      stdout,
      stdin: io.stdin as NodeJS.ReadStream,
      stderr: io.stderr as NodeJS.WriteStream,
      // Ctrl+C goes through the same "unsaved changes?" question as q.
      exitOnCtrlC: false,
      patchConsole: false,
    });
    await app.waitUntilExit();
  } finally {
    stdout.write(LEAVE_ALT_SCREEN);
  }
  return EXIT.ok;
}
