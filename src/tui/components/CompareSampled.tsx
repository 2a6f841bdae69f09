import { Box, Text } from 'ink';
import { DEFAULT_SAMPLES, DEFAULT_SEED } from '../../engine/sampling-defaults.js';
import { count, money, percent } from '../../model/numbers.js';
import type { CompareSampling } from '../compare-sampling.js';
import { fit } from '../text.js';
import { Spinner } from './Spinner.js';

/** Rows the sampled figures take, placeholder included, so the view does not jump when they land. */
export const SAMPLED_ROWS = 3;

interface Props {
  sampling: CompareSampling;
  width: number;
  row: (label: string, cells: string[]) => string;
}

/**
 * Under the totals of plans with ranges: each total's p50 and p95 and each
 * plan's chance of costing less than the first, as `tollgate compare` prints
 * them; a plan without ranges has no spread, only its chance against the first.
 */
export function CompareSampled({ sampling, width, row }: Props) {
  if (sampling.step === 'sampling') {
    return (
      <Box height={SAMPLED_ROWS}>
        <Text>
          <Spinner /> {fit(`sampling ${count(DEFAULT_SAMPLES)} samples of each plan (seed ${DEFAULT_SEED})…`, width - 2)}
        </Text>
      </Box>
    );
  }
  const at = (p: number) => sampling.uncertainties.map((u) => (u ? money(u.monteCarlo.spreads.total.percentiles.get(p)!) : ''));
  return (
    <Box flexDirection="column">
      <Text>{row('TOTAL p50', at(50))}</Text>
      <Text>{row('TOTAL p95', at(95))}</Text>
      <Text>{row('P(< first)', sampling.cheaper.map((p, i) => (i === 0 ? '—' : p ? percent(p) : '')))}</Text>
    </Box>
  );
}
