import { describe, expect, it } from 'vitest';
import { BaseUrlError, baseUrlFor, customUrlProblem } from '../../../../electron/core/aura/environments';

describe('baseUrlFor', () => {
  it('knows Staging and Production, with the /panic-api/v2 prefix', () => {
    expect(baseUrlFor('staging')).toBe('https://staging-panic.aura.services/panic-api/v2');
    expect(baseUrlFor('production')).toBe('https://panic.aura.services/panic-api/v2');
  });

  it('has no fixed URL for Training (the embedded simulator picks its port)', () => {
    expect(baseUrlFor('training')).toBeNull();
  });

  it('accepts any https URL for Custom, without a trailing slash', () => {
    expect(baseUrlFor('custom', 'https://aura-proxy.example.com/panic-api/v2/')).toBe(
      'https://aura-proxy.example.com/panic-api/v2',
    );
    expect(baseUrlFor('custom', '  https://example.org:8443/x  ')).toBe('https://example.org:8443/x');
  });

  it('accepts plain http only for this machine', () => {
    expect(baseUrlFor('custom', 'http://127.0.0.1:4010/panic-api/v2')).toBe('http://127.0.0.1:4010/panic-api/v2');
    expect(baseUrlFor('custom', 'http://localhost:4010/panic-api/v2')).toBe('http://localhost:4010/panic-api/v2');
    expect(() => baseUrlFor('custom', 'http://192.168.1.10:4010/panic-api/v2')).toThrow(BaseUrlError);
    expect(() => baseUrlFor('custom', 'http://127.0.0.1.evil.example/panic-api/v2')).toThrow(/only for 127.0.0.1/);
  });

  it.each([
    ['', 'Enter the AURA base URL'],
    ['not a url', 'not a valid URL'],
    ['ftp://example.com/x', 'must start with https://'],
    ['file:///etc/passwd', 'must start with https://'],
    ['https://user:pw@example.com/x', 'user name or password'],
    ['https://example.com/x?token=1', 'query or a fragment'],
  ])('refuses %j', (url, reason) => {
    expect(() => baseUrlFor('custom', url)).toThrow(reason);
    expect(customUrlProblem(url)).toContain(reason);
  });

  it('says nothing is wrong with a good URL', () => {
    expect(customUrlProblem('https://staging-panic.aura.services/panic-api/v2')).toBeNull();
  });
});
