// The SDK's Node-version warning would corrupt Ink frames; it must be off before any SDK loads.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { main } from './cli/main.js';

declare const TOLLGATE_VERSION: string;

process.on('SIGINT', () => process.exit(130));

// A reader that stops early (`| head`) closes the pipe: what it wanted was written, so the
// rest is dropped without a stack trace, and the command still ends with its own exit code
// (a `check` over budget stays 3). Any other failure to write is said in one line.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    if (stream !== process.stderr) process.stderr.write(`tollgate: cannot write the output: ${e.message}\n`);
    process.exit(1);
  });
}

// No top-level await: the bundle is CommonJS, so it can start from V8's code cache (src/boot.ts).
void main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  version: typeof TOLLGATE_VERSION === 'string' ? TOLLGATE_VERSION : 'dev',
}).then((code) => {
  process.exitCode = code;
  // The command is over. A client that gave up on a server still trickling its
  // answer may hold the socket open; once the output is flushed, do not wait for it.
  const leave = () => (process.stdout.writableLength + process.stderr.writableLength === 0 ? process.exit(code) : setTimeout(leave, 50).unref());
  setTimeout(leave, 200).unref();
});
