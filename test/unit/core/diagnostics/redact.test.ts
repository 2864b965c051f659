// Finding 4 of the second security review, as attacks: a server echoes the secret (or the token)
// JSON-escaped, URL-encoded, base64-encoded, or padded so that the 300-character cut falls inside
// it; and the token route answers 400 with the whole request (secret included) in its message.
import { describe, expect, it } from 'vitest';
import { AuraClient } from '../../../../electron/core/aura/client';
import { AuraError } from '../../../../electron/core/aura/errors';
import { redactKnown, redactSecrets, secretForms } from '../../../../electron/core/diagnostics/redact';
import { leaksIn } from '../../../support/hostile-server';

const SECRETS = [
  `pa"ss\\word-${'7'.repeat(6)}`,
  'per%cent 20%41 with spaces',
  'ünïcødé—секрет-密码-🔑',
  `a+b/c=d?e&f#g'h<i>`,
];
const TOKEN = 'tok-0123456789abcdef0123456789abcdef';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A fake AURA: a good token, then every other route answers `status` with `message`. */
function fakeAura(message: (requestBody: string) => string, status = 400): typeof fetch {
  return async (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    if (String(input).endsWith('/oauth/token') && !message(body).includes('TOKEN-ROUTE')) {
      return jsonResponse(200, { accessToken: TOKEN, expiresIn: 3600 });
    }
    return jsonResponse(status, { message: message(body) });
  };
}

async function errorOf(promise: Promise<unknown>): Promise<AuraError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AuraError) return error;
    throw error;
  }
  throw new Error('no error');
}

/** Everything an error can carry to a screen, a file or a log. */
function carried(error: AuraError): string {
  return [error.message, error.auraMessage ?? '', JSON.stringify(error), String(error)].join('\n');
}

describe.each(SECRETS)('a secret like %j', (secret) => {
  const client = (fakeFetch: typeof globalThis.fetch) =>
    new AuraClient({
      baseUrl: 'https://aura.test/v2',
      clientId: 'c',
      getSecret: async () => secret,
      fetch: fakeFetch,
      keepWarm: false,
    });

  it.each([
    ['JSON-escaped', (s: string) => `bad: ${JSON.stringify({ clientSecret: s })}`],
    ['double JSON-escaped', (s: string) => `bad: ${JSON.stringify(JSON.stringify({ s }))}`],
    ['URL-encoded', (s: string) => `bad: clientSecret=${encodeURIComponent(s)}`],
    ['form-encoded', (s: string) => `bad: ${new URLSearchParams({ clientSecret: s }).toString()}`],
    ['base64 at any offset', (s: string) => `bad: ${Buffer.from(`x${s}yz`).toString('base64')}`],
    ['padded across the cut', (s: string) => `${'p'.repeat(297)}${s}`],
  ])('is scrubbed when echoed %s by a bearer route', async (_, echo) => {
    const error = await errorOf(client(fakeAura(() => echo(secret))).raiseCallout('site-1'));
    expect(error.auraMessage).toMatch(/\[redacted\]|^p{297}/);
    expect(leaksIn(carried(error), secret)).toEqual([]);
    // A 3-character prefix of the secret is what a cut would leave: it is not there either.
    expect(carried(error)).not.toContain(`${'p'.repeat(3)}${secret.slice(0, 3)}`);
  });

  it('is never quoted from the token route, whatever it echoes', async () => {
    const error = await errorOf(
      client(async (_i: unknown, init?: RequestInit) =>
        jsonResponse(400, { message: `TOKEN-ROUTE ${String(init?.body)}` }),
      ).getToken(),
    );
    expect(error.auraMessage).toBeNull();
    expect(carried(error)).not.toContain('TOKEN-ROUTE');
    expect(leaksIn(carried(error), secret)).toEqual([]);
  });
});

describe('redactSecrets', () => {
  it('scrubs every form and any bearer token, and leaves other words alone', () => {
    const secret = SECRETS[0] ?? '';
    for (const form of secretForms(secret)) {
      expect(redactSecrets(`before ${form} after`, [secret])).toBe('before [redacted] after');
    }
    expect(redactSecrets('Authorization: Bearer abcdefgh12345', [])).toBe('Authorization: Bearer [redacted]');
    expect(redactSecrets('nothing secret here', [secret])).toBe('nothing secret here');
  });

  it('is offered to code that holds no secret (logs, diagnostics) through redactKnown', async () => {
    const secret = 'known-to-the-process-Ω"\\';
    const fakeFetch: typeof globalThis.fetch = async () =>
      jsonResponse(200, { accessToken: 'tok-known-0123456789', expiresIn: 3600 });
    const c = new AuraClient({
      baseUrl: 'https://aura.test/v2',
      clientId: 'c',
      getSecret: async () => secret,
      fetch: fakeFetch,
      keepWarm: false,
    });
    await c.getToken();
    const line = `diag: ${JSON.stringify({ s: secret })} ${encodeURIComponent(secret)} tok-known-0123456789`;
    expect(redactKnown(line)).toBe('diag: {"s":"[redacted]"} [redacted] [redacted]');
  });
});
