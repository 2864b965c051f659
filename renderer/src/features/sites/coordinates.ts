// A site's coordinates in words, and the checks that catch a typo before it sends responders to
// the wrong place (issue 23 item 9): latitude and longitude swapped, out of range, or far from
// every other site of this client. Pure, so that it is tested without a screen.

export interface Point {
  latitude: number;
  longitude: number;
}

/** Beyond this from every other site of the client, a new position is probably a typo. */
export const FAR_KM = 50;

const trim = (n: number): string => String(Number(Math.abs(n).toFixed(5)));

/** "26.12° S, 28.12° E": how a person reads a position aloud. */
export function coordinateWords(p: Point): string {
  const ns = p.latitude < 0 ? 'S' : 'N';
  const ew = p.longitude < 0 ? 'W' : 'E';
  return `${trim(p.latitude)}° ${ns}, ${trim(p.longitude)}° ${ew}`;
}

/** Great-circle distance in km (haversine; the earth as a sphere is close enough for 50 km). */
export function distanceKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const inRange = (p: Point): boolean => Math.abs(p.latitude) <= 90 && Math.abs(p.longitude) <= 180;
const nearest = (p: Point, others: readonly Point[]): number => Math.min(...others.map((o) => distanceKm(p, o)));

/**
 * What looks wrong about a position, in words, or null. Out of range is the form's error already;
 * this adds what a valid number can still get wrong: swapped (far as typed, near another site when
 * the two are swapped, or a latitude beyond ±90 that would fit as a longitude) and far from every
 * other site of this client.
 */
export function coordinateWarning(p: Point, others: readonly Point[]): string | null {
  const swapped = { latitude: p.longitude, longitude: p.latitude };
  if (!inRange(p)) {
    return inRange(swapped)
      ? 'Latitude and longitude look swapped: the latitude is beyond ±90°.'
      : 'This position is outside the earth’s range (latitude ±90°, longitude ±180°).';
  }
  if (others.length === 0) return null;
  const far = nearest(p, others);
  if (far <= FAR_KM) return null;
  if (inRange(swapped) && nearest(swapped, others) <= FAR_KM) {
    return `Latitude and longitude look swapped: swapped, this position is near your other sites; as typed it is ${Math.round(far)} km away.`;
  }
  return `This position is more than ${FAR_KM} km from every other site of this client (the nearest is ${Math.round(far)} km away).`;
}
