// A simulator of AURA's Panic API (Property Protect), served over real HTTP on 127.0.0.1.
// Used three ways: Training mode inside the app, `npm run sim`, and the tests' AURA server.
// It follows shared/aura-api.md: Set B shapes by default (Set A on request), 400 for an unknown
// externalRef, the active callout returned when one is raised twice, 285 once closed.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimulatorState, type Shape, type SimStep, SIM_STEPS } from './state';

export interface SimulatorOptions {
  port?: number;
  clientId?: string;
  clientSecret?: string;
  shape?: Shape;
  tokenTtlSeconds?: number;
  now?: () => number;
}

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:4010 */
  origin: string;
  /** The AURA base URL clients use: `${origin}/panic-api/v2`. */
  baseUrl: string;
  state: SimulatorState;
  /** Every request received, in order (method and path), for tests and the benchmark. */
  requests: Array<{ method: string; path: string; at: number }>;
  close(): Promise<void>;
}

export const API_PREFIX = '/panic-api/v2';

type Handler = (req: IncomingMessage, body: unknown, params: string[]) => Reply;
type Reply = { status: number; body?: unknown };
type Route = { method: string; pattern: RegExp; auth: boolean; handler: Handler };

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const now = options.now ?? (() => Date.now());
  const state = new SimulatorState({ shape: options.shape ?? 'b', now });
  const clientId = options.clientId ?? 'training';
  const clientSecret = options.clientSecret ?? 'training';
  const ttl = options.tokenTtlSeconds ?? 3600;
  const tokens = new Map<string, number>(); // token -> expiresAt
  const requests: RunningSimulator['requests'] = [];

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/oauth\/token$/,
      auth: false,
      handler: (_req, body) => {
        const b = asRecord(body);
        if (typeof b.clientId !== 'string' || typeof b.clientSecret !== 'string') {
          return { status: 400, body: { message: 'clientId and clientSecret are required' } };
        }
        if (b.clientId !== clientId || b.clientSecret !== clientSecret) {
          return { status: 401, body: { message: 'Invalid client credentials' } };
        }
        const token = `sim.${randomBytes(18).toString('base64url')}`;
        tokens.set(token, now() + ttl * 1000);
        return {
          status: 200,
          body:
            state.shape === 'a'
              ? { access_token: token, token_type: 'Bearer', expires_in: ttl }
              : { accessToken: token, tokenType: 'Bearer', expiresIn: ttl },
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/predefinedLocations$/,
      auth: true,
      handler: () => ({ status: 200, body: state.listLocations() }),
    },
    {
      method: 'POST',
      pattern: /^\/predefinedLocations$/,
      auth: true,
      handler: (_req, body) => state.createLocation(asRecord(body)),
    },
    {
      method: 'POST',
      pattern: /^\/predefinedLocations\/externalRef\/([^/]+)\/callouts$/,
      auth: true,
      handler: (_req, body, [ref]) => state.raiseCallout(decodeURIComponent(ref ?? ''), asRecord(body)),
    },
    {
      method: 'GET',
      pattern: /^\/callouts\/([^/]+)$/,
      auth: true,
      handler: (_req, _body, [id]) => state.readCallout(Number(id)),
    },
  ];

  const control: Route[] = [
    {
      method: 'POST',
      pattern: /^\/__sim\/callouts\/(\d+)\/advance$/,
      auth: false,
      handler: (_req, body, [id]) => {
        const step = asRecord(body).step;
        if (typeof step !== 'string' || !(SIM_STEPS as readonly string[]).includes(step)) {
          return { status: 400, body: { message: `step must be one of ${SIM_STEPS.join(', ')}` } };
        }
        return state.advance(Number(id), step as SimStep);
      },
    },
    {
      method: 'GET',
      pattern: /^\/__sim\/callouts$/,
      auth: false,
      handler: () => ({ status: 200, body: state.allCallouts() }),
    },
  ];

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      send(res, 500, { message: `simulator error: ${error instanceof Error ? error.message : String(error)}` });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? '', path: url.pathname, at: now() });
    const raw = await readBody(req);
    let body: unknown = undefined;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        return send(res, 400, { message: 'Malformed JSON body' });
      }
    }
    const inApi = url.pathname.startsWith(API_PREFIX);
    const path = inApi ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const table = inApi ? routes : control;
    const route = table.find((r) => r.method === req.method && r.pattern.test(path));
    if (!route) return send(res, 404, { message: `No route for ${req.method} ${url.pathname}` });
    if (route.auth) {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const expiresAt = token ? tokens.get(token) : undefined;
      if (!token || expiresAt === undefined || expiresAt <= now()) {
        return send(res, 401, { message: 'Unauthorized' });
      }
    }
    const params = route.pattern.exec(path)?.slice(1) ?? [];
    const reply = route.handler(req, body, params);
    send(res, reply.status, reply.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: origin + API_PREFIX,
    state,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function asRecord(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}
