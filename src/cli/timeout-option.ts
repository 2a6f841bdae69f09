import { parseTimeout } from '../remote/discipline.js';
import { UsageError, stringOption, type ParsedArgs } from './verb.js';

/** `--timeout` as milliseconds, or the verb's default; a malformed one is a usage error. */
export function timeoutOption(args: ParsedArgs, defaultSeconds: number): number {
  const text = stringOption(args, 'timeout');
  if (text === undefined) return defaultSeconds * 1000;
  const ms = parseTimeout(text);
  if (ms === undefined) throw new UsageError(`--timeout takes a duration such as 90, 90s or 5m (seconds by default), not ${JSON.stringify(text)}`);
  return ms;
}
