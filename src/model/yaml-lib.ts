import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

/** Set by scripts/build.mjs: the bundle ships the library as a file of its own beside its chunks. */
declare const TOLLGATE_YAML_FILE: string | undefined;

let lib: typeof Yaml | undefined;

/**
 * The `yaml` library (the Document API: positions, comment-keeping edits),
 * loaded the first time something needs it. A scenario or table that js-yaml
 * reads cleanly never does, and loading it is ~290 KB of code to compile and
 * run: a fifth of a cold `estimate`. `require` is what makes the load lazy and
 * still synchronous (a position is asked for deep inside validation).
 */
export function yaml(): typeof Yaml {
  return (lib ??= createRequire(import.meta.url)(typeof TOLLGATE_YAML_FILE === 'string' ? TOLLGATE_YAML_FILE : 'yaml') as typeof Yaml);
}
