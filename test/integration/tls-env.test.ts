// Issue 21 finding 2: in a packaged app the operator's environment cannot weaken TLS to AURA.
// `NODE_TLS_REJECT_UNAUTHORIZED=0` made main's fetch send the secret to a self-signed server; the
// packaged app now removes it (and the other TLS-weakening variables) before any request.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isTlsWeakening, stripTlsEnvironment } from '../../electron/main/launch-guard';

const SECRET = 'tls-env-secret-0123456789';

function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'tls-env-'));
  execFileSync(
    '/usr/bin/openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

let server: Server | null = null;
const saved = { ...process.env };
afterEach(() => {
  server?.close();
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
});

describe('TLS to AURA and the environment (packaged app)', () => {
  it('NODE_TLS_REJECT_UNAUTHORIZED=0 no longer lets the secret reach a self-signed server', async () => {
    const bodies: string[] = [];
    server = createServer(selfSigned(), (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;

    const env = process.env;
    env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // the operator's attack
    const { removed } = stripTlsEnvironment(env); // what main does first when packaged
    expect(removed).toContain('NODE_TLS_REJECT_UNAUTHORIZED');

    const sent = fetch(`https://127.0.0.1:${port}/oauth/token`, { method: 'POST', body: SECRET });
    await expect(sent).rejects.toThrow();
    expect(bodies).toEqual([]);
  });

  it('names every variable that weakens TLS, and asks for a restart for the CA file Node reads once', () => {
    const env: NodeJS.ProcessEnv = {
      NODE_TLS_REJECT_UNAUTHORIZED: '0',
      NODE_TLS_MIN_VERSION: 'x',
      NODE_EXTRA_CA_CERTS: '/tmp/evil.pem',
      SSLKEYLOGFILE: '/tmp/keys',
      PATH: '/usr/bin',
    };
    expect(stripTlsEnvironment(env)).toEqual({
      removed: ['NODE_TLS_REJECT_UNAUTHORIZED', 'NODE_TLS_MIN_VERSION', 'NODE_EXTRA_CA_CERTS', 'SSLKEYLOGFILE'],
      mustRestart: true,
    });
    expect(env).toEqual({ PATH: '/usr/bin' });
    expect(isTlsWeakening('HTTPS_PROXY')).toBe(false);
  });
});
