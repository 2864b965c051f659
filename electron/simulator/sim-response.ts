// How a simulator answer goes on the wire: JSON with its content type, AURA's 429 with
// Retry-After, nginx's HTML 502, and the request body read as JSON.
import { fail, type Reply } from './reply';
import type { SimResponse } from './sim-types';

export function tooMany(retryAfterSeconds: number): Reply {
  return { ...fail(429, 'Too many requests'), headers: { 'retry-after': String(retryAfterSeconds) } };
}

/** A route's reply as sent: JSON with its content type, or no body for a 204 or an empty reply. */
export function json(reply: Reply): SimResponse {
  if (reply.status === 204 || reply.body === undefined) {
    return { kind: 'reply', status: reply.status, headers: { ...reply.headers }, text: '' };
  }
  return {
    kind: 'reply',
    status: reply.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...reply.headers },
    text: JSON.stringify(reply.body),
  };
}

const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** A proxy's 502: an HTML page, not JSON. */
export function badGateway(): SimResponse {
  return {
    kind: 'reply',
    status: 502,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    text: BAD_GATEWAY_HTML,
  };
}

/** Half of the body: a connection cut mid-answer. */
export function truncated(answered: SimResponse, reply: Reply): SimResponse {
  if (answered.kind !== 'reply') return answered;
  const text = JSON.stringify(reply.body ?? { message: 'ok' });
  return { ...answered, text: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
}

export const INVALID = Symbol('invalid JSON');

export function parseJson(raw: string): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return INVALID;
  }
}
