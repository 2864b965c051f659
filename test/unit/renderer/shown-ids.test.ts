// The Sites view's list rules (features/sites/shownIds.ts): which sites are shown, and in what order.
import { describe, expect, it } from 'vitest';
import { movedOrder, toggledShown } from '../../../renderer/src/features/sites/shownIds';

describe("the Sites view's list rules", () => {
  it('ticks and unticks from "everything" as from a list, a ticked site going last', () => {
    expect(toggledShown(null, ['A', 'B', 'C'], 'B', false)).toEqual(['A', 'C']);
    expect(toggledShown(['C', 'A'], ['A', 'B', 'C'], 'B', true)).toEqual(['C', 'A', 'B']);
    expect(toggledShown(['A', 'B'], ['A', 'B'], 'A', true)).toEqual(['B', 'A']);
    expect(toggledShown(['A'], ['A', 'B'], 'A', false)).toEqual([]);
  });

  it('moves a site one place, and not past either end', () => {
    expect(movedOrder(['A', 'B', 'C'], 1, -1)).toEqual(['B', 'A', 'C']);
    expect(movedOrder(['A', 'B', 'C'], 1, 1)).toEqual(['A', 'C', 'B']);
    expect(movedOrder(['A', 'B', 'C'], 0, -1)).toBeNull();
    expect(movedOrder(['A', 'B', 'C'], 2, 1)).toBeNull();
    expect(movedOrder([], 0, 1)).toBeNull();
  });
});
