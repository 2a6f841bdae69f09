import { Box, Text } from 'ink';
import type { Decimal } from '../../model/decimal.js';
import { quantityTimesRate } from '../../format/describe.js';
import { money, percent } from '../../model/numbers.js';
import type { Row } from '../rows.js';
import { PATH_TAG, deltaText, left, right, toneOf } from '../text.js';
import { Toned } from './Toned.js';

interface Props {
  /** Only the rows that fit: rendering cost grows with rows, so the caller slices. */
  rows: Row[];
  selected?: string;
  deltas: ReadonlyMap<string, Decimal>;
  categoryDeltas: ReadonlyMap<string, Decimal>;
  width: number;
}

const COST = 11;
const DELTA = 12;

function Delta({ delta, width }: { delta?: Decimal; width: number }) {
  return delta ? <Toned tone={toneOf(delta)}>{right(deltaText(delta), width)}</Toned> : <Text>{' '.repeat(width)}</Text>;
}

/** Category headings with a bar for their share of the total, each followed by its lines. */
export function LineList({ rows, selected, deltas, categoryDeltas, width }: Props) {
  const usage = rows.map((r) => (r.type === 'line' ? quantityTimesRate(r.line) : ''));
  const usageWidth = Math.min(30, Math.max(0, ...usage.map((u) => u.length)));
  // The delta column only takes room once something changed; until then names get it.
  const deltaWidth = deltas.size || categoryDeltas.size ? DELTA : 0;
  const nameWidth = Math.max(8, width - 4 - usageWidth - COST - deltaWidth);
  return (
    <Box flexDirection="column">
      {rows.map((row, i) => {
        if (row.type === 'category') {
          const label = `${row.category.toUpperCase()} ${percent(row.share, 0).padStart(4)} `;
          const barWidth = Math.max(0, width - COST - deltaWidth - label.length);
          // A bar is a picture of a ratio: rounding it to whole cells is rendering, not money arithmetic.
          const filled = row.share.times(barWidth).toDecimalPlaces(0).toNumber();
          return (
            <Text key={`c:${row.category}`}>
              <Text bold>{label}</Text>
              {'█'.repeat(filled)}
              {'░'.repeat(barWidth - filled)}
              <Text bold>{right(money(row.total), COST)}</Text>
              <Delta delta={categoryDeltas.get(row.category)} width={deltaWidth} />
            </Text>
          );
        }
        const on = row.key === selected;
        const path = row.line.path ? ` ${PATH_TAG[row.line.path]}` : '';
        return (
          <Text key={row.key} inverse={on}>
            {on ? '▸ ' : '  '}
            {left(`${row.line.name}${path}`, nameWidth)} {right(usage[i]!, usageWidth)} {right(money(row.line.cost), COST)}
            <Delta delta={deltas.get(row.key)} width={deltaWidth} />
          </Text>
        );
      })}
    </Box>
  );
}
