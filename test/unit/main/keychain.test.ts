// The keychain vault with a stand-in for keytar: which service and account it uses, and that every
// keychain failure (module missing, no Secret Service) is a KeychainUnavailableError with a remedy
// and never carries the secret. The real Secret Service is test/integration/keychain.test.ts.
import { describe, expect, it } from 'vitest';
import { KeychainUnavailableError } from '../../../electron/core/connection/connection';
import { createKeychainVault, keychainRemedy, type Keytar } from '../../../electron/main/keychain';

function recordingKeytar(fail: Error | null = null) {
  const calls: string[] = [];
  const data = new Map<string, string>();
  const keytar: Keytar = {
    async getPassword(service, account) {
      calls.push(`get ${service} ${account}`);
      if (fail) throw fail;
      return data.get(`${service}/${account}`) ?? null;
    },
    async setPassword(service, account, password) {
      calls.push(`set ${service} ${account}`);
      if (fail) throw fail;
      data.set(`${service}/${account}`, password);
    },
    async deletePassword(service, account) {
      calls.push(`delete ${service} ${account}`);
      if (fail) throw fail;
      return data.delete(`${service}/${account}`);
    },
  };
  return { keytar, calls, data };
}

describe('keychain vault', () => {
  it('files the secret under service "Panic Desk" and the given account', async () => {
    const { keytar, calls, data } = recordingKeytar();
    const vault = createKeychainVault({ load: async () => keytar });
    await vault.setSecret('staging:abc', 's3cret');
    expect(await vault.getSecret('staging:abc')).toBe('s3cret');
    expect(await vault.deleteSecret('staging:abc')).toBe(true);
    expect(calls).toEqual([
      'set Panic Desk staging:abc',
      'get Panic Desk staging:abc',
      'delete Panic Desk staging:abc',
    ]);
    expect(data.size).toBe(0);
  });

  it('turns a module that cannot load into KeychainUnavailableError, not a crash', async () => {
    let loads = 0;
    const vault = createKeychainVault({
      platform: 'linux',
      load: async () => {
        loads += 1;
        throw new Error('libsecret-1.so.0: cannot open shared object file');
      },
    });
    const error = await vault.getSecret('staging:abc').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect((error as Error).message).toContain('libsecret-1.so.0');
    expect((error as Error).message).toContain('gnome-keyring');
    await expect(vault.probe()).rejects.toBeInstanceOf(KeychainUnavailableError);
    expect(loads).toBe(1);
  });

  it('turns a missing Secret Service into KeychainUnavailableError without the secret in it', async () => {
    const { keytar } = recordingKeytar(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
    const vault = createKeychainVault({ platform: 'linux', load: async () => keytar });
    const error = await vault.setSecret('production:abc', 'do-not-leak-me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect((error as Error).message).toContain('Cannot autolaunch D-Bus');
    expect((error as Error).message).not.toContain('do-not-leak-me');
    expect((error as KeychainUnavailableError).remedy).toBe(keychainRemedy('linux'));
  });

  it('never stores an empty secret and needs an account', async () => {
    const { keytar, calls } = recordingKeytar();
    const vault = createKeychainVault({ load: async () => keytar });
    await expect(vault.setSecret('staging:abc', '')).rejects.toThrow(/empty secret/);
    await expect(vault.getSecret('')).rejects.toThrow(/account/);
    expect(calls).toEqual([]);
  });

  it('says what to do on every platform', () => {
    expect(keychainRemedy('linux')).toMatch(/gnome-keyring/);
    expect(keychainRemedy('darwin')).toMatch(/Keychain Access/);
    expect(keychainRemedy('win32')).toMatch(/Credential Manager/);
  });
});
