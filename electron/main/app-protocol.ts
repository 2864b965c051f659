// The app's page comes from its own scheme, app://panic-desk/, served by protocol.handle from the
// built renderer folder only. Unlike file://, the page then has a real origin of its own (its CSP
// 'self' means the app and nothing else on disk), cannot read other local files, and the
// GrantFileProtocolExtraPrivileges fuse can be turned off. The scheme must be registered as
// privileged before the app is ready; the handler is installed once it is.
import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'panic-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The part of Electron's `protocol` module used here. */
export interface ShellProtocol {
  registerSchemesAsPrivileged(
    schemes: Array<{
      scheme: string;
      privileges: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; corsEnabled?: boolean };
    }>,
  ): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

/** Before `ready`: app:// is a standard, secure scheme (a real origin, relative URLs, no mixed content). */
export function registerAppScheme(protocol: ShellProtocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** After `ready`: serves the built renderer under app://panic-desk/. */
export function serveApp(protocol: ShellProtocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request, rendererDir));
}

/** True for the app's page itself (a fragment aside): any other URL is foreign. */
export function isAppPageUrl(url: string): boolean {
  const hash = url.indexOf('#');
  const bare = hash === -1 ? url : url.slice(0, hash);
  return bare === APP_PAGE_URL || bare === `${APP_ORIGIN}/`;
}

/**
 * The file under `rendererDir` a request names, or null: wrong host, a path that leaves the folder
 * (`..`, encoded or not, backslashes, NUL), or anything but a plain path.
 */
export function appFileFor(url: string, rendererDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  if (parsed.username || parsed.password || parsed.port) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const root = resolve(rendererDir);
  const file = resolve(root, `.${path}`);
  const rel = relative(root, file);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}

function answer(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });
}

/** The response for one app:// request: the file with its MIME type, or 404/405. */
export async function appResponse(request: Request, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'Method not allowed');
  const file = appFileFor(request.url, rendererDir);
  if (!file) return answer(404, 'Not found');
  let body: Buffer;
  try {
    // A symbolic link inside the folder must not lead out of it either.
    const [real, root] = await Promise.all([realpath(file), realpath(rendererDir)]);
    if (!real.startsWith(root + sep)) return answer(404, 'Not found');
    body = await readFile(real);
  } catch {
    return answer(404, 'Not found');
  }
  const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'content-type': type, 'x-content-type-options': 'nosniff' };
  // The policy of renderer/index.html's meta tag, also as a header (where frame-ancestors counts).
  // Written out literally so that electronegativity (npm run security) can read it.
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}
