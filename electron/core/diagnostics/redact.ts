// Keeps the client secret and bearer tokens out of every string Panic Desk builds. A server may
// echo a secret back in any encoding, so each is scrubbed in every form it can take in text: raw,
// JSON-escaped (once and twice), URL-encoded (path and form style) and base64 (any alignment).
// `redactSecrets` is the one function for that; the client's Redactor and `redactKnown` (for logs
// and diagnostics, which hold no secret themselves) both use it. Always redact BEFORE cutting text.

/** Tokens in `Authorization: Bearer …` form are scrubbed even when we never saw them. */
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
/** How many past tokens stay scrubbed after a refresh (a late error may still echo one). */
const KEEP_TOKENS = 8;
/** How many secrets and tokens `redactKnown` remembers for this process. */
const KEEP_KNOWN = 32;
/** Forms shorter than this are not scrubbed on their own (they would eat ordinary words). */
const MIN_FORM = 4;
export const REDACTED = '[redacted]';

/** Every text form of `secret` that a server or a serialiser could produce. */
export function secretForms(secret: string): string[] {
  if (!secret) return [];
  const json = JSON.stringify(secret).slice(1, -1);
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [
    secret,
    json,
    JSON.stringify(json).slice(1, -1),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    new URLSearchParams({ s: secret }).toString().slice(2),
    encodeURI(secret),
    bytes.toString('base64'),
    bytes.toString('base64url'),
    bytes.toString('base64').replace(/=+$/, ''),
  ];
  // Inside a longer base64 text the secret can start at any of three byte offsets: the middle of
  // each alignment does not depend on what surrounds it.
  for (const shift of [0, 1, 2]) {
    const b64 = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const middle = b64.slice(shift === 0 ? 0 : 4, -4);
    if (middle.length >= 8) forms.push(middle, middle.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  // Longest first, so a form is never half-scrubbed by a shorter one inside it.
  return [...new Set(forms)].filter((f) => f.length >= MIN_FORM).sort((a, b) => b.length - a.length);
}

/** `text` with every form of every secret, and any bearer token, replaced by `[redacted]`. */
export function redactSecrets(text: string, secrets: Iterable<string | null | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of secretForms(secret)) if (out.includes(form)) out = out.split(form).join(REDACTED);
  }
  return out.replace(BEARER, `$1 ${REDACTED}`);
}

// Every secret and token this process has held, for code that writes text but holds none itself
// (the diagnostics log, the diagnostics export). Module-private: nothing can list it.
const known: string[] = [];

/** Remembers a secret or token so that `redactKnown` scrubs it from then on. */
export function rememberSecret(secret: string): void {
  if (!secret || known.includes(secret)) return;
  known.push(secret);
  if (known.length > KEEP_KNOWN) known.shift();
}

/** `text` with every secret and token this process has held scrubbed (see `redactSecrets`). */
export function redactKnown(text: string): string {
  return redactSecrets(text, known);
}

// ES private fields (#), so that even util.inspect of a client never prints a secret.
export class Redactor {
  #secret: string | null = null;
  readonly #tokens: string[] = [];

  setSecret(secret: string): void {
    this.#secret = secret || null;
    if (secret) rememberSecret(secret);
  }

  addToken(token: string): void {
    if (!token || this.#tokens.includes(token)) return;
    this.#tokens.push(token);
    rememberSecret(token);
    if (this.#tokens.length > KEEP_TOKENS) this.#tokens.shift();
  }

  redact(text: string): string {
    return redactSecrets(text, [this.#secret, ...this.#tokens]);
  }

  redactNullable(text: string | null): string | null {
    return text === null ? null : this.redact(text);
  }
}
