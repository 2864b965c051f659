// `"Panic Desk" --enrol`: IT's MDM script, run as the desk's user (the keychain is per user),
// pipes {"clientId": "…", "clientSecret": "…"} to standard input. The pair is verified with a
// token exchange and stored in the keychain (core/enrol.ts); no window opens and the app exits
// with 0 when enrolled, 1 when not. Output names the client, never the secret. While the app runs,
// the enrolment is handed to it over the single-instance channel (issue 20 finding 12): one process
// writes the data folder, and the running desk opens the enrolled connection at once.
import { z } from 'zod';
import { ConnectionManager, type CredentialsInput } from '../core/connection/connection';
import { enrol, parseEnrolment } from '../core/policy/enrol';
import type { Connection } from '../shared/model/connection';
import type { PolicyRead } from '../core/policy/policy';
import type { CredentialVault, KeyValueStore } from '../core/ports';
import { enrolConnectionOptions } from './app-host';
import type { ShellApi } from './shell-api';

export const ENROL_FLAG = '--enrol';

export function wantsEnrol(argv: readonly string[]): boolean {
  return argv.includes(ENROL_FLAG);
}

/** The key of a handed-over enrolment in the single-instance channel's data. */
const HANDOVER_KEY = 'panicDeskEnrol';
const HandoverSchema = z.object({ [HANDOVER_KEY]: z.string().min(1).max(65_536) });

/** The single-instance data that hands this enrolment to the running instance. */
export function handoverData(raw: string): Record<string, unknown> {
  return { [HANDOVER_KEY]: raw };
}

/** The enrolment a second launch handed over, or null (a plain launch, or anything else). */
export function handedOverEnrolment(data: unknown): string | null {
  const parsed = HandoverSchema.safeParse(data);
  return parsed.success ? parsed.data[HANDOVER_KEY] : null;
}

export interface EnrolCliDeps {
  readStdin(): Promise<string>;
  /** Hands the enrolment to the running Panic Desk; false when none runs (this process enrols). */
  handOver?(raw: string): boolean;
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
    parseEnrolment(raw); // a malformed enrolment is refused here, before any hand-over
    if (deps.handOver?.(raw)) {
      deps.out(
        'Handed to the running Panic Desk: it verifies the credentials and opens its desk for them (its screen shows the outcome).',
      );
      return 0;
    }
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
  /** Holds the data folder's lock while this process writes it (issue 20 finding 16). */
  lockDataFolder(): Promise<{ release(): void }>;
}

/**
 * `"Panic Desk" --enrol` in the app: waits for the app to be ready (Electron's net works only
 * then), verifies through net.fetch like the desk would, and resolves with the exit code. The
 * store is opened only once this process holds the data folder's lock.
 */
export async function enrolCommand(api: Pick<ShellApi, 'app' | 'net'>, deps: EnrolCommandDeps): Promise<number> {
  await api.app.whenReady();
  const save = async (input: CredentialsInput): Promise<Connection> => {
    const lock = await deps.lockDataFolder();
    try {
      const options = enrolConnectionOptions(api.net, { store: deps.openStore(), vault: deps.vault });
      return await new ConnectionManager(options).save(input);
    } finally {
      lock.release();
    }
  };
  return runEnrolCli({ ...deps, save, policy: await deps.readPolicy() });
}
