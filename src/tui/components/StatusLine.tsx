import { Text } from 'ink';
import { basename } from 'node:path';
import { activeDoc, compareMarks, type Session } from '../state.js';
import { fit } from '../text.js';
import { letter } from './CompareView.js';
import { Dim, Toned } from './Toned.js';

const QUESTIONS = {
  overwrite: 'the file changed on disk since it was opened; overwrite it? y / n',
  readonly: 'the file is read-only; overwrite it anyway? y / n',
  quit: 'quit without saving the changes? y / n (s saves first: press n, then s)',
} as const;

/** The keys that do something in the view shown, and in compare which column `s` saves. */
function hints(session: Session): string {
  if (session.mode.kind === 'compare') {
    const saves = letter(compareMarks(session).findIndex((m) => m.active));
    const tab = session.docs.length > 1 ? 'Tab next · ' : '';
    // What `s` writes comes first: it is the one thing here that touches a file.
    return `s saves ${saves} (${basename(activeDoc(session).file)}) · ${tab}u/U undo/redo · X reset · c list · ? keys · q quit`;
  }
  // Ranges make the uncertainty panel worth a place in the hints; the instance picker gives it up.
  const ranged = activeDoc(session).uncertain.length > 0;
  return `+/- nodes · Enter edit · ${ranged ? '' : 'i instance · '}s save · c compare · a actuals · ${ranged ? 'm spread · ' : ''}? keys`;
}

/** The bottom line: a question, the number being typed, the last message, or the key hints. */
export function StatusLine({ session, width, quiet = false }: { session: Session; width: number; quiet?: boolean }) {
  const { mode } = session;
  // `quiet`: the view shows the message elsewhere, whole; the keys go here instead.
  const message = quiet ? undefined : session.message;
  if (mode.kind === 'confirm' && mode.question === 'comments') {
    // The keys first: the comments after them may run past the line.
    return <Text bold>{fit(`comment now false? d drops · k keeps · Esc: ${mode.about}`, width)}</Text>;
  }
  if (mode.kind === 'confirm') return <Text bold>{fit(QUESTIONS[mode.question as keyof typeof QUESTIONS], width)}</Text>;
  if (mode.kind === 'input') return <Text>{fit(`${mode.label}: ${mode.text}█  Enter apply · Esc cancel`, width)}</Text>;
  if (message) {
    return message.tone === 'error' ? <Toned tone="dearer">{fit(`✗ ${message.text}`, width)}</Toned> : <Text>{fit(message.text, width)}</Text>;
  }
  return <Dim>{fit(hints(session), width)}</Dim>;
}
