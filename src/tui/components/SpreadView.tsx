import { Box, Text } from 'ink';
import { DEFAULT_SAMPLES, DEFAULT_SEED } from '../../engine/sampling-defaults.js';
import { spreadHeight } from '../layout.js';
import { spreadLines } from '../spread-state.js';
import { activeDoc, isDirty, type Session } from '../state.js';
import { fit } from '../text.js';
import { Spinner } from './Spinner.js';
import { Dim } from './Toned.js';
import { count } from '../../model/numbers.js';

/**
 * The uncertainty panel: expected, p50/p90/p95 and P(over budget) for the plan
 * as edited, and the tornado of the inputs that drive it, in the words and
 * layout of `tollgate estimate`. Only the lines that fit are drawn.
 */
export function SpreadView({ session }: { session: Session }) {
  if (session.mode.kind !== 'spread') return null;
  const view = session.mode.view;
  const width = session.size.cols - 1;
  const doc = activeDoc(session);
  const edited = view.step === 'shown' ? view.edited : isDirty(doc);
  const plan = edited ? 'the edited plan (not saved)' : 'the saved plan';
  if (view.step === 'sampling') {
    return (
      <Box flexDirection="column">
        <Text bold>{fit(`uncertainty · ${doc.current.estimate.scenario} · ${plan}`, width)}</Text>
        <Text>
          <Spinner /> {fit(`sampling ${count(DEFAULT_SAMPLES)} plans (seed ${DEFAULT_SEED})…`, width - 2)}
        </Text>
      </Box>
    );
  }
  const height = spreadHeight(session.size);
  const lines = spreadLines(doc.current.estimate, view.uncertainty);
  const top = Math.min(view.top, Math.max(0, lines.length - height));
  const end = Math.min(lines.length, top + height);
  const scroll = lines.length > height ? ` · j/k scroll (${top + 1}–${end} of ${lines.length})` : '';
  return (
    <Box flexDirection="column">
      <Text bold>{fit(`uncertainty · ${doc.current.estimate.scenario} · ${plan} · sampled in ${view.ms} ms`, width)}</Text>
      <Box flexDirection="column" height={height}>
        {lines.slice(top, end).map((line, i) => (
          <Text key={top + i}>{fit(line, width)}</Text>
        ))}
      </Box>
      <Dim>{fit(`Esc back${scroll}`, width)}</Dim>
    </Box>
  );
}
