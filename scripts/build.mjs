// Bundles the CLI into dist/ so start-up reads one file instead of hundreds of modules.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { inkTextCache } from './ink-text-cache/plugin.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Stale chunks from earlier builds would otherwise pile up in dist/.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

// Yoga's WebAssembly loader (Ink's layout engine) asks `typeof fetch`, and on Node
// 20 merely reading the global loads undici, ~20 ms of the session's first frame.
// Its binary is inlined base64, so the answer never matters: tell it "no fetch".
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/].*\.js$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('"function"!=typeof fetch', 'true'),
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: { tollgate: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // React and its reconciler ship development builds (extra checks, several times the size)
  // unless NODE_ENV says production; the session's first frame pays for every byte parsed.
  // The yaml library is a file of its own (below), required only when something needs it (src/model/yaml-lib.ts).
  define: { TOLLGATE_VERSION: JSON.stringify(version), TOLLGATE_YAML_FILE: '"./yaml.cjs"', 'process.env.NODE_ENV': '"production"' },
  // Ink's optional devtools hook needs a package we do not ship; see the stub.
  alias: { 'react-devtools-core': './scripts/stubs/react-devtools-core.mjs' },
  // Native bindings and the cloud SDKs stay in node_modules; the actuals verb imports them lazily.
  external: ['@duckdb/*', '@google-cloud/*', 'google-gax', '@aws-sdk/*'],
  // CommonJS dependencies inside an ESM bundle still call require().
  banner: { js: "import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url);" },
  plugins: [yogaWithoutFetch, inkTextCache],
  logLevel: 'warning',
});

// The `yaml` Document API, bundled into one CommonJS file so it can be required synchronously,
// and only when a position or a comment-keeping edit is needed.
await build({ entryPoints: ['yaml'], outfile: 'dist/yaml.cjs', bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' });

// The bundled pricing tables, validated and precompiled so start-up skips YAML parsing.
const compiler = new URL('../.bench/compile-pricing.mjs', import.meta.url).pathname;
await build({ entryPoints: ['scripts/compile-pricing.ts'], outfile: compiler, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' });
execFileSync(process.execPath, [compiler, 'dist/pricing-compiled'], { stdio: 'inherit' });
