// A hostile "AURA" on 127.0.0.1 for the security tests: it records every request (headers and
// body, raw) and answers with everything it has received echoed back in its error message, so
// that any secret or token the desk ever sent it comes back to be copied into messages, files and
// logs. With `upstream` it passes requests on to a real AURA-like server (the simulator) and turns
// hostile only on the routes `echoOn` picks: the desk connects, then its presses come back poisoned.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface HostileServer {
  origin: string;
  baseUrl: string;
  requests: SeenRequest[];
  /** Bodies of the upstream's answers passed on (e.g. the tokens it issued). */
  answers: string[];
  /** Everything received, as one text, to search for a secret. */
  received(): string;
  close(): Promise<void>;
}

export interface HostileOptions {
  /** The status of every answer (default 400). */
  status?: number;
  /** Pads the echoed message in front, so a cut at N characters would fall inside the secret. */
  padding?: number;
  /** Origin of a server to pass requests on to (its Host header is rewritten). */
  upstream?: string;
  /** With `upstream`: the requests answered with the echo instead (default: all). */
  echoOn?: (method: string, path: string) => boolean;
}

/** Passes one request on to `upstream` and its answer back; returns the answer's body. */
function proxy(upstream: string, req: IncomingMessage, body: string, res: ServerResponse): Promise<string> {
  const target = new URL(upstream);
  return new Promise((ok, fail) => {
    const out = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(text);
          ok(text);
        });
      },
    );
    out.on('error', fail);
    out.end(body);
  });
}

export async function startHostileServer(options: HostileOptions = {}): Promise<HostileServer> {
  const requests: SeenRequest[] = [];
  const answers: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(seen);
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (options.upstream && !(options.echoOn?.(seen.method, path) ?? true)) {
        proxy(options.upstream, req, body, res).then(
          (text) => answers.push(text),
          () => res.destroy(),
        );
        return;
      }
      // Everything received so far, the token exchange (with the secret) and bearer headers included.
      // Bodies first (the token exchange's, with the secret, comes first of all), then headers.
      const bodies = requests.map((r) => r.body).filter(Boolean);
      const headers = requests.map((r) => r.headers);
      const echo = `${'x'.repeat(options.padding ?? 0)}you sent ${bodies.join(' ')} with ${JSON.stringify(headers)}`;
      const text = JSON.stringify({ message: echo, error: echo });
      res.writeHead(options.status ?? 400, { 'content-type': 'application/json' });
      res.end(text);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    baseUrl: `${origin}/panic-api/v2`,
    requests,
    answers,
    received: () => requests.map((r) => `${r.method} ${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`).join('\n'),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** The forms a secret can take in text: raw, JSON-escaped, URL-encoded (two ways) and base64. */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [
    ...new Set([
      secret,
      json,
      JSON.stringify(json).slice(1, -1),
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      Buffer.from(secret, 'utf8').toString('base64'),
      Buffer.from(secret, 'utf8').toString('base64url'),
      // Inside a longer base64 text the secret starts at any of three byte offsets: the middle of
      // each alignment is the same whatever surrounds it.
      ...[0, 1, 2].map((shift) =>
        Buffer.concat([Buffer.alloc(shift, 0x20), Buffer.from(secret, 'utf8')])
          .toString('base64')
          .slice(4, -4),
      ),
    ]),
  ].filter((form) => form.length >= 6);
}

/** The forms of `secret` found in `text` (empty when none). */
export function leaksIn(text: string, secret: string): string[] {
  return secretForms(secret).filter((form) => text.includes(form));
}
