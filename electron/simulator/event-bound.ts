// Training runs for weeks (issue 25 item 8): the simulator's event list is bounded. Past
// MAX_EVENTS, the oldest events of closed callouts go (down to 90 % of the bound); an open
// callout keeps all of its events.

/** The Training simulator keeps at most this many callout events (those of open callouts aside). */
export const MAX_EVENTS = 5000;

/** The events to keep: all of them while within the bound, else without the oldest of closed callouts. */
export function boundEvents<E extends { calloutId: number }>(
  events: E[],
  isClosed: (calloutId: number) => boolean,
): E[] {
  if (events.length <= MAX_EVENTS) return events;
  let excess = events.length - Math.floor(MAX_EVENTS * 0.9);
  return events.filter((e) => {
    if (excess <= 0 || !isClosed(e.calloutId)) return true;
    excess--;
    return false;
  });
}
