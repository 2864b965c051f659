// The keychain vault against a real Secret Service: a throwaway D-Bus session (dbus-run-session)
// with an unlocked gnome-keyring whose files live in a temporary folder. This test's worker talks
// to that private bus only (Vitest runs each test file in its own process), so neither the
// machine's keyring nor any other test is touched. Skipped only when the tools are not installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountFor } from '../../electron/core/connection/keychain-account';
import { createKeychainVault, KEYCHAIN_SERVICE } from '../../electron/main/keychain';
import { secretServiceMissing, startSecretService, type SecretService } from '../support/secret-service';

const skipReason = secretServiceMissing();
if (skipReason) console.warn(`keychain integration test skipped: ${skipReason}`);

let service: SecretService | null = null;

describe.skipIf(Boolean(skipReason))('keychain vault on a real Secret Service', () => {
  beforeAll(async () => {
    service = await startSecretService();
    process.env.DBUS_SESSION_BUS_ADDRESS = service.busAddress;
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('stores, reads, replaces and deletes a credential', async () => {
    const vault = createKeychainVault({ platform: 'linux' });
    const account = accountFor('staging', 'https://staging-panic.aura.services/panic-api/v2', 'integration-client');

    await vault.probe();
    expect(await vault.getSecret(account)).toBeNull();

    await vault.setSecret(account, 'first-secret');
    expect(await vault.getSecret(account)).toBe('first-secret');

    await vault.setSecret(account, 'second-secret');
    expect(await vault.getSecret(account)).toBe('second-secret');

    // Another account of the same service is separate.
    const other = accountFor('production', 'https://panic.aura.services/panic-api/v2', 'integration-client');
    expect(await vault.getSecret(other)).toBeNull();

    expect(await vault.deleteSecret(account)).toBe(true);
    expect(await vault.getSecret(account)).toBeNull();
    expect(await vault.deleteSecret(account)).toBe(false);
  });

  it('files secrets under the service name "Panic Desk"', async () => {
    const vault = createKeychainVault({ platform: 'linux' });
    const account = accountFor('custom', 'https://aura.example.com/panic-api/v2', 'named-client');
    await vault.setSecret(account, 'named-secret');
    const keytar = await import('keytar');
    const found = await (keytar.default ?? keytar).getPassword(KEYCHAIN_SERVICE, account);
    expect(found).toBe('named-secret');
    await vault.deleteSecret(account);
  });
});
