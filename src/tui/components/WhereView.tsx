import { Box, Text } from 'ink';
import { whereHeight } from '../layout.js';
import { activeDoc, type Session } from '../state.js';
import { fit } from '../text.js';
import { WHERE_HEADER, whereLine } from '../where-state.js';
import { Dim } from './Toned.js';

/** The `w` panel: the node group's placements ranked by the plan's total, the cursor's row marked. Only visible rows are drawn. */
export function WhereView({ session }: { session: Session }) {
  if (session.mode.kind !== 'where') return null;
  const view = session.mode.view;
  const width = session.size.cols - 1;
  const height = whereHeight(session.size);
  const end = Math.min(view.rows.length, view.top + height);
  return (
    <Box flexDirection="column">
      <Text bold>{fit(`where should ${view.group} sit? · ${activeDoc(session).current.estimate.scenario} · ${view.rows.length} placements`, width)}</Text>
      <Dim>{fit(` ${WHERE_HEADER}`, width)}</Dim>
      <Box flexDirection="column" height={height}>
        {view.rows.slice(view.top, end).map((row, i) => {
          const at = view.top + i === view.cursor;
          return (
            <Text key={row.rank} inverse={at}>
              {fit(`${at ? '›' : ' '}${whereLine(row)}`, width)}
            </Text>
          );
        })}
      </Box>
      <Dim>{fit(view.notes[0] ?? '', width)}</Dim>
      <Dim>{fit(`Enter moves ${view.group} there (u undoes) · Esc back · ${view.cursor + 1} of ${view.rows.length}`, width)}</Dim>
    </Box>
  );
}
