// A hostile "AURA" on 127.0.0.1 for the security tests: it records every request (headers and
// body, raw) and answers each with the request echoed back in its error message, so that any
// secret the desk sends it would come back to be copied into messages, files and logs.
import { createServer, type IncomingMessage, type Server } from 'node:http';
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
  /** Everything received, as one text, to search for a secret. */
  received(): string;
  close(): Promise<void>;
}

export interface HostileOptions {
  /** The status of every answer (default 400). */
  status?: number;
  /** Pads the echoed message in front, so a cut at N characters would fall inside the secret. */
  padding?: number;
}

export async function startHostileServer(options: HostileOptions = {}): Promise<HostileServer> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(seen);
      const echo = `${'x'.repeat(options.padding ?? 0)}you sent ${body} with ${JSON.stringify(req.headers)}`;
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
