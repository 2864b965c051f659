// Which sites this desk shows, in which order, as the Sites view changes it: pure list rules,
// kept apart from the components so that they can be tested without a screen.

/** The shown list after ticking (`show`) or unticking a site; `null` (everything) counts as all ids. */
export function toggledShown(
  shownIds: readonly string[] | null,
  allIds: readonly string[],
  id: string,
  show: boolean,
): string[] {
  const base = shownIds ?? allIds;
  const without = base.filter((x) => x !== id);
  return show ? [...without, id] : without;
}

/** The order after moving the site at `index` one place up (-1) or down (1); null at either end. */
export function movedOrder(ids: readonly string[], index: number, by: -1 | 1): string[] | null {
  if (index < 0 || index >= ids.length || index + by < 0 || index + by >= ids.length) return null;
  const next = [...ids];
  const [item] = next.splice(index, 1);
  if (item === undefined) return null;
  next.splice(index + by, 0, item);
  return next;
}
