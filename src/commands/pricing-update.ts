import { UsageError, type Io, type ParsedArgs } from '../cli/verb.js';

export function run(_args: ParsedArgs, _io: Io): number {
  throw new UsageError('pricing update is not available yet');
}
