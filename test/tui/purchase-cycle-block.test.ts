import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import type { NodeGroup } from '../../src/model/scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { nextPurchase } from '../../src/tui/purchase-cycle.js';

process.env.TOLLGATE_PRICING_MAX_AGE_DAYS = '3650';

describe('p: a capacity block’s block_start goes with the block', () => {
  const book = loadPricingBook(['aws'], []);
  const block = {
    name: 'h200s',
    provider: 'aws',
    region: 'us-east-1',
    instance: 'p5en.48xlarge',
    count: new Decimal(2),
    hours: new Decimal(100),
    purchase: 'capacity-block',
    block_hours: new Decimal(100),
    block_start: '2026-10-30',
  } as NodeGroup;
  const patchFrom = (group: NodeGroup, opened: NodeGroup) => {
    const step = nextPurchase(group, opened, book, new Decimal(730), true);
    if (step.kind !== 'next') throw new Error(step.why);
    return step;
  };

  it('leaving the block drops block_start with block_hours (either would be an error on the next option)', () => {
    const step = patchFrom(block, block);
    expect(step.choice.purchase).not.toBe('capacity-block');
    expect(Object.keys(step.patch)).toEqual(expect.arrayContaining(['block_hours', 'block_start']));
    expect(step.patch.block_start).toBeUndefined();
  });

  it('coming back to the block, the file’s block_start is written again', () => {
    const { block_start: _, block_hours: __, ...bare } = block;
    let group: NodeGroup = { ...bare, purchase: undefined } as NodeGroup;
    for (let i = 0; i < 10 && group.purchase !== 'capacity-block'; i++) group = { ...group, ...patchFrom(group, block).patch } as NodeGroup;
    expect(group.purchase).toBe('capacity-block');
    expect(group.block_start).toBe('2026-10-30');
  });
});
