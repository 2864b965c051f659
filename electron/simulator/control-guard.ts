// Who may use the simulator. Its /__sim/ control routes can step callouts, inject faults and
// read the request log, so only the holder of its random control token may call them (the app's
// Training panel and the tests get it from `startSimulator`, `npm run sim` prints it), with a
// JSON body (no cross-site form or text/plain POST can send one without a preflight) and no
// foreign Origin. Every request, AURA routes included, must name the simulator's own Host, so a
// DNS-rebound name in a browser reaches nothing.
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** What the guards read of a request (an http.IncomingMessage has these, and so does an in-memory one). */
export interface GuardedRequest {
  method: string;
  headers: Readonly<Record<string, string | undefined>>;
}

export function newControlToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The Host header values that name this simulator on this machine. */
export function ownHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** Null when the request names one of `hosts`; else the status and reason to answer with. */
export function hostProblem(req: GuardedRequest, hosts: Set<string>): string | null {
  const host = (req.headers.host ?? '').toLowerCase();
  return hosts.has(host) ? null : `Refused: foreign Host ${JSON.stringify(host.slice(0, 100))}`;
}

/** Null when a control call may run; else [status, reason]. */
export function controlProblem(req: GuardedRequest, token: string, hosts: Set<string>): [number, string] | null {
  const auth = Buffer.from(req.headers.authorization ?? '');
  const want = Buffer.from(`Bearer ${token}`);
  if (auth.length !== want.length || !timingSafeEqual(auth, want)) {
    return [401, 'Control routes need the simulator control token (Authorization: Bearer …)'];
  }
  const origin = req.headers.origin;
  if (origin !== undefined && ![...hosts].some((h) => origin === `http://${h}`)) {
    return [403, 'Control routes refuse other origins'];
  }
  if (req.method === 'POST' || req.method === 'PUT') {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return [415, 'Control routes take application/json only'];
  }
  return null;
}
