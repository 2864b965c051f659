// The web harness: runs the same core and simulator as the app, under plain Node, and serves the
// built renderer to a browser at http://127.0.0.1:${PANIC_DESK_PORT:-5178}/?token=…, with
// `window.panicDesk` implemented over a WebSocket. Data lives in ${PANIC_DESK_DATA_DIR} (a fresh
// temporary folder when unset). Playwright's end-to-end specs run against this. Only its own
// page may use it: Host, Origin and a per-run token are checked (guard.ts); the token comes from
// ${PANIC_DESK_HARNESS_TOKEN} or is drawn at random, and the full URL is printed and returned.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import { runCommand } from '../../electron/core/commands';
import { DeskHost } from '../../electron/core/desk-host';
import { memoryVault } from '../fakes/vault';
import { harnessDiagnostics } from './diagnostics';
import { readManagedPolicy, systemPolicyDeps, watchPolicy } from '../../electron/main/policy-sources';
import { openFileStore } from './file-store';
import { harnessGuard, newHarnessToken } from './guard';

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
  // The harness keeps secrets in memory: it is a test host, never a place for real credentials.
  const vault = memoryVault();
  const diagnostics = harnessDiagnostics(dataDir);
  // Only an explicit policy file: the harness never picks up the machine's own policy.
  const policyFile = options.policyFile ?? process.env.PANIC_DESK_POLICY;
  const policyDeps = policyFile ? { ...systemPolicyDeps, env: { PANIC_DESK_POLICY: policyFile } } : null;
  const openHost = async (): Promise<DeskHost> => {
    const store = await openFileStore(dataDir);
    return DeskHost.open({
      store,
      dataDir,
      vault,
      startupProblems: store.openProblem ? [store.openProblem] : [],
      log: diagnostics.log,
      diagnostics: diagnostics.shell,
      policy: policyDeps ? await readManagedPolicy(policyDeps) : null,
    });
  };
  diagnostics.log.info(`harness starting on port ${port} (Node ${process.version}, ${process.platform})`);
  let host = await openHost();
  const unwatchPolicy = policyDeps
    ? watchPolicy(policyDeps, (read) => void host.applyPolicy(read), { filePollMs: 500 })
    : () => undefined;
  // Commands wait while the desk is stopped or restarting (POST /__harness/…), as the app's window would.
  let ready: Promise<void> = Promise.resolve();
  const bridgeJs = await bundleBridge();
  const index = harnessIndex(port);

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    req.resume(); // no route reads a body
    const foreign = guard.siteProblem(req);
    if (foreign) return reply(res, 403, 'text/plain', `Refused: ${foreign}`);
    if (url.pathname === '/' || url.pathname === '/index.html') {
      if (!guard.pageAllowed(url)) {
        return reply(res, 403, 'text/plain', 'This harness opens only with its token: use the URL it printed.');
      }
      return reply(res, 200, TYPES['.html'], index);
    }
    if (url.pathname === '/__harness/bridge.js') return reply(res, 200, TYPES['.js'], bridgeJs);
    if (url.pathname.startsWith('/__harness/')) {
      const refused = guard.routeProblem(req);
      if (refused) return reply(res, refused.includes('json') ? 415 : 401, 'text/plain', `Refused: ${refused}`);
    }
    // Desk controls for the specs: restart it, or stop it, change its files, and start it again.
    const control = Object.hasOwn(CONTROLS, url.pathname) ? CONTROLS[url.pathname] : undefined;
    if (control && req.method === 'POST') {
      control().then(
        () => reply(res, 200, 'application/json', JSON.stringify({ done: url.pathname })),
        (error: unknown) => reply(res, 500, 'text/plain', `${url.pathname} failed: ${String(error)}`),
      );
      return;
    }
    if (url.pathname === '/__harness/info')
      return reply(
        res,
        200,
        'application/json',
        JSON.stringify({
          dataDir,
          simulatorBaseUrl: host.simulator?.baseUrl ?? null,
          // For specs that drive the Training simulator's /__sim routes themselves.
          simulatorOrigin: host.simulator?.origin ?? null,
          simulatorControlHeaders: host.simulator?.controlHeaders ?? null,
        }),
      );
    const file = normalize(join(RENDERER_DIR, url.pathname));
    if (!file.startsWith(RENDERER_DIR) || !existsSync(file)) return reply(res, 404, 'text/plain', 'not found');
    reply(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
  });

  const wss = new WebSocketServer({
    server,
    path: '/__harness/ws',
    maxPayload: MAX_FRAME_BYTES,
    // Only the harness's own page, with the run's token, gets a socket (and so any event).
    verifyClient: ({ req }: { req: IncomingMessage }) => guard.socketProblem(req) === null,
  });
  const clients = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    clients.add(ws);
    // A page that (re)connects gets the whole state at once, e.g. after a restart of the desk.
    void ready.then(() => ws.send(JSON.stringify({ event: 'state.changed', payload: host.getState() })));
    ws.on('close', () => clients.delete(ws));
    ws.on('message', (data) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(data));
      } catch {
        return;
      }
      if (!parsed || typeof parsed !== 'object') return;
      const message = parsed as { id?: unknown; name?: unknown; payload?: unknown };
      if (typeof message.id !== 'number') return;
      const id = message.id;
      void ready
        .then(() => runCommand(host, message.name, message.payload))
        .catch(() => ({
          ok: false as const,
          error: { code: 'failed', message: 'The harness could not run this command' },
        }))
        .then((result) => ws.send(JSON.stringify({ id, result })))
        .catch(() => ws.terminate());
    });
  });
  const subscribe = (h: DeskHost): (() => void) =>
    h.onChange((state) => {
      const text = JSON.stringify({ event: 'state.changed', payload: state });
      for (const ws of clients) ws.send(text);
    });
  let unsubscribe = subscribe(host);

  /** Quits the desk (a page sees its connection drop); commands wait until it starts again. */
  let resume: (() => void) | null = null;
  const stopDesk = async (): Promise<void> => {
    if (resume) return;
    ready = new Promise<void>((ok) => (resume = ok));
    unsubscribe();
    for (const ws of clients) ws.terminate();
    await host.close();
  };
  /** Opens the desk again on the same data folder, as when the app starts. */
  const startDesk = async (): Promise<void> => {
    if (!resume) return;
    host = await openHost();
    unsubscribe = subscribe(host);
    const release = resume;
    resume = null;
    release();
  };
  const CONTROLS: Record<string, () => Promise<void>> = {
    '/__harness/restart': async () => {
      await stopDesk();
      await startDesk();
    },
    '/__harness/stop': stopDesk,
    '/__harness/start': startDesk,
  };

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
      unwatchPolicy();
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await host.close();
    },
  };
}

function reply(res: ServerResponse, status: number, type: string | undefined, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type ?? 'application/octet-stream', 'cache-control': 'no-store' });
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
