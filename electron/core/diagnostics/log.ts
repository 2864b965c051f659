// The diagnostics log's one gate: every line from core passes through here before the shell's
// sink (electron-log in the app, a rotating file in the harness) sees it. Each AURA client hands
// over its Redactor (the one that scrubs its own error texts: the secret and its tokens), so a line
// is scrubbed of every secret a live client holds, plus any `Bearer …`; then it is made one line
// and cut. Callers still write only ids and plain words: this is the second lock, not the first.
import { Redactor } from '../aura/redact';
import type { Logger } from '../ports';

/** What redacts a text: an AuraClient's Redactor. */
export interface TextRedactor {
  redact(text: string): string;
}

/** A Logger that AURA clients can hand their redactor to. */
export interface RedactingLogger extends Logger {
  /** Every later line also passes through `redactor`; the returned function stops that. */
  redactWith(redactor: TextRedactor): () => void;
}

/** Longer lines are cut (after redaction, so that a cut never leaves part of a secret). */
export const MAX_LINE_CHARS = 2000;

export class DiagnosticsLog implements RedactingLogger {
  private readonly redactors = new Set<TextRedactor>();
  /** With no secret set, a Redactor still scrubs `Bearer …` tokens it never saw. */
  private readonly bearer = new Redactor();

  constructor(private readonly sink: Logger) {}

  redactWith(redactor: TextRedactor): () => void {
    this.redactors.add(redactor);
    return () => void this.redactors.delete(redactor);
  }

  /** The text with every secret and token a live client holds, and any `Bearer …`, scrubbed. */
  redact(text: string): string {
    let out = text;
    for (const redactor of this.redactors) out = redactor.redact(out);
    return this.bearer.redact(out);
  }

  /** A line as it may be written: redacted, on one line, at most MAX_LINE_CHARS. */
  clean(line: string): string {
    const out = this.redact(line).replace(/\r\n|\r|\n/g, ' ⏎ ');
    return out.length > MAX_LINE_CHARS ? `${out.slice(0, MAX_LINE_CHARS)}…` : out;
  }

  info(line: string): void {
    this.write(() => this.sink.info(this.clean(line)));
  }

  warn(line: string): void {
    this.write(() => this.sink.warn(this.clean(line)));
  }

  error(line: string): void {
    this.write(() => this.sink.error(this.clean(line)));
  }

  /** A log that cannot be written (disk full) must never stop a press: the line is dropped. */
  private write(action: () => void): void {
    try {
      action();
    } catch {
      // nothing to do: the audit log and the screen still say what happened
    }
  }
}
