// Setup's form rules (features/setup/setupForm.ts): what is checked, what is sent, when the secret is kept.
import { describe, expect, it } from 'vitest';
import {
  checkSetupForm,
  credentialsInput,
  keepsSecret,
  type SetupForm,
} from '../../../renderer/src/features/setup/setupForm';

describe("Setup's form", () => {
  const conn = {
    environment: 'staging' as const,
    baseUrl: null,
    clientId: 'desk-1',
    hasSecret: true,
  };
  const form = (patch: Partial<SetupForm> = {}): SetupForm => ({
    environment: 'staging',
    baseUrl: '',
    clientId: 'desk-1',
    secret: '',
    ...patch,
  });

  it('keeps the saved secret only for the same environment, URL and client ID', () => {
    expect(keepsSecret(form(), conn)).toBe(true);
    expect(keepsSecret(form({ clientId: 'desk-2' }), conn)).toBe(false);
    expect(keepsSecret(form({ environment: 'production' }), conn)).toBe(false);
    expect(keepsSecret(form(), { ...conn, hasSecret: false })).toBe(false);
    const custom = { ...conn, environment: 'custom' as const, baseUrl: 'https://a.example/api' };
    expect(keepsSecret(form({ environment: 'custom', baseUrl: 'https://a.example/api/' }), custom)).toBe(true);
    expect(keepsSecret(form({ environment: 'custom', baseUrl: 'https://b.example/api' }), custom)).toBe(false);
  });

  it('refuses empty fields, naming the field, in the order the form shows them', () => {
    expect(checkSetupForm(form({ environment: 'custom', clientId: '' }), conn)?.field).toBe('baseUrl');
    expect(checkSetupForm(form({ clientId: ' ' }), conn)?.field).toBe('clientId');
    expect(checkSetupForm(form({ clientId: 'new' }), conn)).toEqual({
      field: 'secret',
      message: 'Enter the client secret AURA gave you.',
    });
    expect(checkSetupForm(form(), conn)).toBeNull();
    expect(checkSetupForm(form({ environment: 'training', clientId: '' }), conn)).toBeNull();
  });

  it('asks for the secret again when the Custom URL changed', () => {
    const custom = { ...conn, environment: 'custom' as const, baseUrl: 'https://a.example/api' };
    expect(checkSetupForm(form({ environment: 'custom', baseUrl: 'https://b.example/api' }), custom)?.message).toBe(
      'Enter the client secret again: the saved one is only sent to the address it was saved for.',
    );
  });

  it('refuses an over-long field before sending', () => {
    expect(checkSetupForm(form({ secret: 'x'.repeat(1001) }), conn)?.field).toBe('secret');
    expect(
      checkSetupForm(form({ environment: 'custom', baseUrl: `https://${'a'.repeat(300)}`, secret: 's' }), conn)?.field,
    ).toBe('baseUrl');
  });

  it('sends no credentials for Training and a base URL only for Custom', () => {
    expect(credentialsInput(form({ environment: 'training', secret: 's' }))).toEqual({
      environment: 'training',
      baseUrl: null,
      clientId: '',
      clientSecret: '',
    });
    expect(
      credentialsInput(
        form({ environment: 'custom', baseUrl: ' https://a.example ', clientId: ' id ', secret: ' s ' }),
      ),
    ).toEqual({
      environment: 'custom',
      baseUrl: 'https://a.example',
      clientId: 'id',
      clientSecret: ' s ',
    });
  });
});
