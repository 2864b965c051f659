// Which keychain account holds a desk's secret: one per environment, base URL and client id, so
// that a kept secret is only ever sent to the address it was verified with. Secrets saved before
// that binding (account `<environment>:<clientId>`) are moved once, and only for the URL they
// were saved with.
import type { Environment } from '../../shared/model/connection';
import { baseUrlFor } from '../aura/environments';
import type { CredentialVault } from '../ports';

/** The non-secret part of a saved connection these rules read. */
interface AccountBinding {
  environment: Environment;
  baseUrl: string | null;
  clientId: string | null;
  account: string | null;
}

/**
 * The keychain account of a client: one secret per environment, base URL and client id together,
 * so that a kept secret can only ever be sent to the address it was verified with. The URL is
 * percent-encoded (it then holds no `@`), so the name splits one way only.
 */
export function accountFor(environment: Environment, baseUrl: string, clientId: string): string {
  return `${environment}:${clientId}@${encodeURIComponent(baseUrl)}`;
}

/** The account name before the URL was part of it (version 0.1): migrated by `open()`. */
export function legacyAccountFor(environment: Environment, clientId: string): string {
  return `${environment}:${clientId}`;
}

/**
 * The secret of the saved connection, read only from the account bound to its environment,
 * URL and client id. A secret saved before that binding (account `<environment>:<clientId>`)
 * is moved once to the bound account of the URL it was saved with (`rebound` records the new
 * account); an account naming anything else (an edited settings file) is not used.
 */
export async function boundSecret(
  vault: CredentialVault,
  saved: AccountBinding & { baseUrl: string; clientId: string },
  rebound: (account: string) => void,
): Promise<string | null> {
  const account = accountFor(saved.environment, saved.baseUrl, saved.clientId);
  if (saved.account === account) return vault.getSecret(account);
  if (saved.account !== legacyAccountFor(saved.environment, saved.clientId)) return null;
  const legacy = saved.account;
  const secret = await vault.getSecret(legacy);
  if (secret === null) return null;
  await vault.setSecret(account, secret);
  rebound(account);
  await vault.deleteSecret(legacy);
  return secret;
}

/**
 * The secret kept for exactly this environment, URL and client id, when the operator left the
 * field empty. Never one saved for another URL: a changed URL needs the secret typed again.
 */
export async function keptSecret(
  vault: CredentialVault,
  previous: AccountBinding,
  input: { environment: Environment },
  baseUrl: string,
  clientId: string,
): Promise<string | null> {
  const bound = await vault.getSecret(accountFor(input.environment, baseUrl, clientId));
  if (bound) return bound;
  const legacy = legacyAccountFor(input.environment, clientId);
  // A pre-binding secret is kept only for the URL it was saved with (the fixed URL of Staging
  // or Production when a switch to Training forgot it).
  const savedUrl = previous.baseUrl ?? (input.environment === 'custom' ? null : baseUrlFor(input.environment));
  if (previous.account !== legacy || previous.clientId !== clientId || savedUrl !== baseUrl) return null;
  return vault.getSecret(legacy);
}
