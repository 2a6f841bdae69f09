import { Box, Text } from 'ink';
import { budgetLine, pricingLine } from '../../format/describe.js';
import type { Estimate } from '../../model/estimate.js';
import { fit, fitTail } from '../text.js';
import { Toned } from './Toned.js';

interface Props {
  estimate: Estimate;
  file: string;
  dirty: boolean;
  /** "2/3" when several scenarios are open. */
  position?: string;
  width: number;
}

/** Scenario name and file, the pricing tables and their dates, and the budget used. */
export function Header({ estimate, file, dirty, position, width }: Props) {
  // The position and name come first and the path gives way, from its left, so "2/3" survives a deep checkout.
  const head = `${position ? `${position} · ` : ''}${estimate.scenario} · `;
  const room = width - (dirty ? 12 : 0);
  const title = `${head}${fitTail(file, room - head.length)}`;
  const budget = budgetLine(estimate);
  const over = estimate.budget ? estimate.totals.total.gt(estimate.budget.monthly) : false;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{fit(title, room)}</Text>
        {dirty ? <Text> ● unsaved</Text> : null}
      </Text>
      <Text>{fit(`pricing: ${pricingLine(estimate)}`, width)}</Text>
      {budget ? <Toned tone={over ? 'dearer' : 'same'}>{fit(budget, width)}</Toned> : <Text>no budget set</Text>}
    </Box>
  );
}
