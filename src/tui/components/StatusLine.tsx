import { Text } from 'ink';
import { activeDoc, type Session } from '../state.js';
import { fit } from '../text.js';
import { Dim, Toned } from './Toned.js';

const QUESTIONS = {
  overwrite: 'the file changed on disk since it was opened; overwrite it? y / n',
  readonly: 'the file is read-only; overwrite it anyway? y / n',
  quit: 'quit without saving the changes? y / n (s saves first: press n, then s)',
} as const;

/** The bottom line: a question, the number being typed, the last message, or the key hints. */
export function StatusLine({ session, width }: { session: Session; width: number }) {
  const { mode, message } = session;
  if (mode.kind === 'confirm') return <Text bold>{fit(QUESTIONS[mode.question], width)}</Text>;
  if (mode.kind === 'input') return <Text>{fit(`${mode.label}: ${mode.text}█  Enter apply · Esc cancel`, width)}</Text>;
  if (message) {
    return message.tone === 'error' ? <Toned tone="dearer">{fit(`✗ ${message.text}`, width)}</Toned> : <Text>{fit(message.text, width)}</Text>;
  }
  // Ranges make the uncertainty panel worth a place in the hints; the instance picker gives it up.
  const ranged = activeDoc(session).uncertain.length > 0;
  return <Dim>{fit(`+/- nodes · Enter edit · ${ranged ? '' : 'i instance · '}s save · c compare · a actuals · ${ranged ? 'm spread · ' : ''}? keys`, width)}</Dim>;
}
