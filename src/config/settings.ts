// The effective settings: flags > environment > project tollgate.yml > user
// config.yml > defaults, each value remembered with where it came from.
import { existsSync } from 'node:fs';
import { readTextFile } from '../model/read-text-file.js';
import { dirname, isAbsolute, resolve } from 'node:path';
import { validate } from '../model/validate.js';
import { locate, parseYamlSource, type PathSegment, type SourceFile } from '../model/yaml-source.js';
import { displayPath } from '../model/diagnostics.js';
import { findProjectFile, SETTING_ENV, userFile } from './files.js';
import { configSchema, type ConfigFile } from './schema.js';

/** One setting, the option it stands for, and how a file's value becomes the option's. */
interface SettingSpec {
  key: string;
  option: string;
  path: PathSegment[];
  env?: (typeof SETTING_ENV)[number];
  /** Paths are relative to the file that names them. */
  paths?: boolean;
  list?: boolean;
}

export const SETTINGS: SettingSpec[] = [
  { key: 'format', option: 'format', path: ['format'], env: 'TOLLGATE_FORMAT' },
  { key: 'max_age', option: 'max-age', path: ['max_age'], env: 'TOLLGATE_PRICING_MAX_AGE_DAYS' },
  { key: 'pricing', option: 'pricing', path: ['pricing'], paths: true, list: true },
  { key: 'prices', option: 'prices', path: ['prices'], env: 'TOLLGATE_PRICES' },
  { key: 'actuals.source', option: 'source', path: ['actuals', 'source'], env: 'TOLLGATE_ACTUALS_SOURCE', paths: true },
  { key: 'actuals.threshold', option: 'threshold', path: ['actuals', 'threshold'], env: 'TOLLGATE_THRESHOLD' },
  { key: 'scenarios', option: 'scenarios', path: ['scenarios'], paths: true, list: true },
];

export interface Setting {
  value: string | string[];
  /** For scenario globs: the folder they are relative to. */
  base?: string;
  /** `tollgate.yml:3:9`, `TOLLGATE_FORMAT`, or for pricing lists every file that added to it. */
  from: string;
}

export interface Settings {
  values: Record<string, Setting>;
  files: { project?: string; user: string; userFound: boolean };
}

function readConfig(file: string): { source: SourceFile; config: ConfigFile } {
  // The safe reader, as for scenarios: a FIFO, a device, a huge or UTF-16 file is refused by name.
  const text = readTextFile(file, { display: displayPath(file), notFound: { message: 'config file not readable' } });
  const source = parseYamlSource(text, displayPath(file));
  // An empty file is a config with nothing set.
  if (source.data === null || source.data === undefined) return { source, config: {} };
  return { source, config: validate(configSchema, source) };
}

function valueAt(config: ConfigFile, path: PathSegment[]): unknown {
  return path.reduce<unknown>((node, seg) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined), config);
}

function fileLayer(file: string): Record<string, Setting> {
  const { source, config } = readConfig(file);
  const out: Record<string, Setting> = {};
  for (const spec of SETTINGS) {
    const raw = valueAt(config, spec.path);
    if (raw === undefined) continue;
    const pos = locate(source, spec.path);
    const from = pos ? `${source.file}:${pos.line}:${pos.col}` : source.file;
    const toText = (v: unknown) => {
      const text = String(v);
      // `sample`, `aws` and `gcp` name sources, not files; globs stay globs, expanded from `base`.
      if (!spec.paths || spec.key === 'scenarios' || isAbsolute(text) || (spec.key === 'actuals.source' && ['aws', 'gcp', 'sample'].includes(text))) return text;
      return resolve(dirname(file), text);
    };
    out[spec.key] = { value: Array.isArray(raw) ? raw.map(toText) : toText(raw), from, ...(spec.key === 'scenarios' ? { base: dirname(file) } : {}) };
  }
  return out;
}

function envLayer(env: NodeJS.ProcessEnv): Record<string, Setting> {
  const out: Record<string, Setting> = {};
  for (const spec of SETTINGS) {
    const v = spec.env ? env[spec.env] : undefined;
    if (v !== undefined && v !== '') out[spec.key] = { value: v, from: spec.env! };
  }
  return out;
}

/**
 * The settings below the flags. Lists of pricing files add up (user, then
 * project: a later file's rates win, as with repeated --pricing); every
 * other setting comes from the highest layer that has it.
 */
export function loadSettings(cwd: string, env: NodeJS.ProcessEnv): Settings {
  const project = findProjectFile(cwd);
  const user = userFile(env);
  const userFound = existsSync(user);
  const layers = [userFound ? fileLayer(user) : {}, project ? fileLayer(project) : {}, envLayer(env)];
  const values: Record<string, Setting> = {};
  for (const layer of layers) {
    for (const [key, setting] of Object.entries(layer)) {
      const prev = values[key];
      values[key] = key === 'pricing' && prev ? { value: [...(prev.value as string[]), ...(setting.value as string[])], from: `${prev.from}, ${setting.from}` } : setting;
    }
  }
  return { values, files: { project, user, userFound } };
}
