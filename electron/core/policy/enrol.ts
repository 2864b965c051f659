// Enrolment without typing the secret (issue 15): IT hands the desk its AURA client id and secret
// as JSON, either on standard input (`"Panic Desk" --enrol`, run as the desk's user by an MDM
// script) or as a one-time enrol.json in the user-data folder. Both end in the same verified
// save (ConnectionManager.save: token exchange first, then the keychain); the secret is never
// echoed, logged or written anywhere else, and enrol.json is deleted once it has been used.
import { lstatSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EnvironmentSchema, type Connection } from '../../shared/model/connection';
import { checkCustomUrl } from '../aura/environments';
import { withoutBom } from '../storage/bom';
import { ConnectionError, type CredentialsInput } from '../connection/connection';
import type { Policy } from './policy';

export const ENROL_FILE = 'enrol.json';

export const EnrolmentSchema = z
  .object({
    clientId: z.string().trim().min(1).max(200),
    clientSecret: z.string().min(1).max(1000),
    /** Optional when the policy names the environment. */
    environment: EnvironmentSchema.exclude(['training']).optional(),
    baseUrl: z.string().max(300).optional(),
  })
  .strict();

export class EnrolError extends Error {
  constructor(
    message: string,
    /** True when trying again later may work (AURA could not be reached). */
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'EnrolError';
  }
}

export interface EnrolDeps {
  /** The verified save (ConnectionManager.save): verifies with a token exchange, then the keychain. */
  save(input: CredentialsInput): Promise<Connection>;
  policy: Policy;
}

/** Parses the JSON, checks it against the policy, verifies and stores it. Never echoes the input. */
export async function enrol(raw: string, deps: EnrolDeps): Promise<Connection> {
  return save(parseEnrolment(raw), deps);
}

/** The enrolment's JSON checked against its schema; an EnrolError that never quotes the input. */
export function parseEnrolment(raw: string): z.output<typeof EnrolmentSchema> {
  let json: unknown;
  try {
    json = JSON.parse(withoutBom(raw));
  } catch {
    // The text may hold the secret: say what is wrong, never what was read.
    throw new EnrolError('The enrolment is not valid JSON: expected {"clientId": "…", "clientSecret": "…"}');
  }
  const parsed = EnrolmentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path.join('.');
    throw new EnrolError(`The enrolment's "${key ?? '?'}" is missing or not allowed`);
  }
  return parsed.data;
}

async function save(input: z.output<typeof EnrolmentSchema>, deps: EnrolDeps): Promise<Connection> {
  const { policy } = deps;
  const environment = input.environment ?? policy.environment;
  if (!environment || environment === 'training') {
    throw new EnrolError('The enrolment names no AURA environment: add "environment" or set it in the policy');
  }
  if (policy.environment && policy.locked?.includes('environment') && environment !== policy.environment) {
    throw new EnrolError(`The policy locks the environment to ${policy.environment}`);
  }
  if (policy.clientId && policy.locked?.includes('clientId') && input.clientId !== policy.clientId) {
    throw new EnrolError('The policy locks the client ID to another one');
  }
  try {
    return await deps.save({
      environment,
      baseUrl: enrolBaseUrl(input.baseUrl, policy),
      clientId: input.clientId,
      clientSecret: input.clientSecret,
    });
  } catch (error) {
    if (error instanceof ConnectionError) throw new EnrolError(error.message, error.kind === 'unreachable');
    throw error;
  }
}

/**
 * The base URL the secret is verified against: a locked one is the policy's, always (issue 21
 * finding 7: the secret must not go to a URL of the enrolment's choosing); an enrolment naming
 * another is refused.
 */
function enrolBaseUrl(given: string | undefined, policy: Policy): string | null {
  if (!policy.baseUrl || !policy.locked?.includes('baseUrl')) return given ?? policy.baseUrl ?? null;
  if (given !== undefined && !sameUrl(given, policy.baseUrl)) {
    throw new EnrolError(`The policy locks the AURA base URL to ${policy.baseUrl}`);
  }
  return policy.baseUrl;
}

function sameUrl(a: string, b: string): boolean {
  try {
    return checkCustomUrl(a) === checkCustomUrl(b);
  } catch {
    return false;
  }
}

export type EnrolFileOutcome =
  | { kind: 'none' }
  | { kind: 'enrolled'; connection: Connection }
  | { kind: 'refused'; message: string; deleted: boolean };

/**
 * Imports a one-time enrol.json from the user-data folder: refused (and deleted: its secret is
 * exposed) when other users can read it; deleted after use; kept only when AURA could not be
 * reached to verify it, for the next start. On Windows the mode bits mean nothing: the file is
 * protected by the user profile's ACL, which by default admits only the user, SYSTEM and
 * administrators (docs/policy.md).
 */
export async function importEnrolFile(
  dataDir: string,
  deps: EnrolDeps,
  platform: NodeJS.Platform = process.platform,
): Promise<EnrolFileOutcome> {
  const file = join(dataDir, ENROL_FILE);
  let stat;
  try {
    stat = lstatSync(file);
  } catch {
    return { kind: 'none' };
  }
  const remove = (): boolean => {
    try {
      rmSync(file, { force: true });
      return true;
    } catch {
      return false;
    }
  };
  if (!stat.isFile()) {
    const deleted = remove();
    return { kind: 'refused', deleted, message: `${ENROL_FILE} is not a plain file (a link?), so it was not imported` };
  }
  if (platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    const deleted = remove();
    const mode = (stat.mode & 0o777).toString(8);
    return {
      kind: 'refused',
      deleted,
      message:
        `${ENROL_FILE} could be read by other users of this computer (mode ${mode}), so it was not imported` +
        `${deleted ? ' and has been deleted' : ''}. Treat that client secret as exposed: rotate it at AURA, ` +
        `then drop a new ${ENROL_FILE} readable by this user only (chmod 600).`,
    };
  }
  try {
    const connection = await enrol(readFileSync(file, 'utf8'), deps);
    remove();
    return { kind: 'enrolled', connection };
  } catch (error) {
    const retry = error instanceof EnrolError && error.retryable;
    const deleted = retry ? false : remove();
    const why = error instanceof Error ? error.message : 'unexpected error';
    return {
      kind: 'refused',
      deleted,
      message: `${ENROL_FILE} was not imported: ${why}${retry ? ` It is kept and tried again at the next start.` : ''}`,
    };
  }
}
