import { Box, Text } from 'ink';
import type { ComparedLine, Comparison } from '../../engine/compare.js';
import { boughtText } from '../../format/compare/shared.js';
import { fit } from '../text.js';
import { Dim } from './Toned.js';

/** The moved lines with a purchase to show: node groups and commitments (a storage line has none). */
export function boughtLines(c: Comparison): ComparedLine[] {
  return c.lines.filter((l) => l.moved && l.items.some((_, i) => boughtText(l, i) !== undefined));
}

/** A blank and the heading; then per line its name and a row per plan. */
const HEAD_ROWS = 2;

interface Props {
  c: Comparison;
  /** Rows the view has left for this block: lines that do not fit are counted, not shown. */
  rows: number;
  width: number;
  letter: (i: number) => string;
}

/**
 * How each plan bought the moved lines, as `tollgate compare` notes them (the
 * option, $/GPU-hour, cover and waste, spot's billed hours, hours used of those
 * paid): one row per plan, cut to the terminal, and only what the rows left fit.
 */
export function CompareBought({ c, rows, width, letter }: Props) {
  const lines = boughtLines(c);
  const plans = c.scenarios.length;
  const each = 1 + plans;
  if (lines.length === 0 || rows < HEAD_ROWS + each) return null;
  let shown = Math.floor((rows - HEAD_ROWS) / each);
  // A line left out takes a row to say so.
  if (shown < lines.length) shown = Math.floor((rows - HEAD_ROWS - 1) / each);
  if (shown <= 0) return null;
  const rest = lines.length - shown;
  return (
    <Box flexDirection="column">
      <Box height={1} />
      <Text>{fit('how each plan bought what moved:', width)}</Text>
      {lines.slice(0, shown).map((l) => (
        <Box key={`${l.kind}:${l.name}`} flexDirection="column">
          <Text>{fit(`${l.name} (${l.kind})`, width)}</Text>
          {l.items.map((_, i) => (
            <Dim key={i}>{fit(`  ${letter(i)} ${boughtText(l, i) ?? '—'}`, width)}</Dim>
          ))}
        </Box>
      ))}
      {rest > 0 ? <Dim>{fit(`… and ${rest} more (tollgate compare lists them all)`, width)}</Dim> : null}
    </Box>
  );
}
