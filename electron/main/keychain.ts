// The CredentialVault on the OS keychain (keytar: Keychain on macOS, Credential Manager on
// Windows, the Secret Service on Linux). keytar is loaded on first use, so a missing or broken
// native module becomes the readiness state "keychain unavailable", not a crash at start-up.
// There is deliberately no fallback: the secret is never written anywhere but the keychain.
import { createRequire } from 'node:module';
import { KeychainUnavailableError } from '../core/connection/connection';
import type { CredentialVault } from '../core/ports';

export const KEYCHAIN_SERVICE = 'Panic Desk';

/** The part of keytar we use. */
export interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeychainOptions {
  /** Loads keytar; replaced in tests. */
  load?: () => Promise<Keytar>;
  platform?: NodeJS.Platform;
  service?: string;
}

export interface KeychainVault extends CredentialVault {
  /** Resolves when the keychain answers; rejects with KeychainUnavailableError otherwise. */
  probe(): Promise<void>;
}

/** What to do when the keychain cannot be used, per platform. */
export function keychainRemedy(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'linux':
      return (
        'Panic Desk keeps the AURA client secret in the Secret Service. Install and run one, e.g. ' +
        'GNOME Keyring (Debian/Ubuntu: sudo apt-get install gnome-keyring libsecret-1-0), and sign in ' +
        'to a desktop session that unlocks it (on KDE, KWallet with its Secret Service enabled)'
      );
    case 'darwin':
      return 'Unlock the login keychain in Keychain Access and allow Panic Desk to use it';
    case 'win32':
      return 'Check that the Windows Credential Manager service is running and that you are signed in';
    default:
      return 'This system has no keychain Panic Desk can use';
  }
}

async function loadKeytar(): Promise<Keytar> {
  // require, not import(): main is a CommonJS bundle and keytar a native CommonJS module that the
  // packaged app loads from app.asar.unpacked; the CommonJS loader is the path Electron supports.
  const keytar = createRequire(__filename)('keytar') as Partial<Keytar>;
  if (
    typeof keytar.getPassword !== 'function' ||
    typeof keytar.setPassword !== 'function' ||
    typeof keytar.deletePassword !== 'function'
  ) {
    throw new Error('the keytar module has an unexpected shape');
  }
  return keytar as Keytar;
}

/** keytar's own reason, reduced to one short line (it never contains the secret we pass). */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.slice(0, 200) ?? 'unknown error';
}

export function createKeychainVault(options: KeychainOptions = {}): KeychainVault {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const platform = options.platform ?? process.platform;
  const remedy = keychainRemedy(platform);
  let loading: Promise<Keytar> | null = null;

  const keytar = (): Promise<Keytar> => {
    // A failed load is kept: the module will not appear while the app runs.
    loading ??= (options.load ?? loadKeytar)().catch((error: unknown) => {
      throw new KeychainUnavailableError(`The keychain module could not be loaded (${reasonOf(error)})`, remedy);
    });
    return loading;
  };

  /** Runs one keychain operation; any failure of the keychain itself becomes KeychainUnavailableError. */
  async function use<T>(what: string, operation: (k: Keytar) => Promise<T>): Promise<T> {
    const k = await keytar();
    try {
      return await operation(k);
    } catch (error) {
      throw new KeychainUnavailableError(`The system keychain could not ${what} (${reasonOf(error)})`, remedy);
    }
  }

  const checkAccount = (account: string): void => {
    if (!account) throw new Error('A keychain account name is required');
  };

  return {
    async getSecret(account) {
      checkAccount(account);
      return use('read the client secret', (k) => k.getPassword(service, account));
    },
    async setSecret(account, secret) {
      checkAccount(account);
      if (!secret) throw new Error('An empty secret is never stored');
      await use('store the client secret', (k) => k.setPassword(service, account, secret));
    },
    async deleteSecret(account) {
      checkAccount(account);
      return use('delete the client secret', (k) => k.deletePassword(service, account));
    },
    async probe() {
      await use('be reached', (k) => k.getPassword(service, 'panic-desk:probe'));
    },
  };
}
