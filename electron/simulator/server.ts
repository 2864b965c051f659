// A simulator of AURA's Panic API (Property Protect), served over real HTTP on 127.0.0.1.
// Used three ways: Training mode inside the app, `npm run sim`, and the tests' AURA server.
// It follows shared/aura-api.md (routes and quirks in api.ts), enforces bearer auth with expiring
// tokens, injects faults per route and per request count (faults.ts), offers responder control
// and autoplay under /__sim/ (control.ts, autoplay.ts), and can persist its world (persist.ts).
// This file is the transport only: the request pipeline is handler.ts, which the model-based
// test also drives without a socket.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ownHosts } from './control-guard';
import { fail } from './reply';
import {
  createSimulator,
  type SimRequest,
  type SimResponse,
  type SimulatorCore,
  type SimulatorOptions,
} from './handler';

export { API_PREFIX } from './handler';
export type { RequestLogEntry, SimulatorFaults, SimulatorOptions } from './handler';

/** Request bodies above this get a 413. */
const MAX_REQUEST_BYTES = 1_000_000;

export interface RunningSimulator extends Omit<SimulatorCore, 'bind' | 'handle' | 'stop'> {
  /** e.g. http://127.0.0.1:4010 */
  origin: string;
  /** The AURA base URL clients use: `${origin}/panic-api/v2`. */
  baseUrl: string;
  /** Headers for a /__sim/ call: the control token and a JSON content type. */
  controlHeaders: Record<string, string>;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const core = createSimulator(options);
  const server: Server = createServer((req, res) => {
    serve(core, req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, {
          kind: 'reply',
          status: 500,
          headers: { 'content-type': 'application/json; charset=utf-8' },
          text: JSON.stringify(
            fail(500, `simulator error: ${error instanceof Error ? error.message : String(error)}`).body,
          ),
        });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  core.bind(origin, ownHosts(port));
  const { bind: _bind, handle: _handle, stop, ...rest } = core;

  return {
    ...rest,
    origin,
    baseUrl: `${origin}/panic-api/v2`,
    controlHeaders: { authorization: `Bearer ${core.controlToken}`, 'content-type': 'application/json' },
    close: () =>
      new Promise<void>((resolve) => {
        stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(core: SimulatorCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const request: SimRequest = {
    method: req.method ?? '',
    url: req.url ?? '/',
    headers: plainHeaders(req),
    body: readBody(req),
  };
  const answer = await core.handle(request);
  if (answer.kind === 'reset') return void req.socket.destroy();
  send(res, answer);
}

/** Node's headers, one value each (the guards read host, authorization, origin, content-type). */
function plainHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers))
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function send(res: ServerResponse, answer: Extract<SimResponse, { kind: 'reply' }>): void {
  if (res.destroyed) return;
  res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.text) });
  res.end(answer.text);
}

/** The body as text, or null when it exceeds the cap. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
