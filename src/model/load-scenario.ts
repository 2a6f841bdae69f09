import { dirname, resolve } from 'node:path';
import { withoutSchemaProblems } from './best-effort.js';
import { InputError, type Diagnostic } from './diagnostics.js';
import { parseEndpoint } from './endpoint.js';
import { readTextFile } from './read-text-file.js';
import { scenarioInputSchema, type Provider, type Scenario, type ScenarioInput } from './scenario.js';
import { splitRanges, type UncertainInput } from './uncertain.js';
import { validate } from './validate.js';
import { locate, parseYamlSource, withoutData, type SourceFile } from './yaml-source.js';

/** An override file as named by a scenario's `pricing:` list or `--pricing`. */
export interface OverrideFile {
  path: string;
  /** The path as the user wrote it. */
  written?: string;
  /** Where it was named, so a missing file points at the naming line. */
  namedAt?: { file: string; line: number; col: number };
}

export interface LoadedScenario {
  file: string;
  source: SourceFile;
  /** The point scenario: every range replaced by its point value (expected, or a lognormal's p50). */
  scenario: Scenario;
  /** The quantities written as ranges, in file order; empty when the file has none. */
  uncertain: UncertainInput[];
  /** The scenario's own `pricing:` files, resolved against its folder. */
  overrides: OverrideFile[];
}

export function readScenarioText(file: string): string {
  return readTextFile(file, { display: file, notFound: { message: 'scenario file not found or not readable', suggestion: 'bundled examples are in scenarios/' } });
}

/**
 * The schema's errors, with the scenario as it reads with them set aside, so
 * whoever prices it can add the errors only pricing finds (an unknown
 * instance or region) and report the file's problems in one run.
 */
export class ScenarioInputError extends InputError {
  constructor(
    diagnostics: Diagnostic[],
    readonly setAside?: LoadedScenario,
  ) {
    super(diagnostics);
  }
}

export function parseScenario(text: string, file: string): LoadedScenario {
  const source = parseYamlSource(text, file);
  let input: ScenarioInput;
  try {
    input = validate(scenarioInputSchema(), source);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const repaired = withoutSchemaProblems(source.data);
    throw new ScenarioInputError(e.diagnostics, repaired ? loaded(repaired, source, file) : undefined);
  }
  return loaded(input, withoutData(source), file);
}

function loaded(input: ScenarioInput, source: SourceFile, file: string): LoadedScenario {
  const { scenario, uncertain } = splitRanges(input);
  const overrides = (scenario.pricing ?? []).map((p, i) => {
    const at = locate(source, ['pricing', i]);
    return { path: resolve(dirname(file), p), written: p, namedAt: at ? { file, ...at } : undefined };
  });
  return { file, source, scenario, uncertain, overrides };
}

export function loadScenario(file: string): LoadedScenario {
  return parseScenario(readScenarioText(file), file);
}

/** Providers a scenario touches, so only their tables are read. */
export function providersOf(scenario: Scenario): Set<Provider> {
  const out = new Set<Provider>();
  for (const n of scenario.nodes ?? []) out.add(n.provider);
  for (const s of scenario.storage ?? []) out.add(s.provider);
  for (const c of scenario.clusters ?? []) out.add(c.provider);
  for (const c of scenario.commitments ?? []) out.add(c.provider);
  for (const l of scenario.load_balancers ?? []) out.add(l.provider);
  for (const t of scenario.transfers ?? []) {
    for (const end of [t.from, t.to]) {
      try {
        const e = parseEndpoint(end);
        if (e.kind === 'cloud') out.add(e.provider);
      } catch {
        /* reported with its position by the engine */
      }
    }
  }
  return out;
}
