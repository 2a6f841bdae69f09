// Bundles the CLI into dist/ so start-up reads one file instead of hundreds of modules.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { inkTextCache } from './ink-text-cache/plugin.mjs';
import { noTopLevelAwait } from './no-top-level-await.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Files of earlier builds would otherwise stay in dist/.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

const ROOT = new URL('../', import.meta.url);

// undici (the `comment` verb's HTTP client) is a third of the bundle's bytes: a file of its
// own beside the bundle, required when that verb runs, so other verbs never read it.
const BESIDE = { undici: './undici.cjs' };
const besideTheBundle = {
  name: 'beside-the-bundle',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, (args) => ({ path: BESIDE[args.path], external: true }));
  },
};

// One CommonJS file, not ESM chunks: Node 20 keeps compiled code between runs only for
// a vm.Script (src/boot.ts runs it from V8's code cache). Modules reached only through
// import() are still evaluated only when imported (esbuild wraps them lazily).
const cli = await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/tollgate.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // import() of the external packages becomes require(): a vm.Script has no ESM loader behind it.
  supported: { 'dynamic-import': false },
  sourcemap: 'linked',
  write: false,
  metafile: true,
  // React and its reconciler ship development builds (extra checks, several times the size)
  // unless NODE_ENV says production; the session's first frame pays for every byte parsed.
  // The yaml library is a file of its own (below), required only when something needs it (src/model/yaml-lib.ts).
  define: {
    TOLLGATE_VERSION: JSON.stringify(version),
    TOLLGATE_YAML_FILE: '"./yaml.cjs"',
    'process.env.NODE_ENV': '"production"',
    'import.meta.url': '__tgImportMetaUrl',
  },
  // Strict mode first, as the ESM sources were written for; then what import.meta.url stands for.
  banner: { js: `"use strict";\nconst __tgImportMetaUrl = require('node:url').pathToFileURL(__filename).href;` },
  // No comments or layout: fewer bytes to read, and ASCII only, so src/boot.ts reads it as latin1.
  minifyWhitespace: true,
  minifySyntax: true,
  // Native bindings and the cloud SDKs stay in node_modules; the actuals verb requires them lazily.
  external: ['@duckdb/*', '@google-cloud/*', 'google-gax', '@aws-sdk/*'],
  plugins: [noTopLevelAwait, inkTextCache, besideTheBundle],
  logLevel: 'warning',
});
const code = cli.outputFiles.find((f) => f.path.endsWith('.cjs'));
if (/[^\x00-\x7f]/.test(code.text)) throw new Error('dist/tollgate.cjs is not ASCII; src/boot.ts reads it as latin1');
const dynamic = Object.values(cli.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path));
if (dynamic.length) throw new Error(`dist/tollgate.cjs calls import() (${dynamic.join(', ')}), which a vm.Script cannot run`);
// The first line names the build by its content: src/boot.ts keys the code cache by it.
const id = createHash('sha256').update(code.contents).digest('hex').slice(0, 16);
mkdirSync(new URL('dist', ROOT), { recursive: true });
for (const f of cli.outputFiles) {
  if (f === code) writeFileSync(f.path, `// build ${id}\n${f.text}`);
  else writeFileSync(f.path, JSON.stringify({ ...JSON.parse(f.text), mappings: `;${JSON.parse(f.text).mappings}` })); // the map, one line down
}

for (const [name, file] of Object.entries(BESIDE)) {
  await build({ entryPoints: [name], outfile: `dist/${file}`, bundle: true, format: 'cjs', platform: 'node', target: 'node20', minifyWhitespace: true, logLevel: 'warning' });
}

// The start-up (plain ESM, tiny) that runs the bundle: bin/tollgate.js imports it.
await build({ entryPoints: ['src/boot.ts'], outfile: 'dist/boot.js', bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });

// The `yaml` Document API, bundled into one CommonJS file so it can be required synchronously,
// and only when a position or a comment-keeping edit is needed.
await build({ entryPoints: ['yaml'], outfile: 'dist/yaml.cjs', bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' });

// The bundled pricing tables, validated and precompiled so start-up skips YAML parsing.
const compiler = new URL('../.bench/compile-pricing.mjs', import.meta.url).pathname;
await build({ entryPoints: ['scripts/compile-pricing.ts'], outfile: compiler, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' });
execFileSync(process.execPath, [compiler, 'dist/pricing-compiled'], { stdio: 'inherit' });
