// Who may talk to the web harness. It runs a whole desk (testers put staging credentials into
// it), so a web page elsewhere in the browser, or a DNS-rebound name, must get nothing:
// - every request must name the harness's own Host (127.0.0.1:PORT or localhost:PORT);
// - a request that carries an Origin must come from the harness's own origin; the WebSocket must;
// - the page, its socket, the info and control routes need the per-run token (page: ?token=…,
//   routes: `Authorization: Bearer …`); control routes take application/json only, which no
//   cross-site form or text/plain fetch can send without a preflight the harness never grants.
// - the page drops the token from the address bar once loaded (ws-bridge.ts) and no response
//   sends a Referer (Referrer-Policy: no-referrer); a reload opens with an HttpOnly, SameSite=Strict
//   cookie named after the port, which the first tokened load set.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_PARAM = 'token';

export interface HarnessGuard {
  readonly token: string;
  /** The page's full address, token included. */
  readonly pageUrl: string;
  /** Null when Host (and Origin, if sent) are the harness's own; else why not. */
  siteProblem(req: IncomingMessage): string | null;
  /** Null when the WebSocket upgrade is the harness page's own (Host, Origin and token). */
  socketProblem(req: IncomingMessage): string | null;
  /** True when the URL or the page cookie carries the token (the page itself). */
  pageAllowed(url: URL, cookie?: string): boolean;
  /** The Set-Cookie value that lets the same browser reload the page without the token in its address. */
  readonly pageCookie: string;
  /** Null when a route call has the bearer token (and, for POST, a JSON content type). */
  routeProblem(req: IncomingMessage): string | null;
}

/** A fresh random token for one run (or the one given, e.g. by Playwright's config). */
export function newHarnessToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function harnessGuard(port: number, token: string): HarnessGuard {
  if (token.length < 16) throw new Error('the harness token must be at least 16 characters');
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((h) => `http://${h}`));
  const pageUrl = `http://127.0.0.1:${port}/?${TOKEN_PARAM}=${encodeURIComponent(token)}`;

  const siteProblem = (req: IncomingMessage): string | null => {
    const host = req.headers.host ?? '';
    if (!hosts.has(host.toLowerCase())) return `foreign Host ${JSON.stringify(host.slice(0, 100))}`;
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin)) return `foreign Origin ${JSON.stringify(origin.slice(0, 100))}`;
    return null;
  };
  const tokenIn = (url: URL): boolean => sameText(url.searchParams.get(TOKEN_PARAM) ?? '', token);
  // Cookies ignore ports: the name carries this harness's, so harnesses side by side keep theirs.
  const cookieName = `panic-desk-harness-${port}`;
  const cookieHolds = (header: string): boolean =>
    header.split(';').some((pair) => {
      const [name, ...value] = pair.trim().split('=');
      return name === cookieName && sameText(value.join('='), token);
    });

  return {
    token,
    pageUrl,
    siteProblem,
    socketProblem(req) {
      const site = siteProblem(req);
      if (site) return site;
      if (!req.headers.origin) return 'no Origin';
      return tokenIn(new URL(req.url ?? '/', 'http://127.0.0.1')) ? null : 'no or wrong token';
    },
    pageAllowed: (url, cookie = '') => tokenIn(url) || cookieHolds(cookie),
    pageCookie: `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    routeProblem(req) {
      const auth = req.headers.authorization ?? '';
      if (!sameText(auth, `Bearer ${token}`)) return 'no or wrong bearer token';
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
        if (type !== 'application/json') return 'control routes take application/json only';
      }
      return null;
    },
  };
}
