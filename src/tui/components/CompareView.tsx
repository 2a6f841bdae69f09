import { Box, Text } from 'ink';
import { Decimal } from '../../model/decimal.js';
import { money, percent } from '../../model/numbers.js';
import { widest } from '../columns.js';
import { comparison, compareMarks, type Session } from '../state.js';
import { deltaText, fit, left, right, toneOf } from '../text.js';
import { CompareBought } from './CompareBought.js';
import { CompareSampled, SAMPLED_ROWS } from './CompareSampled.js';
import { StatusLine } from './StatusLine.js';
import { Dim, Toned } from './Toned.js';

const LABEL = 14;
/** A, B, C, D, as `tollgate compare` names plans: cut labels that begin alike still tell apart. */
export const letter = (i: number) => String.fromCharCode(65 + i);

// Title, blank, column heads, TOTAL, vs first, its percents, cheapest; then a blank and the status line, and the free row.
const CHROME = 10;

/** "58%" of its own budget, "OVER 112%" past it, or "no budget". */
function budgetNote(total: Decimal, budget: Decimal | undefined): string {
  if (!budget) return 'no budget';
  const used = budget.isZero() ? '' : percent(total.div(budget), 0);
  return total.gt(budget) ? `OVER ${used}`.trim() : used;
}

/**
 * Per category and total, deltas against the first column, the cheapest
 * starred, the sampled spread when plans have ranges, each total drawn
 * against its own budget (as `tollgate compare` holds each plan to its own)
 * and how each plan bought the lines that moved, as far as the terminal has
 * the rows for them. The column being edited (the one `s`
 * saves) is marked ◂ and unsaved columns ●.
 */
export function CompareView({ session }: { session: Session }) {
  const width = session.size.cols - 1;
  const { columns, c } = comparison(session);
  const marks = compareMarks(session);
  const sampling = session.compareSampling;
  // Every amount the columns show, so the columns are as wide as the widest one (a space always between them).
  const cheapest = (i: number) => c.total.lowest.includes(i);
  const totals = c.total.costs.map((v, i) => `${cheapest(i) ? '★ ' : ''}${money(v)}`);
  const amounts = [...c.categories.flatMap((cat) => cat.costs.map((v) => money(v))), ...totals, ...c.total.deltas.map(deltaText)];
  const cell = Math.max(12, widest(amounts) + 1, Math.floor((width - LABEL) / columns.length));
  const label = Math.max(11, Math.min(LABEL, width - cell * columns.length));
  const row = (name: string, cells: string[]) => `${left(name, label)}${cells.map((t) => right(t, cell)).join('')}`;
  const heads = columns.map((x, i) => {
    const mark = `${marks[i]!.dirty ? ' ●' : ''}${marks[i]!.active ? ' ◂' : ''}`;
    return `${fit(`${letter(i)} ${x.label}`, cell - 1 - mark.length)}${mark}`;
  });
  const budgets = columns.map((x) => x.estimate.budget?.monthly);
  const scale = Decimal.max(0, ...budgets.filter((b): b is Decimal => b !== undefined), ...c.total.costs);
  const notes = c.total.costs.map((v, i) => budgetNote(v, budgets[i]));
  const barWidth = Math.max(10, width - LABEL - 1 - widest(notes));
  // Bar lengths are pictures of ratios: rounding them to whole cells is rendering, not money arithmetic.
  const cellsFor = (v: Decimal) => (scale.isZero() ? 0 : v.times(barWidth).div(scale).toDecimalPlaces(0).toNumber());
  const shared = budgets.every((b) => b && budgets[0] && b.eq(budgets[0]));
  // The budget bars (a blank, their heading, one per plan) are the first thing a short terminal gives up.
  const table = CHROME + c.categories.length + (sampling ? SAMPLED_ROWS : 0);
  const barsFit = table + 2 + columns.length <= session.size.rows;
  // How each plan bought the moved lines takes the rows the bars leave: it goes before them.
  const boughtRows = session.size.rows - table - (barsFit ? 2 + columns.length : 0);
  return (
    <Box flexDirection="column">
      <Text bold>{fit(`compare · ${columns.length} scenarios · deltas against the first`, width)}</Text>
      <Box height={1} />
      <Text bold>{row('', heads)}</Text>
      {c.categories.map((cat) => (
        <Text key={cat.category}>{row(cat.category, cat.costs.map((v) => money(v)))}</Text>
      ))}
      <Text bold>{row('TOTAL', totals)}</Text>
      <Text>
        {left('vs first', label)}
        {c.total.deltas.map((d, i) => (
          <Toned key={i} tone={toneOf(d)}>
            {right(i === 0 ? '—' : deltaText(d), cell)}
          </Toned>
        ))}
      </Text>
      <Text>{row('', c.total.percents.map((p, i) => (i === 0 || !p ? '' : `${p.isNegative() ? '' : '+'}${percent(p)}`)))}</Text>
      <Dim>{row('', columns.map((_, i) => (cheapest(i) ? '★ cheapest' : '')))}</Dim>
      {sampling ? <CompareSampled sampling={sampling} width={width} row={row} /> : null}
      {barsFit ? (
        <>
          <Box height={1} />
          <Text>
            {fit(shared ? `budget ${money(budgets[0]!)}/month: │ marks it` : 'each plan against its own budget: │ marks it', width)}
          </Text>
          {columns.map((x, i) => {
            const total = c.total.costs[i]!;
            const budget = budgets[i];
            const bar = [...'█'.repeat(cellsFor(total)).padEnd(barWidth, '░')];
            if (budget) bar[Math.min(barWidth - 1, cellsFor(budget))] = '│';
            return (
              <Text key={i}>
                {`${left(`${letter(i)} ${x.label}`, LABEL - 1)} `}
                {bar.join('')}
                <Toned tone={budget && total.gt(budget) ? 'dearer' : 'same'}>{` ${notes[i]}`}</Toned>
              </Text>
            );
          })}
        </>
      ) : null}
      <CompareBought c={c} rows={boughtRows} width={width} letter={letter} />
      <Box height={1} />
      <StatusLine session={session} width={width} />
    </Box>
  );
}
