// Setup's errors: each tied to its field and in plain words, whatever main or the contract said.
import { describe, expect, it } from 'vitest';
import { setupErrorOf, tooLong } from '../../../renderer/src/features/setup/setupErrors';

describe('setup errors', () => {
  it('names an over-long field in words, never the schema text', () => {
    expect(tooLong('clientId', 'x'.repeat(201))?.field).toBe('clientId');
    expect(tooLong('clientId', 'x'.repeat(200))).toBeNull();
    const e = setupErrorOf(
      'invalidPayload',
      'setup.saveCredentials: baseUrl: Too big: expected string to have <=300 characters',
      'custom',
    );
    expect(e.field).toBe('baseUrl');
    expect(e.message).not.toMatch(/setup\.saveCredentials|Too big/);
  });

  it('puts an unreachable server beside the Base URL, without socket codes', () => {
    const e = setupErrorOf(
      'failed',
      'The credentials could not be checked, so nothing was saved: connect ECONNREFUSED 127.0.0.1:5999',
      'custom',
    );
    expect(e.field).toBe('baseUrl');
    expect(e.message).toContain('Nothing answered at 127.0.0.1:5999');
    expect(e.message).not.toContain('ECONNREFUSED');
    expect(
      setupErrorOf('failed', 'The credentials could not be checked, so nothing was saved: Cannot reach AURA', 'staging')
        .field,
    ).toBeNull();
  });

  it('puts refused credentials beside the secret', () => {
    const e = setupErrorOf(
      'failed',
      'AURA refused these credentials: Invalid client credentials. Nothing was saved.',
      'custom',
    );
    expect(e).toMatchObject({ field: 'secret' });
    expect(e.message).toMatch(/^Not saved\. AURA refused/);
  });
});
