import { Box, Text } from 'ink';
import { tierNote } from '../../format/describe.js';
import type { LineItem } from '../../model/estimate.js';
import { fit, wrapped } from '../text.js';
import { Dim } from './Toned.js';

/**
 * Three lines about the selected line: what it is, which bands tiered egress fell
 * into, and which of its quantities are ranges in the file (shown, not editable).
 */
export function Detail({ line, ranges, width }: { line?: LineItem; ranges: string[]; width: number }) {
  if (!line) return <Box height={3} />;
  const what = line.kind === 'transfer' ? `${line.category}: ${line.description}` : `${line.description} · ${line.provider} ${line.region}`;
  const notes = [tierNote(line), ranges.length ? `ranges in the file (edit it to change them): ${ranges.join('; ')}` : undefined];
  return (
    <Box flexDirection="column" height={3}>
      <Text>{fit(what, width)}</Text>
      {wrapped(notes.filter(Boolean).join(' · '), width, 2).map((l, i) => (
        <Dim key={i}>{l}</Dim>
      ))}
    </Box>
  );
}
