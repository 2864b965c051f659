// Compares one answer's JSON object with the documented shapes of its kind: which doc set it
// matches (or comes closest to), which fields are unknown, missing or of another type. Values are
// never kept, only key names and JSON types (plus the status strings, which the report lists).
import { DOCUMENTED, jsonType, type DocumentedShape, type JsonType } from './shapes';

export interface ShapeVerdict {
  /** The doc set it matches exactly (every required key with a documented type), or null. */
  matched: string | null;
  /** The closest doc set (fewest missing and mistyped fields). */
  closest: string;
  /** Keys no documented shape of this kind has. */
  unknownFields: string[];
  /** Required keys of the closest shape that are absent. */
  missingFields: string[];
  /** Keys of the closest shape present with another type, as `key: got (documented …)`. */
  typeMismatches: string[];
  /** Every key with its JSON type, as sent. */
  keys: Record<string, JsonType>;
}

function score(shape: DocumentedShape, body: Record<string, unknown>): { missing: string[]; mistyped: string[] } {
  const missing = Object.keys(shape.required).filter((k) => !(k in body));
  const mistyped: string[] = [];
  for (const [key, types] of [...Object.entries(shape.required), ...Object.entries(shape.optional)]) {
    if (!(key in body)) continue;
    const got = jsonType(body[key]);
    if (!types.includes(got)) mistyped.push(`${key}: ${got} (documented ${types.join(' or ')})`);
  }
  return { missing, mistyped };
}

export function analyse(kind: keyof typeof DOCUMENTED, body: Record<string, unknown>): ShapeVerdict {
  const shapes = DOCUMENTED[kind] ?? [];
  const known = new Set(shapes.flatMap((s) => [...Object.keys(s.required), ...Object.keys(s.optional)]));
  const ranked = shapes
    .map((shape) => ({ shape, ...score(shape, body) }))
    .sort((x, y) => x.missing.length + x.mistyped.length - (y.missing.length + y.mistyped.length));
  const best = ranked[0];
  const exact = ranked.find((r) => r.missing.length === 0 && r.mistyped.length === 0);
  return {
    matched: exact?.shape.docSet ?? null,
    closest: best?.shape.docSet ?? 'none',
    unknownFields: Object.keys(body).filter((k) => !known.has(k)),
    missingFields: best?.missing ?? [],
    typeMismatches: best?.mistyped ?? [],
    keys: Object.fromEntries(Object.entries(body).map(([k, v]) => [k, jsonType(v)])),
  };
}

/** How a list came: a bare array, or the key of the object holding it. */
export function envelopeOf(body: unknown): { envelope: string; items: unknown[] } | null {
  if (Array.isArray(body)) return { envelope: 'bare array', items: body };
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (Array.isArray(value)) return { envelope: `object with the list under "${key}"`, items: value };
    }
  }
  return null;
}
