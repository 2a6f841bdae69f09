import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { cacheRoot } from './cache-dir.js';

/**
 * Runs the CLI's CommonJS bundle from V8's code cache. Compiling the bundle was a
 * third of a cold `estimate` and more of the session's first frame; Node 22 keeps
 * such a cache itself (module.enableCompileCache), Node 20 only through vm.Script.
 *
 * The cache is the compiled code of one run of a verb (the functions it ran), one
 * file per build and verb under the per-user cache folder, written once by the first
 * run that succeeds. V8 checks a cache only against the source's length, so the
 * file's name carries the bundle's content hash (its first line, written by
 * scripts/build.mjs) and the Node version. Any failure to read or write it only
 * means compiling as without it.
 */
export function runBundle(file: string, argv: readonly string[] = process.argv.slice(2)): void {
  // ASCII only (scripts/build.mjs checks), and latin1 decodes it faster than utf8.
  const source = readFileSync(file, 'latin1');
  const cacheFile = codeCacheFile(source, argv);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    /* no cache yet */
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
    // At exit the cache holds every function the run compiled, not only the top level.
    process.once('exit', (code) => {
      if (code === 0) writeCodeCache(cacheFile, script.createCachedData());
    });
  }
  const bundleModule = { exports: {} };
  const run = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  run.call(bundleModule.exports, bundleModule.exports, createRequire(file), bundleModule, file, dirname(file));
}

/**
 * What a command line runs, as its cache is named: the verb (a scenario or an option
 * first means the session), help and --version apart, and whether a terminal is
 * attached (the session's screens and the progress bars run only then).
 */
export function cacheKeyOf(argv: readonly string[], tty: boolean): string {
  const first = argv[0];
  if (argv.some((a) => a === '--help' || a === '-h' || a === '--version') || first === 'help') return 'help';
  const verb = first !== undefined && /^[a-z]+(-[a-z]+)*$/.test(first) ? first : 'open';
  return tty ? `${verb}-tty` : verb;
}

function codeCacheFile(source: string, argv: readonly string[]): string | undefined {
  const build = /^\/\/ build ([0-9a-f]{16})\n/.exec(source)?.[1];
  if (!build) return undefined;
  return join(cacheDir(), `${build}-${process.version}-${process.arch}-${cacheKeyOf(argv, Boolean(process.stdout.isTTY))}.bin`);
}

const cacheDir = () => join(cacheRoot(), 'code');

/** Other builds' caches untouched this long are gone (two installs in use keep theirs). */
const KEEP_MS = 7 * 24 * 3600 * 1000;

/** Written beside and renamed into place, so a run at the same time never reads half a file. */
function writeCodeCache(file: string, data: Buffer): void {
  try {
    const dir = dirname(file);
    // Private like the rest of the cache folder: it is nobody else's to read or replace.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const build = basename(file).slice(0, 16);
    for (const old of readdirSync(dir)) {
      const path = join(dir, old);
      if (!old.startsWith(build) && Date.now() - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { force: true });
    }
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data, { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    /* a read-only or full cache folder: the next run compiles again */
  }
}
