import { memo } from 'react';
import { Box, Text } from 'ink';
import type { Decimal } from '../../model/decimal.js';
import { quantityTimesRate } from '../../format/describe.js';
import { money, percent } from '../../model/numbers.js';
import { widest } from '../columns.js';
import type { Row } from '../rows.js';
import { PATH_TAG, deltaText, left, right, toneOf } from '../text.js';
import { Toned } from './Toned.js';

interface Props {
  /** Only the rows that fit: rendering cost grows with rows, so the caller slices. */
  rows: Row[];
  /** Every category heading, shown or scrolled away: the amount column fits the largest, so it never jumps. */
  categories: readonly Row[];
  selected?: string;
  deltas: ReadonlyMap<string, Decimal>;
  categoryDeltas: ReadonlyMap<string, Decimal>;
  width: number;
}

const NAME = 8;
const USAGE = 30;

function Delta({ delta, width }: { delta?: Decimal; width: number }) {
  if (width === 0) return null;
  // The space before the delta is part of the column: an amount and its delta never run together.
  return delta ? <Toned tone={toneOf(delta)}>{` ${right(deltaText(delta), width)}`}</Toned> : <Text>{' '.repeat(width + 1)}</Text>;
}

/**
 * One line's row, from its finished text: a keystroke re-prices a line or two, and
 * React skips every row whose text, selection and delta are as they were.
 */
const LineRow = memo(function LineRow({ on, text, delta, deltaWidth }: { on: boolean; text: string; delta?: Decimal; deltaWidth: number }) {
  return (
    <Text inverse={on}>
      {on ? '▸ ' : '  '}
      {text}
      <Delta delta={delta} width={deltaWidth} />
    </Text>
  );
}, (a, b) => a.on === b.on && a.text === b.text && a.deltaWidth === b.deltaWidth && (a.delta === b.delta || (!!a.delta && !!b.delta && a.delta.eq(b.delta))));

/**
 * Category headings with a bar for their share of the total, each followed by
 * its lines. The amount and delta columns are as wide as the widest figure
 * shown (eight figures and more fit); what gives way is the bar, then the
 * usage text, then the name, never a number.
 */
export function LineList({ rows, categories, selected, deltas, categoryDeltas, width }: Props) {
  const money_ = (r: Row) => money(r.type === 'line' ? r.line.cost : r.total);
  const costWidth = widest([...categories, ...rows].map(money_));
  const shownDeltas = [...categoryDeltas.values(), ...rows.flatMap((r) => (r.type === 'line' && deltas.has(r.key) ? [deltas.get(r.key)!] : []))];
  // The delta column only takes room once something changed; until then names get it.
  const deltaWidth = deltas.size || categoryDeltas.size ? widest(shownDeltas.map(deltaText), 12) : 0;
  const deltaRoom = deltaWidth ? deltaWidth + 1 : 0;
  const usage = rows.map((r) => (r.type === 'line' ? quantityTimesRate(r.line) : ''));
  // "▸ " name " " usage " " cost [" " delta]
  const fixed = 4 + costWidth + deltaRoom;
  const usageWidth = Math.max(0, Math.min(USAGE, widest(usage), width - fixed - NAME));
  const nameWidth = Math.max(0, width - fixed - usageWidth);
  return (
    <Box flexDirection="column">
      {rows.map((row, i) => {
        if (row.type === 'category') {
          const label = `${row.category.toUpperCase().padEnd(7)} ${percent(row.share, 0).padStart(4)} `;
          const barWidth = Math.max(0, width - label.length - 1 - costWidth - deltaRoom);
          // A bar is a picture of a ratio: rounding it to whole cells is rendering, not money arithmetic.
          const filled = Math.min(barWidth, row.share.times(barWidth).toDecimalPlaces(0).toNumber());
          return (
            <Text key={`c:${row.category}`}>
              <Text bold>{label}</Text>
              {'█'.repeat(filled)}
              {'░'.repeat(barWidth - filled)}
              <Text bold>{` ${right(money(row.total), costWidth)}`}</Text>
              <Delta delta={categoryDeltas.get(row.category)} width={deltaWidth} />
            </Text>
          );
        }
        const path = row.line.path ? ` ${PATH_TAG[row.line.path]}` : '';
        const text = `${left(`${row.line.name}${path}`, nameWidth)} ${right(usage[i]!, usageWidth)} ${right(money(row.line.cost), costWidth)}`;
        return <LineRow key={row.key} on={row.key === selected} text={text} delta={deltas.get(row.key)} deltaWidth={deltaWidth} />;
      })}
    </Box>
  );
}
