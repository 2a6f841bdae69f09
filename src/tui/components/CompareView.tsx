import { Box, Text } from 'ink';
import { Decimal } from '../../model/decimal.js';
import { money, percent } from '../../model/numbers.js';
import { comparison, type Session } from '../state.js';
import { deltaText, fit, left, right, toneOf } from '../text.js';
import { CompareSampled, SAMPLED_ROWS } from './CompareSampled.js';
import { StatusLine } from './StatusLine.js';
import { Dim, Toned } from './Toned.js';

const LABEL = 14;
/** A, B, C, D, as `tollgate compare` names plans: cut labels that begin alike still tell apart. */
const letter = (i: number) => String.fromCharCode(65 + i);

// Title, blank, column heads, TOTAL, vs first, its percents, cheapest; then a blank and the status line, and the free row.
const CHROME = 10;

/**
 * Per category and total, deltas against the first column, the cheapest
 * starred, the sampled spread when plans have ranges, and each total drawn
 * against the budget when the terminal has the rows for it.
 */
export function CompareView({ session }: { session: Session }) {
  const width = session.size.cols - 1;
  const { columns, c } = comparison(session);
  const sampling = session.compareSampling;
  const cell = Math.max(12, Math.floor((width - LABEL) / columns.length));
  const row = (label: string, cells: string[]) => `${left(label, LABEL)}${cells.map((t) => right(t, cell)).join('')}`;
  const budget = columns[0]!.estimate.budget?.monthly;
  const scale = Decimal.max(budget ?? 0, ...c.total.costs);
  const barWidth = Math.max(10, width - LABEL - 16);
  // Bar lengths are pictures of ratios: rounding them to whole cells is rendering, not money arithmetic.
  const cellsFor = (v: Decimal) => (scale.isZero() ? 0 : v.times(barWidth).div(scale).toDecimalPlaces(0).toNumber());
  const budgetAt = budget ? Math.min(barWidth - 1, cellsFor(budget)) : undefined;
  // The budget bars (a blank, their heading, one per plan) are the first thing a short terminal gives up.
  const barsFit = CHROME + c.categories.length + (sampling ? SAMPLED_ROWS : 0) + 2 + columns.length <= session.size.rows;
  return (
    <Box flexDirection="column">
      <Text bold>{fit(`compare · ${columns.length} scenarios · deltas against the first`, width)}</Text>
      <Box height={1} />
      <Text bold>{row('', columns.map((x, i) => fit(`${letter(i)} ${x.label}`, cell - 1)))}</Text>
      {c.categories.map((cat) => (
        <Text key={cat.category}>{row(cat.category, cat.costs.map((v) => money(v)))}</Text>
      ))}
      <Text bold>{row('TOTAL', c.total.costs.map((v, i) => `${i === c.cheapest ? '★ ' : ''}${money(v)}`))}</Text>
      <Text>
        {left('vs first', LABEL)}
        {c.total.deltas.map((d, i) => (
          <Toned key={i} tone={toneOf(d)}>
            {right(i === 0 ? '—' : deltaText(d), cell)}
          </Toned>
        ))}
      </Text>
      <Text>{row('', c.total.percents.map((p, i) => (i === 0 || !p ? '' : `${p.isNegative() ? '' : '+'}${percent(p)}`)))}</Text>
      <Dim>{row('', columns.map((_, i) => (i === c.cheapest ? '★ cheapest' : '')))}</Dim>
      {sampling ? <CompareSampled sampling={sampling} width={width} row={row} /> : null}
      {barsFit ? (
        <>
          <Box height={1} />
          {budget ? <Text>{fit(`budget ${money(budget)}/month: │ marks it`, width)}</Text> : <Text>no budget set in {columns[0]!.label}</Text>}
          {columns.map((x, i) => {
            const total = c.total.costs[i]!;
            const filled = cellsFor(total);
            const bar = [...'█'.repeat(filled).padEnd(barWidth, '░')];
            if (budgetAt !== undefined) bar[budgetAt] = '│';
            const over = budget ? total.gt(budget) : false;
            return (
              <Text key={i}>
                {`${left(`${letter(i)} ${x.label}`, LABEL - 1)} `}
                {bar.join('')}
                <Toned tone={over ? 'dearer' : 'same'}>{` ${over ? 'OVER' : budget ? percent(total.div(budget), 0) : ''}`}</Toned>
              </Text>
            );
          })}
        </>
      ) : null}
      <Box height={1} />
      <StatusLine session={session} width={width} />
    </Box>
  );
}
