import { useEffect } from 'react';
import { Text, useApp, useInput, useStdin, useStdout } from 'ink';
import { tooSmall } from './columns.js';
import { ActualsView } from './components/ActualsView.js';
import { CompareView } from './components/CompareView.js';
import { Help } from './components/Help.js';
import { ListView } from './components/ListView.js';
import { Picker } from './components/Picker.js';
import { SpreadView } from './components/SpreadView.js';
import { WhereView } from './components/WhereView.js';
import { ColourContext } from './components/Toned.js';
import type { Session } from './state.js';
import { useActualsFetch } from './use-actuals.js';
import { useCompareSampling } from './use-compare-sampling.js';
import { useSession } from './use-session.js';
import { useSpreadSampling } from './use-spread.js';

interface Props {
  initial: Session;
  colour: boolean;
}

/** Wires keys, resizes and the views together; everything it shows comes from the session state. */
export function App({ initial, colour }: Props) {
  const { exit } = useApp();
  const { state, dispatch, onKey } = useSession(initial, exit);
  const { isRawModeSupported } = useStdin();
  const { stdout } = useStdout();
  // useInput throws without a raw-mode TTY; such runs never get here from the CLI, but tests and embedders might.
  useInput(onKey, { isActive: isRawModeSupported === true });
  // The slow work (a bill, Monte Carlo) runs outside the reducer and reports back as actions.
  useActualsFetch(state, dispatch);
  useSpreadSampling(state, dispatch);
  useCompareSampling(state, dispatch);

  useEffect(() => {
    const onResize = () => dispatch({ type: 'resize', size: { cols: stdout.columns || 80, rows: stdout.rows || 24 } });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, dispatch]);

  const kind = state.mode.kind;
  const small = tooSmall(state.size);
  let view;
  // A frame laid out for more room than there is would cut figures into wrong ones; say so instead.
  if (small) view = <Text>{`${small}; resize it, or q to quit`}</Text>;
  else if (kind === 'picker') view = <Picker session={state} />;
  else if (kind === 'compare') view = <CompareView session={state} />;
  else if (kind === 'help') view = <Help width={state.size.cols - 1} />;
  else if (kind === 'actuals') view = <ActualsView session={state} />;
  else if (kind === 'spread') view = <SpreadView session={state} />;
  else if (kind === 'where') view = <WhereView session={state} />;
  else view = <ListView session={state} />;
  return <ColourContext.Provider value={colour}>{view}</ColourContext.Provider>;
}
