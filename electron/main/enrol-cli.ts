// `"Panic Desk" --enrol`: IT's MDM script, run as the desk's user (the keychain is per user),
// pipes {"clientId": "…", "clientSecret": "…"} to standard input. The pair is verified with a
// token exchange and stored in the keychain (core/enrol.ts); no window opens and the app exits
// with 0 when enrolled, 1 when not. Output names the client, never the secret.
import { ConnectionManager, type CredentialsInput } from '../core/connection';
import { enrol } from '../core/enrol';
import type { Connection } from '../shared/model/connection';
import type { PolicyRead } from '../core/policy';
import type { CredentialVault, KeyValueStore } from '../core/ports';
import { enrolConnectionOptions } from './app-host';
import type { ShellApi } from './shell-api';

export const ENROL_FLAG = '--enrol';

export function wantsEnrol(argv: readonly string[]): boolean {
  return argv.includes(ENROL_FLAG);
}

export interface EnrolCliDeps {
  readStdin(): Promise<string>;
  /** The verified save of the desk's ConnectionManager (on the real keychain in the app). */
  save(input: CredentialsInput): Promise<Connection>;
  policy: PolicyRead | null;
  out(line: string): void;
  err(line: string): void;
}

/** Runs the enrolment; resolves with the process exit code. */
export async function runEnrolCli(deps: EnrolCliDeps): Promise<number> {
  if (deps.policy && !deps.policy.ok) deps.err(`Warning: ${deps.policy.problem}`);
  const policy = deps.policy?.ok ? deps.policy.policy : {};
  try {
    const raw = await deps.readStdin();
    const connection = await enrol(raw, { save: deps.save, policy });
    deps.out(
      `Enrolled: AURA ${connection.environment} client ${connection.clientId ?? ''}; the secret is in the system keychain.`,
    );
    return 0;
  } catch (error) {
    deps.err(`Not enrolled: ${error instanceof Error ? error.message : 'unexpected error'}`);
    return 1;
  }
}

/** All of standard input as text (at most 64 KB: an enrolment is a few hundred bytes). */
export function readAll(stream: NodeJS.ReadableStream, limit = 65_536): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > limit) reject(new Error('standard input is too long for an enrolment'));
    });
    stream.on('end', () => resolve(text));
    stream.on('error', reject);
  });
}

export interface EnrolCommandDeps extends Omit<EnrolCliDeps, 'save' | 'policy'> {
  openStore(): KeyValueStore;
  vault: CredentialVault;
  readPolicy(): Promise<PolicyRead | null>;
}

/**
 * `"Panic Desk" --enrol` in the app: waits for the app to be ready (Electron's net works only
 * then), verifies through net.fetch like the desk would, and resolves with the exit code.
 */
export async function enrolCommand(api: Pick<ShellApi, 'app' | 'net'>, deps: EnrolCommandDeps): Promise<number> {
  await api.app.whenReady();
  const connections = new ConnectionManager(
    enrolConnectionOptions(api.net, { store: deps.openStore(), vault: deps.vault }),
  );
  return runEnrolCli({ ...deps, save: (input) => connections.save(input), policy: await deps.readPolicy() });
}
