import { Box, Text } from 'ink';
import { rate } from '../../model/numbers.js';
import type { Choice } from '../choices.js';
import { pickerHeight } from '../layout.js';
import { activeDoc, pickerChoices, type Session } from '../state.js';
import { fit, left, right } from '../text.js';
import { Dim } from './Toned.js';

const TITLES = {
  instance: 'an instance type and region',
  region: 'a region',
  from: 'a transfer source',
  to: 'a transfer destination',
} as const;

/** Everything but the instance name has a fixed width; the name gets what is left (Azure's are long). */
const FIXED = 61;

function columns(width: number, cloud: string, instance: string, gpu: string, region: string, perHour: string, perGpu: string): string {
  const nameWidth = Math.max(10, Math.min(24, width - FIXED));
  return `${left(cloud, 5)} ${left(instance, nameWidth)} ${left(gpu, 12)} ${left(region, 15)} ${right(perHour, 11)} ${right(perGpu, 10)}`;
}

function choiceText(c: Choice, width: number): string {
  if (c.kind === 'endpoint') return c.endpoint;
  const gpu = c.gpu ? `${c.gpu.count}× ${c.gpu.model}` : 'no GPU';
  return columns(width, c.provider, c.instance, gpu, c.region, rate(c.perHour), c.perGpuHour ? rate(c.perGpuHour) : '');
}

/** " · ↑ 12 more above · ↓ 30 more below": rows scrolled out of view are counted, so a list never looks shorter than it is. */
function scrolled(top: number, shown: number, count: number): string {
  const below = count - top - shown;
  return `${top > 0 ? ` · ↑ ${top} more above` : ''}${below > 0 ? ` · ↓ ${below} more below` : ''}`;
}

/** A filterable list of choices for one field of the selected line; Enter applies the highlighted one. */
export function Picker({ session }: { session: Session }) {
  const mode = session.mode;
  if (mode.kind !== 'picker') return null;
  const width = session.size.cols - 1;
  const choices = pickerChoices(session);
  const doc = activeDoc(session);
  const index = mode.target[1] as number;
  const item = mode.target[0] === 'nodes' ? doc.current.scenario.nodes![index]! : doc.current.scenario.transfers![index]!;
  const purchase = mode.target[0] === 'nodes' && 'instance' in item ? ` (${item.purchase ?? 'on-demand'} prices)` : '';
  const gpu = mode.purpose === 'instance' ? ` · GPU: ${mode.gpu ?? 'any'} (Tab)` : '';
  const heads = mode.purpose === 'from' || mode.purpose === 'to' ? 'endpoint' : columns(width, 'cloud', 'instance', 'GPUs', 'region', '$/hour', '$/GPU-h');
  const visible = choices.slice(mode.top, mode.top + pickerHeight(session.size));
  return (
    <Box flexDirection="column">
      <Text bold>{fit(`${item.name}: pick ${TITLES[mode.purpose]}${purchase}`, width)}</Text>
      <Text>{fit(`filter: ${mode.filter}█${gpu} · ${choices.length} match${scrolled(mode.top, visible.length, choices.length)}`, width)}</Text>
      <Dim>{fit(`  ${heads}`, width)}</Dim>
      <Box flexDirection="column" height={pickerHeight(session.size)}>
        {visible.length === 0 ? <Text>nothing matches; Backspace widens the filter</Text> : null}
        {visible.map((c, i) => {
          const on = mode.top + i === mode.cursor;
          return (
            <Text key={c.kind === 'endpoint' ? c.endpoint : `${c.provider}/${c.instance}/${c.region}`} inverse={on}>
              {fit(`${on ? '▸ ' : '  '}${choiceText(c, width)}`, width)}
            </Text>
          );
        })}
      </Box>
      {session.message ? <Text>{fit(session.message.text, width)}</Text> : <Dim>{fit(mode.purpose === 'from' || mode.purpose === 'to' ? '↑/↓ move · type to filter · Enter apply · Esc cancel' : '↑/↓ · filter words, 8gpu, 80gb, <5 ($/GPU-h) · Enter apply · Esc cancel', width)}</Dim>}
    </Box>
  );
}
