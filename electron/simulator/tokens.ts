// Server tokens the simulator has issued: JWT-looking strings with an expiry. Kept in memory only
// (a restarted simulator knows no token, as a restarted AURA would not be asked to).
import { randomBytes } from 'node:crypto';

export class TokenStore {
  private readonly tokens = new Map<string, number>(); // token -> expiresAt (ms)

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  issue(clientId: string): { token: string; expiresIn: number } {
    const exp = this.now() + this.ttlSeconds * 1000;
    const header = b64({ alg: 'HS256', typ: 'JWT' });
    const payload = b64({ sub: clientId, exp: Math.floor(exp / 1000), jti: randomBytes(9).toString('hex') });
    const token = `${header}.${payload}.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, exp);
    this.prune();
    return { token, expiresIn: this.ttlSeconds };
  }

  /** True when the Authorization header carries a token we issued that has not expired. */
  accepts(authorization: string | undefined): boolean {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const expiresAt = token ? this.tokens.get(token) : undefined;
    return expiresAt !== undefined && expiresAt > this.now();
  }

  /** Fault injection and `/__sim/tokens/expire`: every token issued so far expires now. */
  expireAll(): void {
    this.tokens.clear();
  }

  private prune(): void {
    const now = this.now();
    for (const [token, exp] of this.tokens) if (exp <= now) this.tokens.delete(token);
  }
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
