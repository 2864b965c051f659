// Keeps the client secret and bearer tokens out of every string the client builds. The client
// registers each secret it holds; every error text passes through `redact` before it exists.

/** Tokens in `Authorization: Bearer …` form are scrubbed even when we never saw them. */
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
/** How many past tokens stay scrubbed after a refresh (a late error may still echo one). */
const KEEP_TOKENS = 8;

// ES private fields (#), so that even util.inspect of a client never prints a secret.
export class Redactor {
  #secret: string | null = null;
  readonly #tokens: string[] = [];

  setSecret(secret: string): void {
    this.#secret = secret || null;
  }

  addToken(token: string): void {
    if (!token || this.#tokens.includes(token)) return;
    this.#tokens.push(token);
    if (this.#tokens.length > KEEP_TOKENS) this.#tokens.shift();
  }

  redact(text: string): string {
    let out = text;
    for (const s of [this.#secret, ...this.#tokens]) if (s) out = out.split(s).join('[redacted]');
    return out.replace(BEARER, '$1 [redacted]');
  }

  redactNullable(text: string | null): string | null {
    return text === null ? null : this.redact(text);
  }
}
