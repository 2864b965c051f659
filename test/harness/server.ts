// The web harness: runs the same core and simulator as the app, under plain Node, and serves the
// built renderer to a browser at http://127.0.0.1:${PANIC_DESK_PORT:-5178}/?token=…, with
// `window.panicDesk` implemented over a WebSocket. Data lives in ${PANIC_DESK_DATA_DIR} (a fresh
// temporary folder when unset). Playwright's end-to-end specs run against this. Only its own
// page may use it: Host, Origin and a per-run token are checked (guard.ts); the token comes from
// ${PANIC_DESK_HARNESS_TOKEN} or is drawn at random, and the full URL is printed and returned.
// Each socket is served by the very wire the app's IPC uses (electron/shared/wire.ts).
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'esbuild';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { DeskHost } from '../../electron/core/desk-host';
import { memoryVault } from '../fakes/vault';
import { serveContract, type WireTransport } from '../../electron/shared/wire';
import { openDeskSlot, type DeskSlot } from './desk-slot';
import { harnessDiagnostics } from './diagnostics';
import { nodeNetwork } from '../../electron/core/aura/node-fetch';
import { watchCalloutStages } from '../../electron/main/notifications';
import { readManagedPolicy, systemPolicyDeps, watchPolicy, type PolicyDeps } from '../../electron/main/policy-sources';
import { openFileStore } from './file-store';
import { harnessGuard, newHarnessToken, type HarnessGuard } from './guard';
import { harnessKeys, type HarnessKeys } from './global-keys';

const ROOT = resolve(__dirname, '../..');
const RENDERER_DIR = join(ROOT, 'out/renderer');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

async function bundleBridge(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'ws-bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no bridge bundle');
  return file.text;
}

/** The app's own index.html, with the harness bridge loaded first and its socket allowed by the CSP. */
function harnessIndex(port: number): string {
  const html = readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8');
  return html
    .replace("connect-src 'none'", `connect-src ws://127.0.0.1:${port} ws://localhost:${port}`)
    .replace('</head>', '  <script src="/__harness/bridge.js"></script>\n  </head>');
}

export interface RunningHarness {
  /** The page's full address, with its token: what a person or a browser opens. */
  url: string;
  /** The per-run token (the bearer token of /__harness/ routes). */
  token: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  token?: string;
  /** An administrator's policy file (docs/policy.md); default PANIC_DESK_POLICY, else none. */
  policyFile?: string;
}

/** Frames larger than this close the socket: no command comes anywhere near. */
const MAX_FRAME_BYTES = 1_000_000;

export async function startHarness(
  port: number,
  dataDir: string,
  options: HarnessOptions = {},
): Promise<RunningHarness> {
  const guard = harnessGuard(port, options.token || process.env.PANIC_DESK_HARNESS_TOKEN || newHarnessToken());
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer/index.html is missing: run `npm run build` first');
  }
  // AURA through HTTPS_PROXY / NO_PROXY and PANIC_DESK_CA_FILE, as aura:check does.
  const network = nodeNetwork({ env: process.env, caFile: process.env.PANIC_DESK_CA_FILE });
  const diagnostics = harnessDiagnostics(dataDir, network.proxy);
  // Only an explicit policy file: the harness never picks up the machine's own policy.
  const policyFile = options.policyFile ?? process.env.PANIC_DESK_POLICY;
  const policyDeps = policyFile
    ? await systemPolicyDeps({ packaged: false, env: { PANIC_DESK_POLICY: policyFile } })
    : null;
  // The OS's global shortcuts, bound by main's own code to each host the slot opens (issue 24).
  const keys = harnessKeys();
  const openHost = hostOpener(dataDir, diagnostics, policyDeps, network.fetch, keys);
  diagnostics.log.info(`harness starting on port ${port} (Node ${process.version}, ${process.platform})`);
  const clients = new Set<WebSocket>();
  // A stopped desk drops every page's connection, as a quitting app would.
  const desk = await openDeskSlot(openHost, () => {
    keys.detach();
    clients.forEach((ws) => ws.terminate());
  });
  // The app's notifications (main/notifications.ts), recorded for the specs: the harness has no system tray.
  const notifications: HarnessNotification[] = [];
  watchCalloutStages(
    { getState: () => desk.current().getState(), onChange: (listener) => desk.wire.onChange(listener) },
    { notify: (title, body, options) => void notifications.push({ title, body, silent: options?.silent ?? false }) },
  );
  const routes = {
    guard,
    dataDir,
    desk,
    keys,
    notifications,
    bridgeJs: await bundleBridge(),
    index: harnessIndex(port),
  };
  const server = createServer((req, res) => serveHttp(routes, req, res));

  const wss = new WebSocketServer({
    server,
    path: '/__harness/ws',
    maxPayload: MAX_FRAME_BYTES,
    // Only the harness's own page, with the run's token, gets a socket (and so any event).
    verifyClient: ({ req }: { req: IncomingMessage }) => guard.socketProblem(req) === null,
  });
  // Like the app's window, a page asks for the state (`state.get`) when it starts; nothing is pushed on connect.
  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    serveContract(desk.wire, socketTransport(ws));
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  diagnostics.log.info(`harness serving on 127.0.0.1:${port}`);
  return {
    url: guard.pageUrl,
    token: guard.token,
    async close() {
      diagnostics.log.info('harness stopping');
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      keys.detach();
      await desk.close();
    },
  };
}

/** Opens the desk host on the data folder, each time as the app does when it starts. */
function hostOpener(
  dataDir: string,
  diagnostics: ReturnType<typeof harnessDiagnostics>,
  policyDeps: PolicyDeps | null,
  auraFetch: typeof fetch,
  keys: HarnessKeys,
): () => Promise<DeskHost> {
  // The harness keeps secrets in memory: it is a test host, never a place for real credentials.
  const vault = memoryVault();
  return async () => {
    const store = await openFileStore(dataDir);
    const policy = policyDeps ? await readManagedPolicy(policyDeps) : null;
    const host = await DeskHost.open({
      store,
      dataDir,
      vault,
      fetch: auraFetch,
      startupProblems: store.openProblem ? [store.openProblem] : [],
      log: diagnostics.log,
      diagnostics: diagnostics.shell,
      policy,
      // One process per data folder, as in the app (issue 20 finding 16).
      lockDataDir: true,
      // Followed as the app follows it (main/index.ts), by each host it opens, checked twice a second.
      followPolicy: policyDeps
        ? (apply) => watchPolicy(policyDeps, apply, { initial: policy, filePollMs: 500 })
        : undefined,
    });
    keys.attach(host);
    return host;
  };
}

interface HarnessNotification {
  title: string;
  body: string;
  silent: boolean;
}

interface Routes {
  guard: HarnessGuard;
  dataDir: string;
  desk: DeskSlot;
  notifications: HarnessNotification[];
  keys: HarnessKeys;
  bridgeJs: string;
  index: string;
}

/** Desk controls for the specs: restart it, or stop it, change its files, and start it again. */
function deskControl(desk: DeskSlot, path: string): (() => Promise<void>) | null {
  if (path === '/__harness/restart') return () => desk.stop().then(() => desk.start());
  if (path === '/__harness/stop') return () => desk.stop();
  if (path === '/__harness/start') return () => desk.start();
  return null;
}

/** Every HTTP route: the page (with its token), the bridge, the /__harness/ routes, the built files. */
function serveHttp(routes: Routes, req: IncomingMessage, res: ServerResponse): void {
  const { guard, dataDir, desk, keys, bridgeJs, index } = routes;
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  req.resume(); // no route reads a body
  const foreign = guard.siteProblem(req);
  if (foreign) return reply(res, 403, 'text/plain', `Refused: ${foreign}`);
  if (url.pathname === '/' || url.pathname === '/index.html') {
    if (!guard.pageAllowed(url, req.headers.cookie)) {
      return reply(res, 403, 'text/plain', 'This harness opens only with its token: use the URL it printed.');
    }
    return reply(res, 200, TYPES['.html'], index, { 'set-cookie': guard.pageCookie });
  }
  if (url.pathname === '/__harness/bridge.js') return reply(res, 200, TYPES['.js'], bridgeJs);
  if (url.pathname.startsWith('/__harness/')) {
    const refused = guard.routeProblem(req);
    if (refused) return reply(res, refused.includes('json') ? 415 : 401, 'text/plain', `Refused: ${refused}`);
  }
  const control = deskControl(desk, url.pathname);
  if (control && req.method === 'POST') {
    control().then(
      () => reply(res, 200, 'application/json', JSON.stringify({ done: url.pathname })),
      (error: unknown) => reply(res, 500, 'text/plain', `${url.pathname} failed: ${String(error)}`),
    );
    return;
  }
  if (url.pathname === '/__harness/notifications') {
    return reply(res, 200, 'application/json', JSON.stringify(routes.notifications));
  }
  // A "global shortcut" as the OS would fire it (issue 24): the accelerator in the query, since no
  // route reads a body. `delivered`: a key of the desk was registered for it.
  if (url.pathname === '/__harness/shortcut' && req.method === 'POST') {
    const delivered = keys.press(url.searchParams.get('accelerator') ?? '');
    return reply(res, 200, 'application/json', JSON.stringify({ delivered, registered: keys.registered() }));
  }
  if (url.pathname === '/__harness/info') {
    const simulator = desk.current().simulator;
    return reply(
      res,
      200,
      'application/json',
      JSON.stringify({
        dataDir,
        simulatorBaseUrl: simulator?.baseUrl ?? null,
        // For specs that drive the Training simulator's /__sim routes themselves.
        simulatorOrigin: simulator?.origin ?? null,
        simulatorControlHeaders: simulator?.controlHeaders ?? null,
      }),
    );
  }
  const file = normalize(join(RENDERER_DIR, url.pathname));
  if (!file.startsWith(RENDERER_DIR) || !existsSync(file)) return reply(res, 404, 'text/plain', 'not found');
  reply(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
}

/** One page's socket as the wire's transport: JSON text frames; a frame that is not JSON is dropped. */
function socketTransport(ws: WebSocket): WireTransport {
  return {
    send(message) {
      try {
        ws.send(JSON.stringify(message));
      } catch {
        ws.terminate();
      }
    },
    onMessage(listener) {
      const receive = (data: RawData): void => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(String(data));
        } catch {
          return;
        }
        listener(parsed);
      };
      ws.on('message', receive);
      return () => void ws.off('message', receive);
    },
    onClose(listener) {
      ws.on('close', listener);
      return () => void ws.off('close', listener);
    },
  };
}

function reply(
  res: ServerResponse,
  status: number,
  type: string | undefined,
  body: string | Buffer,
  extra: Record<string, string> = {},
): void {
  // No Referer ever leaves a harness page: its address held the token.
  res.writeHead(status, {
    'content-type': type ?? 'application/octet-stream',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    ...extra,
  });
  res.end(body);
}

if (require.main === module) {
  const port = Number(process.env.PANIC_DESK_PORT ?? 5178);
  const dataDir = process.env.PANIC_DESK_DATA_DIR || mkdtempSync(join(tmpdir(), 'panic-desk-'));
  startHarness(port, dataDir).then(
    (harness) => {
      console.log(`Panic Desk web harness (Training mode) at ${harness.url}`);
      console.log(`  data folder: ${dataDir}`);
      const stop = (): void => void harness.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
