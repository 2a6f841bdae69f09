import { Box, Text } from 'ink';
import { ENTRY_KEYS, MAIN_KEYS } from '../keys.js';
import { fit, left } from '../text.js';

/** Every key, straight from the key map, so the overlay cannot drift from what the keys do. */
export function Help({ width }: { width: number }) {
  const line = (keys: string, does: string) => fit(`  ${left(keys, 25)} ${does}`, width);
  return (
    <Box flexDirection="column">
      <Text bold>{fit('keys (? or Esc closes this help)', width)}</Text>
      {MAIN_KEYS.map((b) => (
        <Text key={b.keys}>{line(b.keys, b.does)}</Text>
      ))}
      <Text bold>in pickers, number entry and questions</Text>
      {ENTRY_KEYS.map((b) => (
        <Text key={b.keys}>{line(b.keys, b.does)}</Text>
      ))}
    </Box>
  );
}
