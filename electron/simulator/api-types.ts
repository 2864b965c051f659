// What a simulated AURA route is: an operation, its method and path, and a small handler.
import type { ApiOperation } from './operations';
import type { Reply } from './reply';
import type { SimulatorState } from './state';
import type { Shape } from './views';

export interface ApiContext {
  body: unknown;
  /** The path's placeholders ({id}, {calloutId}, {externalReferenceId}), in order. */
  params: string[];
  query: URLSearchParams;
}

export interface ApiOptions {
  state: SimulatorState;
  shape: Shape;
  /** Issues a token for valid credentials; null when they are wrong. */
  issueToken(clientId: string, clientSecret: string): { token: string; expiresIn: number } | null;
  /** Also answer 285 on GET /callouts/{id} once closed (undocumented; for testing clients). */
  closedGet285: boolean;
}

export type ApiHandler = (ctx: ApiContext, opts: ApiOptions) => Reply;

export interface ApiRoute {
  op: ApiOperation;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: RegExp;
  /** Needs a valid bearer token (every route but the token exchange). */
  bearer: boolean;
  handle(ctx: ApiContext): Reply;
}
