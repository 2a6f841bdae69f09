// The SDK's Node-version warning would corrupt Ink frames; it must be off before any SDK loads.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { main } from './cli/main.js';

declare const TOLLGATE_VERSION: string;

process.on('SIGINT', () => process.exit(130));

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  version: typeof TOLLGATE_VERSION === 'string' ? TOLLGATE_VERSION : 'dev',
});
