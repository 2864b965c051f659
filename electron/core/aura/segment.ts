// An id placed in an AURA URL path: encoded as one segment, and refused (before any request) when
// it is not a reference at all, such as `..`, which a URL parser would resolve to another route.
import { isReference } from '../../shared/reference';
import { AuraError } from './errors';

/** The id, encoded as one path segment; AuraError('invalidRequest') for a non-reference. */
export function pathSegment(id: string | number): string {
  const text = String(id);
  if (!isReference(text)) {
    throw new AuraError('invalidRequest', `Not a valid AURA reference: ${JSON.stringify(text.slice(0, 40))}`);
  }
  return encodeURIComponent(text);
}
