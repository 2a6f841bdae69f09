import { Box, Text } from 'ink';
import { entryPrompt } from '../number-entry.js';
import { entryLimits, typedEntry, type Session } from '../state.js';
import { fit, wrapped } from '../text.js';
import { Dim, Toned } from './Toned.js';

/**
 * In place of the detail lines while a number is typed: what the field takes
 * (its limits included), what the text reads as in the field's unit, and, once
 * Enter refused it, why and what would do.
 */
export function EntryPanel({ session, width }: { session: Session; width: number }) {
  const mode = session.mode;
  if (mode.kind !== 'input') return null;
  const entry = typedEntry(session)!;
  const refused = session.message?.tone === 'error' ? session.message.text : undefined;
  const reading = entry.ok && entry.note ? `reads as ${entry.note}; Enter applies it` : '';
  return (
    <Box flexDirection="column" height={3}>
      <Text>{fit(`${mode.label}: ${entryPrompt(mode.field, entryLimits(session))}`, width)}</Text>
      {refused ? (
        <>
          <Toned tone="dearer">{fit(`✗ ${refused}`, width)}</Toned>
          {!entry.ok && entry.hint ? <Dim>{fit(entry.hint, width)}</Dim> : null}
        </>
      ) : (
        wrapped(reading, width, 2).map((l, i) => <Text key={i}>{l}</Text>)
      )}
    </Box>
  );
}
