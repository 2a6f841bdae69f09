// Constants only, so the CLI's option help can name them without loading the engine.
export const DEFAULT_SEED = 1;
export const DEFAULT_SAMPLES = 10_000;
