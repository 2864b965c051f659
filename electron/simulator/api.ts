// The AURA Panic API routes of the simulator (paths under /panic-api/v2) as one table: each
// operation's method and path come from API_PATHS (operations.ts), its handler from
// api-locations.ts or api-callouts.ts. Bodies are checked in api-bodies.ts.
import { CALLOUT_HANDLERS } from './api-callouts';
import { LOCATION_HANDLERS } from './api-locations';
import type { ApiHandler, ApiOptions, ApiRoute } from './api-types';
import { API_OPERATIONS, API_PATHS, type ApiOperation } from './operations';

export type { ApiContext, ApiOptions, ApiRoute } from './api-types';

/** Every operation's handler; the compiler refuses a missing or an unknown one. */
const HANDLERS: Record<ApiOperation, ApiHandler> = { ...LOCATION_HANDLERS, ...CALLOUT_HANDLERS };

/** A placeholder's pattern: ids are numbers, the external reference any one path segment. */
function placeholder(name: string): string {
  return name === 'externalReferenceId' ? '([^/]+)' : '(\\d+)';
}

/** 'POST /callouts/{calloutId}/cancel' → its method and an anchored pattern. */
function routeOf(spec: string): Pick<ApiRoute, 'method' | 'pattern'> {
  const [method, path = ''] = spec.split(' ');
  const source = path
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name ? placeholder(name) : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { method: method as ApiRoute['method'], pattern: new RegExp(`^${source}$`) };
}

export function apiRoutes(opts: ApiOptions): ApiRoute[] {
  return API_OPERATIONS.map((op) => ({
    op,
    ...routeOf(API_PATHS[op]),
    bearer: op !== 'token',
    handle: (ctx) => HANDLERS[op](ctx, opts),
  }));
}
