// Cancel and duress codes as the policy stores them (issue 21 finding 4): salted scrypt hashes
// with their cost written in them, `scrypt$ln=17,r=8,p=1$<salt>$<hash>` (base64), made by
// `npm run policy:hash`. All the codes of one policy share one salt, so checking a typed code
// costs one derivation however many codes there are; it runs in libuv's thread pool
// (crypto.scrypt), never on main's thread, so a check never stalls the hotkey, IPC or a panic.
// Hashes in the first format, `scrypt$<salt>$<hash>` (N=2^14, one salt each), still verify; the
// policy view then asks IT to re-hash.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Production cost: N = 2^17 (8× the first format's 2^14), r = 8, p = 1; about 0.3 s a try. */
export const DEFAULT_LOG_N = 17;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const LEGACY_LOG_N = 14;
/** The shortest code `npm run policy:hash` accepts (docs/policy.md recommends 8). */
export const MIN_CODE_LENGTH = 6;

const NEW_FORMAT = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d)\$([A-Za-z0-9+/=]{16,64})\$([A-Za-z0-9+/=]{40,100})$/;
const OLD_FORMAT = /^scrypt\$([A-Za-z0-9+/=]{16,64})\$([A-Za-z0-9+/=]{40,100})$/;

export interface ParsedHash {
  logN: number;
  r: number;
  p: number;
  salt: string;
  hash: Buffer;
  legacy: boolean;
}

export function parseCodeHash(stored: string): ParsedHash | null {
  const next = NEW_FORMAT.exec(stored);
  if (next) {
    const [, logN = '', r = '', p = '', salt = '', hash = ''] = next;
    return { logN: Number(logN), r: Number(r), p: Number(p), salt, hash: Buffer.from(hash, 'base64'), legacy: false };
  }
  const old = OLD_FORMAT.exec(stored);
  if (!old) return null;
  const [, salt = '', hash = ''] = old;
  return { logN: LEGACY_LOG_N, r: R, p: P, salt, hash: Buffer.from(hash, 'base64'), legacy: true };
}

/** Costs a policy may name: 2^10 (tests, through an explicit option) to 2^20. */
export function costProblem(parsed: ParsedHash): string | null {
  if (parsed.logN < 10 || parsed.logN > 20 || parsed.r < 1 || parsed.r > 32 || parsed.p < 1 || parsed.p > 4)
    return 'the hash names a cost outside scrypt ln=10..20, r=1..32, p=1..4';
  return null;
}

function derive(code: string, parsed: Pick<ParsedHash, 'logN' | 'r' | 'p' | 'salt'>, bytes: number): Promise<Buffer> {
  const N = 2 ** parsed.logN;
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) refuses N = 2^17 without this.
  const maxmem = 128 * N * parsed.r + 16 * 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(
      code.normalize('NFKC'),
      Buffer.from(parsed.salt, 'base64'),
      bytes,
      { N, r: parsed.r, p: parsed.p, maxmem },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

/** Hashes codes for one policy, with one fresh salt for all of them (one derivation per try). */
export async function hashCodes(codes: readonly string[], options: { logN?: number } = {}): Promise<string[]> {
  const params = { logN: options.logN ?? DEFAULT_LOG_N, r: R, p: P, salt: randomBytes(16).toString('base64') };
  const key = (code: string): Promise<Buffer> => derive(code, params, KEY_BYTES);
  const prefix = `scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${params.salt}$`;
  // Different codes under one salt are different derivations here, but one at check time: a typed
  // code is derived once and compared with every hash.
  return Promise.all(codes.map(async (code) => `${prefix}${(await key(code)).toString('base64')}`));
}

export type CodeKind = 'cancel' | 'duress' | 'wrong';

/** How a desk tells a typed code's kind: classifyCode, or a test's check in virtual time (the model). */
export type CodeCheck = (
  code: string,
  codes: { cancel: readonly string[]; duress: readonly string[] },
) => Promise<CodeKind>;

/**
 * Which code this is. The typed code is derived once per distinct salt and cost (once for a
 * policy hashed by `policy:hash`), and compared with every hash whatever matches first, so the
 * time taken does not tell a watcher which kind of code was typed.
 */
export async function classifyCode(
  code: string,
  codes: { cancel: readonly string[]; duress: readonly string[] },
): Promise<CodeKind> {
  const keys = new Map<string, Promise<Buffer>>();
  const matches = async (stored: string): Promise<boolean> => {
    const parsed = parseCodeHash(stored);
    if (!parsed || costProblem(parsed) || parsed.hash.length === 0) return false;
    const group = `${parsed.logN},${parsed.r},${parsed.p},${parsed.salt},${parsed.hash.length}`;
    let key = keys.get(group);
    if (!key) keys.set(group, (key = derive(code, parsed, parsed.hash.length)));
    return timingSafeEqual(await key, parsed.hash);
  };
  const duress = await Promise.all(codes.duress.map(matches));
  const cancel = await Promise.all(codes.cancel.map(matches));
  if (duress.some(Boolean)) return 'duress';
  return cancel.some(Boolean) ? 'cancel' : 'wrong';
}

/** The policy-wide rule: hashes in the new format share one salt and cost (policy.ts checks it). */
export function sharedSaltProblem(hashes: readonly string[]): string | null {
  const groups = new Set(
    hashes
      .map(parseCodeHash)
      .filter((p): p is ParsedHash => p !== null && !p.legacy)
      .map((p) => `${p.logN},${p.r},${p.p},${p.salt}`),
  );
  return groups.size > 1
    ? 'the codes were hashed separately: hash all cancel and duress codes in one run of npm run policy:hash, so that one derivation checks them all'
    : null;
}

/** True when some code is still in the first format (the policy view asks IT to re-hash). */
export function hasLegacyHashes(hashes: readonly string[]): boolean {
  return hashes.some((h) => parseCodeHash(h)?.legacy === true);
}
