import { didYouMean } from '../model/suggest.js';
import { FORMATS, UsageError, stringOption, type Format, type ParsedArgs } from './verb.js';

/** The --format a verb was given, narrowed to the formats that verb renders. */
export function formatOption<F extends Format = (typeof FORMATS)[number]>(args: ParsedArgs, allowed: readonly F[] = FORMATS as readonly Format[] as readonly F[]): F | 'table' {
  const value = stringOption(args, 'format');
  if (value === undefined) return 'table';
  if ((allowed as readonly string[]).includes(value)) return value as F;
  const hint = didYouMean(value, allowed);
  throw new UsageError(`unknown --format ${JSON.stringify(value)}${hint ? `; ${hint}` : ''} (one of ${allowed.join(', ')})`);
}
