// The SDK's Node-version warning would corrupt Ink frames; it must be off before any SDK loads.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { main } from './cli/main.js';

declare const TOLLGATE_VERSION: string;

process.on('SIGINT', () => process.exit(130));

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
