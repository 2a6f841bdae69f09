import { didYouMean } from '../model/suggest.js';
import { FORMATS, UsageError, stringOption, type Format, type ParsedArgs } from './verb.js';

export function formatOption(args: ParsedArgs, allowed: readonly Format[] = FORMATS): Format {
  const value = stringOption(args, 'format');
  if (value === undefined) return 'table';
  if ((allowed as readonly string[]).includes(value)) return value as Format;
  const hint = didYouMean(value, allowed);
  throw new UsageError(`unknown --format ${JSON.stringify(value)}${hint ? `; ${hint}` : ''} (one of ${allowed.join(', ')})`);
}
