// Ids that end up as one segment of an AURA URL path (site references, callout ids). A URL
// parser resolves `.` and `..` even after encodeURIComponent (which keeps them), so
// `/callouts/..` would reach another route; such ids and ids with control characters are refused.

/** True for a value that may stand as one path segment (before encoding). */
export function isReference(id: string): boolean {
  if (id.length === 0 || id === '.' || id === '..') return false;
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}
