// An in-memory CredentialVault for tests, which can also play a keychain that is unavailable.
import { KeychainUnavailableError } from '../../electron/core/connection/connection';
import type { CredentialVault } from '../../electron/core/ports';

export type MemoryVault = CredentialVault & {
  secrets: Map<string, string>;
  /** When set, every call fails as a missing Secret Service would. */
  unavailable: boolean;
};

export function memoryVault(initial: Record<string, string> = {}): MemoryVault {
  const vault: MemoryVault = {
    secrets: new Map(Object.entries(initial)),
    unavailable: false,
    async getSecret(account) {
      check();
      return vault.secrets.get(account) ?? null;
    },
    async setSecret(account, secret) {
      check();
      vault.secrets.set(account, secret);
    },
    async deleteSecret(account) {
      check();
      return vault.secrets.delete(account);
    },
  };
  function check(): void {
    if (vault.unavailable) {
      throw new KeychainUnavailableError('The system keychain could not be reached (test)', 'Install gnome-keyring');
    }
  }
  return vault;
}
