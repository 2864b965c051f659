// The desk's AURA connection: which environment, which client, and whether its secret is in the
// OS keychain. Saving verifies the pair with a token exchange first and stores nothing when AURA
// refuses it. The secret goes only into the CredentialVault (under the account keychain-account.ts
// names); the store keeps the non-secret part.
// Training needs neither: the desk host runs the embedded simulator with its own fixed pair.
import { z } from 'zod';
import { EnvironmentSchema, type Connection, type Environment } from '../../shared/model/connection';
import { AuraClient } from '../aura/client';
import type { AuraClientOptions } from '../aura/client-options';
import { baseUrlFor, BaseUrlError } from '../aura/environments';
import { AuraError, plainWords } from '../aura/errors';
import { accountFor, boundSecret, keptSecret } from './keychain-account';
import type { CredentialVault, KeyValueStore } from '../ports';

/**
 * The OS keychain cannot be used (no Secret Service on Linux, a locked or missing keychain, the
 * native module failed to load). A readiness state with what to install, never a crash, and never
 * a reason to keep the secret anywhere else.
 */
export class KeychainUnavailableError extends Error {
  readonly code = 'keychainUnavailable';
  constructor(
    message: string,
    /** What the operator or admin can do about it, in plain words. */
    readonly remedy: string,
  ) {
    super(`${message}. ${remedy}`);
    this.name = 'KeychainUnavailableError';
  }
}

/** Why credentials were not saved. `rejected` carries AURA's own reason. */
export type ConnectionErrorKind = 'invalid' | 'rejected' | 'unreachable';

export class ConnectionError extends Error {
  constructor(
    readonly kind: ConnectionErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

/** What setup.saveCredentials receives (after the contract's schema). */
export interface CredentialsInput {
  environment: Environment;
  baseUrl: string | null;
  clientId: string;
  clientSecret: string;
}

const STORE_KEY = 'connection';

/** Answers that mean AURA heard us and said no (as opposed to: we could not ask). */
const CREDENTIALS_REFUSED_KINDS = new Set<AuraError['kind']>([
  'credentialsRejected',
  'unauthorized',
  'forbidden',
  'invalidRequest',
]);

/** The non-secret part, as kept in the store. No field here may ever hold the secret. */
const SavedConnectionSchema = z.object({
  environment: EnvironmentSchema,
  baseUrl: z.string().nullable(),
  clientId: z.string().nullable(),
  /** The keychain account holding this desk's secret (kept through a switch to Training). */
  account: z.string().nullable(),
});
type SavedConnection = z.infer<typeof SavedConnectionSchema>;

const TRAINING: SavedConnection = { environment: 'training', baseUrl: null, clientId: null, account: null };

/** Where the desk stands after `open()`, for the desk host to build the desk from. */
export type OpenedConnection =
  | { state: 'training'; connection: Connection; client: null }
  | { state: 'configured'; connection: Connection; client: AuraClient }
  | { state: 'notConfigured'; connection: Connection; client: null; message: string }
  | { state: 'keychainUnavailable'; connection: Connection; client: null; message: string };

export interface ConnectionManagerOptions {
  store: KeyValueStore;
  vault: CredentialVault;
  /** Per-request timeout of the verifying exchange and of the clients built here. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Extra client options for the desk's client (e.g. raise defaults). */
  clientOptions?: Partial<Omit<AuraClientOptions, 'baseUrl' | 'clientId' | 'getSecret'>>;
}

export class ConnectionManager {
  private hasSecret = false;

  constructor(private readonly opts: ConnectionManagerOptions) {}

  /** What the renderer may learn: environment, base URL, client id and whether a secret is set. */
  connection(): Connection {
    const saved = this.saved();
    if (saved.environment === 'training') {
      return { environment: 'training', baseUrl: null, clientId: null, hasSecret: false };
    }
    return {
      environment: saved.environment,
      baseUrl: saved.baseUrl,
      clientId: saved.clientId,
      hasSecret: this.hasSecret,
    };
  }

  /**
   * Reads the saved connection and checks that its secret is in the keychain. Returns the client
   * to build the desk with, or why there is none. Never throws for a keychain problem: that is
   * the readiness state `keychainUnavailable`.
   */
  async open(): Promise<OpenedConnection> {
    const saved = this.saved();
    if (saved.environment === 'training') {
      this.hasSecret = false;
      return { state: 'training', connection: this.connection(), client: null };
    }
    if (!saved.baseUrl || !saved.clientId || !saved.account) {
      this.hasSecret = false;
      return {
        state: 'notConfigured',
        connection: this.connection(),
        client: null,
        message: 'Not configured — enter the AURA client ID and secret in Setup',
      };
    }
    let secret: string | null;
    try {
      const bound = saved as SavedConnection & { baseUrl: string; clientId: string };
      secret = await boundSecret(this.opts.vault, bound, (account) => this.write({ ...saved, account }));
    } catch (error) {
      if (!(error instanceof KeychainUnavailableError)) throw error;
      this.hasSecret = false;
      return { state: 'keychainUnavailable', connection: this.connection(), client: null, message: error.message };
    }
    this.hasSecret = secret !== null;
    if (secret === null) {
      return {
        state: 'notConfigured',
        connection: this.connection(),
        client: null,
        message: 'The client secret is not in the system keychain — enter it again in Setup',
      };
    }
    return {
      state: 'configured',
      connection: this.connection(),
      client: this.clientFor(
        saved.baseUrl,
        saved.clientId,
        accountFor(saved.environment, saved.baseUrl, saved.clientId),
      ),
    };
  }

  /**
   * Verifies the credentials with a token exchange, then keeps the secret in the keychain and the
   * rest in the store. A refused pair throws ConnectionError('rejected') with AURA's reason and
   * changes nothing; a keychain that cannot be used throws KeychainUnavailableError.
   * An empty secret re-uses the one already in the keychain for the same environment, base URL
   * and client id, and for nothing else.
   */
  async save(input: CredentialsInput): Promise<Connection> {
    const previous = this.saved();
    if (input.environment === 'training') {
      // The real account's secret stays in the keychain, and what it is bound to stays in the
      // store: switching back needs no retyping.
      this.write({ ...previous, environment: 'training' });
      this.hasSecret = false;
      return this.connection();
    }
    const clientId = input.clientId.trim();
    if (!clientId) throw new ConnectionError('invalid', 'Enter the AURA client ID');
    let baseUrl: string;
    try {
      baseUrl = baseUrlFor(input.environment, input.baseUrl) ?? '';
    } catch (error) {
      if (error instanceof BaseUrlError) throw new ConnectionError('invalid', error.message);
      throw error;
    }
    const account = accountFor(input.environment, baseUrl, clientId);
    const secret = input.clientSecret || (await keptSecret(this.opts.vault, previous, input, baseUrl, clientId));
    if (!secret) {
      const moved = previous.account !== null && previous.baseUrl !== null && previous.baseUrl !== baseUrl;
      throw new ConnectionError(
        'invalid',
        moved
          ? 'Enter the AURA client secret again: a saved secret is only ever sent to the address it was saved for'
          : 'Enter the AURA client secret',
      );
    }

    await this.verify(baseUrl, clientId, secret);
    await this.opts.vault.setSecret(account, secret);
    this.write({ environment: input.environment, baseUrl, clientId, account });
    this.hasSecret = true;
    // The replaced client's secret must not linger in the keychain.
    if (previous.account && previous.account !== account) await this.opts.vault.deleteSecret(previous.account);
    return this.connection();
  }

  /**
   * Points the desk at the connection an administrator's policy names (no secret: enrolment or
   * Setup brings that, and an account already in the keychain is used). True when it changed.
   */
  preset(target: { environment?: Environment; baseUrl?: string; clientId?: string }): boolean {
    const saved = this.saved();
    const environment = target.environment ?? saved.environment;
    if (environment === 'training') {
      if (saved.environment === 'training') return false;
      this.write({ ...TRAINING, account: saved.account });
      return true;
    }
    const clientId = target.clientId ?? saved.clientId;
    const sameEnv = environment === saved.environment;
    let baseUrl: string | null;
    try {
      baseUrl = baseUrlFor(environment, target.baseUrl ?? (sameEnv ? saved.baseUrl : null));
    } catch {
      baseUrl = null; // a custom environment without its URL: Setup says "Not configured"
    }
    const next: SavedConnection = {
      environment,
      baseUrl,
      clientId,
      account: clientId && baseUrl ? accountFor(environment, baseUrl, clientId) : null,
    };
    if (JSON.stringify(next) === JSON.stringify(saved)) return false;
    this.write(next);
    return true;
  }

  /** True when the keychain still holds the secret of this connection (false when it cannot be read). */
  async hasSecretFor(target: {
    environment: Environment;
    baseUrl: string | null;
    clientId: string | null;
  }): Promise<boolean> {
    if (target.environment === 'training' || !target.baseUrl || !target.clientId) return false;
    const account = accountFor(target.environment, target.baseUrl, target.clientId);
    return (await this.opts.vault.getSecret(account).catch(() => null)) !== null;
  }

  /** A client for another connection than the saved one, while its secret is in the keychain; else null. */
  async clientForTarget(target: { environment: Environment; baseUrl: string | null; clientId: string | null }) {
    if (!(await this.hasSecretFor(target)) || !target.baseUrl || !target.clientId) return null;
    return this.clientFor(
      target.baseUrl,
      target.clientId,
      accountFor(target.environment, target.baseUrl, target.clientId),
    );
  }

  /** A client for the saved connection whose secret is read from the keychain at each exchange. */
  private clientFor(baseUrl: string, clientId: string, account: string): AuraClient {
    const vault = this.opts.vault;
    return new AuraClient({
      ...this.opts.clientOptions,
      baseUrl,
      clientId,
      timeoutMs: this.opts.timeoutMs,
      fetch: this.opts.fetch,
      getSecret: async () => {
        const secret = await vault.getSecret(account);
        if (secret === null) {
          throw new AuraError(
            'credentialsRejected',
            'The client secret is no longer in the system keychain — enter it again in Setup',
          );
        }
        return secret;
      },
    });
  }

  private async verify(baseUrl: string, clientId: string, secret: string): Promise<void> {
    const probe = new AuraClient({
      baseUrl,
      clientId,
      getSecret: async () => secret,
      timeoutMs: this.opts.timeoutMs,
      fetch: this.opts.fetch,
      // A one-off exchange: no timer may keep refreshing a token nobody uses.
      keepWarm: false,
      log: this.opts.clientOptions?.log,
    });
    try {
      await probe.getToken();
    } catch (error) {
      if (error instanceof AuraError && CREDENTIALS_REFUSED_KINDS.has(error.kind)) {
        // The token route's answer is never quoted (it may echo the secret): its status speaks.
        const reason = error.status ? `it answered ${error.status}` : 'no reason given';
        throw new ConnectionError(
          'rejected',
          `AURA rejected the client ID or secret (${reason}). Check both and try again. Nothing was saved.`,
        );
      }
      throw new ConnectionError(
        'unreachable',
        `The credentials could not be checked, so nothing was saved: ${plainWords(error)}`,
      );
    } finally {
      probe.close();
    }
  }

  private saved(): SavedConnection {
    const parsed = SavedConnectionSchema.safeParse(this.opts.store.get(STORE_KEY));
    return parsed.success ? parsed.data : TRAINING;
  }

  private write(saved: SavedConnection): void {
    this.opts.store.set(STORE_KEY, SavedConnectionSchema.parse(saved));
  }
}
