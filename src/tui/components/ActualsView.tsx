import { Box, Text } from 'ink';
import { billingSource, sourceList } from '../../actuals/sources/index.js';
import type { ActualsView as View } from '../actuals-state.js';
import { activeDoc, isDirty, type Session } from '../state.js';
import { fit, left, wrapped } from '../text.js';
import { ActualsReport } from './ActualsReport.js';
import { Spinner } from './Spinner.js';
import { Dim, Toned } from './Toned.js';

const HINTS = {
  source: sourceList((s) => s.help, ', or '),
  month: 'YYYY-MM',
} as const;

function Prompt({ view, width }: { view: Extract<View, { step: 'ask' }>; width: number }) {
  return (
    <Box flexDirection="column">
      {(['source', 'month'] as const).map((field) => {
        const on = view.field === field;
        return (
          <Text key={field} inverse={on}>
            {fit(`${on ? '▸ ' : '  '}${left(field, 7)} ${view[field]}${on ? '█' : ''}`, width)}
          </Text>
        );
      })}
      <Box height={1} />
      <Dim>{fit(`${view.field}: ${HINTS[view.field]}`, width)}</Dim>
      {view.problem ? <Toned tone="dearer">{fit(`✗ ${view.problem}`, width)}</Toned> : null}
    </Box>
  );
}

/** What is being paid for while it runs: Cost Explorer bills each request, BigQuery each query's scan. */
function Fetching({ view, width }: { view: Extract<View, { step: 'fetching' }>; width: number }) {
  const { source, month } = view.request;
  const n = view.requests;
  const detail = billingSource(source).progress.detail(n);
  return (
    <Box flexDirection="column">
      <Text>
        <Spinner /> {fit(`fetching actuals for ${month} from ${source}…`, width - 2)}
      </Text>
      <Text>{fit(`  ${detail}`, width)}</Text>
    </Box>
  );
}

function Failed({ view, width }: { view: Extract<View, { step: 'failed' }>; width: number }) {
  return (
    <Box flexDirection="column">
      <Toned tone="dearer">{fit(`✗ no actuals for ${view.request.month} from ${view.request.source}:`, width)}</Toned>
      {view.error
        .split('\n')
        .flatMap((line) => wrapped(line, width - 2, 4))
        .slice(0, 12)
        .map((line, i) => (
          <Text key={i}>{`  ${line}`}</Text>
        ))}
    </Box>
  );
}

const STATUS = {
  ask: 'type · Tab next field · Enter fetch · Esc back',
  fetching: 'Esc back (the answer is dropped)',
  shown: 'a another month or source · Esc back to the plan',
  failed: 'a try another source or month · Esc back to the plan',
} as const;

/** The actuals view: the prompt, the fetch under way, the report, or what went wrong. */
export function ActualsView({ session }: { session: Session }) {
  if (session.mode.kind !== 'actuals') return null;
  const view = session.mode.view;
  const width = session.size.cols - 1;
  const doc = activeDoc(session);
  const plan = isDirty(doc) ? 'the edited plan (not saved)' : 'the saved plan';
  let body;
  if (view.step === 'shown') body = <ActualsReport report={view.report} width={width} rows={session.size.rows} />;
  else {
    body = (
      <Box flexDirection="column">
        <Text bold>{fit(`actuals · ${doc.current.estimate.scenario} · compared with ${plan}`, width)}</Text>
        <Box height={1} />
        {view.step === 'ask' ? <Prompt view={view} width={width} /> : view.step === 'fetching' ? <Fetching view={view} width={width} /> : <Failed view={view} width={width} />}
        <Box height={1} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      {body}
      <Dim>{fit(STATUS[view.step], width)}</Dim>
    </Box>
  );
}
