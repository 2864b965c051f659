// The renderer's structural sharing (ui/structural.ts): each new state keeps the old objects
// wherever nothing changed, so React skips what did not move.
import { describe, expect, it } from 'vitest';
import { shareEqual } from '../../../renderer/src/ui/structural';

describe('shareEqual', () => {
  it('keeps the previous object when the new one is deep-equal', () => {
    const prev = { a: [1, { b: 'x' }], c: null };
    const next = { a: [1, { b: 'x' }], c: null };
    expect(shareEqual(prev, next)).toBe(prev);
  });

  it('replaces only what changed, sharing the rest', () => {
    const prev = {
      sites: [
        { id: 'A', n: 1 },
        { id: 'B', n: 1 },
      ],
      other: { x: 1 },
    };
    const next = {
      sites: [
        { id: 'A', n: 1 },
        { id: 'B', n: 2 },
      ],
      other: { x: 1 },
    };
    const out = shareEqual(prev, next);
    expect(out).not.toBe(prev);
    expect(out).toEqual(next);
    expect(out.other).toBe(prev.other);
    expect(out.sites[0]).toBe(prev.sites[0]);
    expect(out.sites[1]).not.toBe(prev.sites[1]);
  });

  it('treats a longer or shorter array, an added or removed key, as a change', () => {
    const prev = { list: [1, 2], k: { a: 1 } as Record<string, number> };
    const longer = shareEqual(prev, { list: [1, 2, 3], k: { a: 1 } });
    expect(longer.list).toEqual([1, 2, 3]);
    expect(longer.list).not.toBe(prev.list);
    expect(longer.k).toBe(prev.k);
    const shorter = shareEqual(prev, { list: [1], k: { a: 1 } });
    expect(shorter.list).toEqual([1]);
    const added = shareEqual(prev, { list: [1, 2], k: { a: 1, b: 2 } });
    expect(added.k).toEqual({ a: 1, b: 2 });
    expect(added.list).toBe(prev.list);
    const removed = shareEqual({ k: { a: 1, b: 2 } as Record<string, number> }, { k: { a: 1 } });
    expect(removed.k).toEqual({ a: 1 });
  });

  it('never shares across different kinds of value', () => {
    expect(shareEqual<unknown>([1], { 0: 1 })).toEqual({ 0: 1 });
    expect(shareEqual<unknown>({ a: 1 }, null)).toBe(null);
    expect(shareEqual<unknown>(1, '1')).toBe('1');
  });
});
