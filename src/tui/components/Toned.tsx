import { createContext, useContext, type ReactNode } from 'react';
import { Text } from 'ink';
import type { Tone } from '../text.js';

/** False under NO_COLOR; every coloured piece of text goes through <Toned> so it is honoured everywhere. */
export const ColourContext = createContext(true);

const COLOURS: Record<Tone, string | undefined> = { cheaper: 'green', dearer: 'red', same: undefined };

export function Toned({ tone, children }: { tone: Tone; children: ReactNode }) {
  const colour = useContext(ColourContext);
  return <Text color={colour ? COLOURS[tone] : undefined}>{children}</Text>;
}

/** Dim is an attribute, not a colour, but NO_COLOR users asked for plain text, so it goes too. */
export function Dim({ children }: { children: ReactNode }) {
  const colour = useContext(ColourContext);
  return <Text dimColor={colour}>{children}</Text>;
}
