import { PRICES, type Prices } from '../pricing/cache/files.js';
import { UsageError, stringOption, type ParsedArgs } from './verb.js';

/** `--prices cache|bundled` (or the `prices` setting): whether the cached full catalog may be used. */
export function pricesOption(args: ParsedArgs): Prices | undefined {
  const text = stringOption(args, 'prices');
  if (text === undefined) return undefined;
  if ((PRICES as readonly string[]).includes(text)) return text as Prices;
  throw new UsageError(`--prices takes ${PRICES.join(' or ')}, not ${JSON.stringify(text)} (bundled ignores the catalog \`pricing update --all\` built)`);
}
