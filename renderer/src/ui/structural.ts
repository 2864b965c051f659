// Every `state.changed` carries the whole DeskState, freshly parsed, so every object in it is new.
// Reusing the previous object wherever the new one is deep-equal keeps identities stable, and
// memoised components (a grid of hundreds of site cards) redraw only what really changed.

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `next`, with every part that deep-equals its counterpart in `prev` replaced by `prev`'s. */
export function shareEqual<T>(prev: T, next: T): T {
  return share(prev, next) as T;
}

function share(prev: Json, next: Json): Json {
  if (prev === next) return prev;
  if (Array.isArray(prev) && Array.isArray(next)) {
    let same = prev.length === next.length;
    const out = next.map((item, i) => {
      const shared = i < prev.length ? share(prev[i], item) : item;
      if (shared !== prev[i]) same = false;
      return shared;
    });
    return same ? prev : out;
  }
  if (isPlainObject(prev) && isPlainObject(next)) {
    const prevKeys = Object.keys(prev);
    const nextKeys = Object.keys(next);
    let same = prevKeys.length === nextKeys.length;
    const out: Record<string, Json> = {};
    for (const key of nextKeys) {
      const shared = key in prev ? share(prev[key], next[key]) : next[key];
      if (shared !== prev[key]) same = false;
      out[key] = shared;
    }
    return same ? prev : out;
  }
  return next;
}
