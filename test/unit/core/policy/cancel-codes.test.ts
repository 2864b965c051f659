// Issue 21 finding 4: cancel and duress codes that resist guessing. The cost is in the hash and
// at least 8× the first format's; one derivation per try whatever the number of codes; the check
// runs off the main thread; the first format still verifies (and the policy view asks for a
// re-hash); codes hashed separately are refused; `policy:hash` refuses short codes.
import { spawnSync } from 'node:child_process';
import { randomBytes, scryptSync } from 'node:crypto';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ scrypt: 0 }));
vi.mock('node:crypto', async (original) => {
  const crypto = await original<typeof import('node:crypto')>();
  return {
    ...crypto,
    scrypt: (...args: Parameters<typeof crypto.scrypt>) => {
      calls.scrypt += 1;
      return crypto.scrypt(...args);
    },
  };
});

const { classifyCode, DEFAULT_LOG_N, hashCodes, hasLegacyHashes, MIN_CODE_LENGTH, parseCodeHash } =
  await import('../../../../electron/core/policy/cancel-codes');
const { mergePolicy } = await import('../../../../electron/core/policy/policy');

/** A hash in the first format (N = 2^14, own salt), as `policy:hash` wrote them before. */
const legacy = (code: string): string => {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(code.normalize('NFKC'), salt, 32).toString('base64')}`;
};

describe('code hashes', () => {
  it('production cost is N=2^17, r=8, p=1 (8× the first format), written in the hash', async () => {
    expect(DEFAULT_LOG_N).toBe(17);
    expect(MIN_CODE_LENGTH).toBe(6);
    const [hash = ''] = await hashCodes(['27182818']);
    expect(hash).toMatch(/^scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
    expect(parseCodeHash(hash)).toMatchObject({ logN: 17, r: 8, p: 1, legacy: false });
    expect(await classifyCode('27182818', { cancel: [hash], duress: [] })).toBe('cancel');
  });

  it('checks a code with one derivation however many codes the policy holds', async () => {
    const codes = Array.from({ length: 40 }, (_, i) => `code-${String(i).padStart(4, '0')}`);
    const hashes = await hashCodes(codes, { logN: 10 });
    const policy = { cancel: hashes.slice(0, 20), duress: hashes.slice(20) };
    calls.scrypt = 0;
    expect(await classifyCode('code-0031', policy)).toBe('duress');
    expect(await classifyCode('code-0002', policy)).toBe('cancel');
    expect(await classifyCode('nothing', policy)).toBe('wrong');
    expect(calls.scrypt).toBe(3);
  });

  it('runs off the main thread: timers keep firing while a check runs', async () => {
    const [hash = ''] = await hashCodes(['31415926'], { logN: 16 });
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const kinds = await Promise.all([1, 2].map(() => classifyCode('31415926', { cancel: [hash], duress: [] })));
    const took = performance.now() - started;
    clearInterval(timer);
    expect(kinds).toEqual(['cancel', 'cancel']);
    // scryptSync on this thread would hold every timer for the whole check.
    expect(longest).toBeLessThan(took / 2);
  });

  it('still verifies the first format, and says the policy should be hashed again', async () => {
    const old = { cancel: [legacy('2468')], duress: [legacy('8642')] };
    expect(await classifyCode('8642', old)).toBe('duress');
    expect(await classifyCode('2468', old)).toBe('cancel');
    expect(await classifyCode('1111', old)).toBe('wrong');
    expect(hasLegacyHashes(old.cancel)).toBe(true);
    expect(mergePolicy([{ name: 'p', values: { cancelCodes: old } }])).toMatchObject({ ok: true });
  });

  it('refuses codes hashed separately (two salts would mean two derivations a try)', async () => {
    const [a = ''] = await hashCodes(['11112222'], { logN: 10 });
    const [b = ''] = await hashCodes(['33334444'], { logN: 10 });
    const read = mergePolicy([{ name: 'policy.json', values: { cancelCodes: { cancel: [a], duress: [b] } } }]);
    expect(read).toMatchObject({ ok: false });
    expect(!read.ok && read.problem).toMatch(/hash all cancel and duress codes in one run of npm run policy:hash/);
  });

  it('`npm run policy:hash` refuses codes under 6 characters and hashes a run with one salt', () => {
    const run = (input: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/policy-hash.ts'], {
        cwd: resolve(__dirname, '../../../..'),
        input,
        encoding: 'utf8',
      });
    const short = run('12345678\n4321\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('Code 2 is too short: a code needs at least 6 characters (8 recommended)');
    expect(short.stdout).toBe('');
    const ok = run('12345678\n87654321\n');
    expect(ok.status).toBe(0);
    const hashes = ok.stdout.trim().split('\n');
    expect(hashes).toHaveLength(2);
    expect(new Set(hashes.map((h) => h.split('$').slice(0, 3).join('$'))).size).toBe(1);
    expect(hashes[0]).toMatch(/^scrypt\$ln=17,r=8,p=1\$/);
  }, 30_000);
});
