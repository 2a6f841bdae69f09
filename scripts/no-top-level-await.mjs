// The CLI ships as one CommonJS file so start-up can run it from V8's code cache
// (src/boot.ts); CommonJS has no top-level await, and two of Ink's modules use it.
// Each rewrite names the exact text it replaces and fails the build when a new
// version of the package no longer has it, rather than shipping an unpatched copy.
import { readFileSync } from 'node:fs';

/** `text` with `from` replaced once by `to`; the build stops when `from` is not there. */
function replaceOnce(text, from, to, file) {
  const at = typeof from === 'string' ? text.indexOf(from) : text.search(from);
  if (at < 0) throw new Error(`no-top-level-await: ${file} no longer contains ${from}; check the rewrite in scripts/no-top-level-await.mjs`);
  return text.replace(from, to);
}

const REWRITES = [
  {
    // Yoga (Ink's layout engine) awaits its WebAssembly at the top level. Its binary is inlined
    // base64, so it can be compiled and instantiated synchronously (Node has no size limit on
    // that); the Emscripten glue then finishes its start-up before loadYoga returns, and the
    // module object passed in is the ready library. This also skips the glue's `typeof fetch`,
    // which on Node 20 loads undici (~20 ms of the session's first frame).
    filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
    edit: (text, file) =>
      replaceOnce(
        text,
        /if\(h\.instantiateWasm\)try\{return h\.instantiateWasm\(d,\s*a\)\}catch\(e\)\{v\("Module\.instantiateWasm callback failed with error: "\+e\),ca\(e\)\}/,
        'return a(new WebAssembly.Instance(new WebAssembly.Module(wa()),d)),{};',
        file,
      ),
  },
  {
    filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/,
    edit: (text, file) => replaceOnce(text, 'const Yoga = wrapAssembly(await loadYoga());', 'const yoga = {};\nloadYoga(yoga);\nconst Yoga = wrapAssembly(yoga);', file),
  },
  {
    // Only with DEV=true: React devtools, which the bundle does not ship, and the package name they show.
    filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/,
    edit: (text, file) =>
      replaceOnce(
        replaceOnce(text, "await import('./devtools.js');", 'void 0;', file),
        '? await loadPackageJson()',
        "? { name: 'ink', version: undefined }",
        file,
      ),
  },
];

export const noTopLevelAwait = {
  name: 'no-top-level-await',
  setup(b) {
    for (const { filter, edit } of REWRITES) {
      b.onLoad({ filter }, (args) => ({ contents: edit(readFileSync(args.path, 'utf8'), args.path), loader: 'js' }));
    }
  },
};
