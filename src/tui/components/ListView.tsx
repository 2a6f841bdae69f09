import { Box, Text } from 'ink';
import { CATEGORIES } from '../../model/estimate.js';
import type { Decimal } from '../../model/decimal.js';
import { money } from '../../model/numbers.js';
import { listHeight } from '../layout.js';
import { lineDeltas } from '../rows.js';
import { activeDoc, isDirty, rows, selectedLine, selectedRanges, type Session } from '../state.js';
import { deltaText, right, toneOf, wrapped } from '../text.js';
import { Detail } from './Detail.js';
import { EntryPanel } from './EntryPanel.js';
import { Header } from './Header.js';
import { LineList } from './LineList.js';
import { StatusLine } from './StatusLine.js';
import { Toned } from './Toned.js';

/** The main screen: header, the scrolling breakdown, the selected line's detail, the total and the status line. */
export function ListView({ session }: { session: Session }) {
  const doc = activeDoc(session);
  const width = session.size.cols - 1;
  const { estimate } = doc.current;
  const saved = doc.saved.estimate;
  const categoryDeltas = new Map<string, Decimal>();
  for (const c of CATEGORIES) {
    const d = estimate.totals[c].minus(saved.totals[c]);
    if (!d.isZero()) categoryDeltas.set(c, d);
  }
  const total = estimate.totals.total.minus(saved.totals.total);
  const all = rows(session);
  const long = session.mode.kind !== 'input' && session.message && session.message.text.length + 2 > width ? session.message : undefined;
  // A reason longer than the rule and the three detail lines borrows rows from the list until the next key, so its hint is never cut.
  const full = listHeight(session.size);
  const reason = long ? wrapped(`${long.tone === 'error' ? '✗ ' : ''}${long.text}`, width, 4 + Math.max(0, full - 3)) : [];
  const height = full - Math.max(0, reason.length - 4);
  const visible = all.slice(session.top, session.top + height);
  // Rows scrolled out of view are counted on the rule, so a long plan never looks shorter than it is.
  const below = Math.max(0, all.length - session.top - height);
  const hidden = [session.top ? `↑ ${session.top} above` : '', below ? `↓ ${below} below` : ''].filter(Boolean).join(' · ');
  const rule = hidden ? `── ${hidden} ${'─'.repeat(Math.max(0, width - hidden.length - 4))}` : '─'.repeat(width);
  return (
    <Box flexDirection="column">
      <Header
        estimate={estimate}
        file={doc.file}
        dirty={isDirty(doc)}
        position={session.docs.length > 1 ? `${session.active + 1}/${session.docs.length}` : undefined}
        width={width}
      />
      <Box flexDirection="column" height={height}>
        <LineList rows={visible} categories={all.filter((r) => r.type === 'category')} selected={session.selected} deltas={lineDeltas(saved, estimate)} categoryDeltas={categoryDeltas} width={width} />
      </Box>
      {long ? null : <Text>{rule}</Text>}
      {session.mode.kind === 'input' ? (
        <EntryPanel session={session} width={width} />
      ) : long ? (
        // A reason longer than the status line gets the rule and the detail lines until the next key, whole.
        <Box flexDirection="column" height={Math.max(4, reason.length)}>
          {reason.map((l, i) => (
            <Toned key={i} tone={long.tone === 'error' ? 'dearer' : 'same'}>
              {l}
            </Toned>
          ))}
        </Box>
      ) : (
        <Detail line={selectedLine(session)} ranges={selectedRanges(session)} width={width} />
      )}
      <Text>
        <Text bold>{`TOTAL per month ${right(money(estimate.totals.total), 14)}`}</Text>
        {total.isZero() ? null : <Toned tone={toneOf(total)}>{`  ${deltaText(total)} vs saved`}</Toned>}
      </Text>
      <StatusLine session={session} width={width} quiet={long !== undefined} />
    </Box>
  );
}
