// What a simulator route answers: a status, a JSON body (or none), extra headers.
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** AURA's documented error body: `{ "message": "…" }` (aura-api.md §6). */
export function fail(status: number, message: string): Reply {
  return { status, body: { message } };
}
