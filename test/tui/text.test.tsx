import chalk from 'chalk';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import { ColourContext, Toned } from '../../src/tui/components/Toned.js';
import { colourAllowed, deltaText, fit, fitTail, toneOf } from '../../src/tui/text.js';

describe('deltas carry their meaning without colour', () => {
  it('dearer: up arrow and plus sign; cheaper: down arrow and minus sign', () => {
    expect(deltaText(new Decimal('4391.5284'))).toBe('▲+$4,391.53');
    expect(deltaText(new Decimal('-0.25'))).toBe('▼-$0.25');
    expect(deltaText(new Decimal(0))).toBe('±$0.00');
    expect([toneOf(new Decimal(1)), toneOf(new Decimal(-1)), toneOf(new Decimal(0))]).toEqual(['dearer', 'cheaper', 'same']);
  });

  it('NO_COLOR (any non-empty value) turns colour off', () => {
    expect(colourAllowed({ NO_COLOR: '1' })).toBe(false);
    expect(colourAllowed({ NO_COLOR: '' })).toBe(true);
    expect(colourAllowed({})).toBe(true);
  });

  it('with colour off, red and green are never emitted; with it on, they are', () => {
    const tree = (colour: boolean) => (
      <ColourContext.Provider value={colour}>
        <Toned tone="dearer">up</Toned>
        <Toned tone="cheaper">down</Toned>
      </ColourContext.Provider>
    );
    // CI and pipes turn chalk off by itself; force it on so both cases show what a colour terminal would get.
    const level = chalk.level;
    chalk.level = 1;
    try {
      const plain = render(tree(false));
      expect(plain.lastFrame()).toBe('up\ndown');
      plain.unmount();
      const coloured = render(tree(true));
      expect(coloured.lastFrame()).toMatch(/\u001B\[31mup/);
      expect(coloured.lastFrame()).toMatch(/\u001B\[32mdown/);
      coloured.unmount();
    } finally {
      chalk.level = level;
    }
  });

  it('fit cuts with an ellipsis to the width', () => {
    expect(fit('nightly-feature-pull', 8)).toBe('nightly…');
    expect(fit('short', 8)).toBe('short');
    expect(fit('x', 0)).toBe('');
  });

  it('fitTail keeps the end of a path', () => {
    expect(fitTail('/check/work/main/plan.yaml', 11)).toBe('…/plan.yaml');
    expect(fitTail('plan.yaml', 12)).toBe('plan.yaml');
    expect(fitTail('x', 0)).toBe('');
  });
});
