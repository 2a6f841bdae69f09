import { Box, Text } from 'ink';
import { purchaseNote, tierNote } from '../../format/describe.js';
import type { LineItem } from '../../model/estimate.js';
import { wrapped } from '../text.js';
import { Dim } from './Toned.js';

/**
 * Three lines about the selected line: what it is, how it is bought (coverage,
 * waste, spot's billed hours), which bands tiered egress fell into, and which of
 * its quantities are ranges in the file (shown, not editable).
 */
export function Detail({ line, ranges, width }: { line?: LineItem; ranges: string[]; width: number }) {
  if (!line) return <Box height={3} />;
  const what = line.kind === 'transfer' ? `${line.category}: ${line.description}` : `${line.description} · ${line.provider} ${line.region}`;
  const notes = [purchaseNote(line), tierNote(line), ranges.length ? `ranges in the file (edit it to change them): ${ranges.join('; ')}` : undefined];
  const note = notes.filter(Boolean).join(' · ');
  // What the line is gets two lines when it needs them and the notes leave room; nothing is cut that fits in three.
  const whatLines = wrapped(what, width, note && wrapped(note, width, 2).length > 1 ? 1 : 2);
  return (
    <Box flexDirection="column" height={3}>
      {whatLines.map((l, i) => (
        <Text key={`w${i}`}>{l}</Text>
      ))}
      {note
        ? wrapped(note, width, 3 - whatLines.length).map((l, i) => (
            <Dim key={i}>{l}</Dim>
          ))
        : null}
    </Box>
  );
}
