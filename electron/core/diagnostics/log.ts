// The diagnostics log's one gate: every line from core passes through here before the shell's
// sink (electron-log in the app, a rotating file in the harness) sees it. A line is scrubbed with
// `redactKnown` (every secret and token this process has held, in every encoding, and any
// `Bearer …`) and with the Redactor of each live AURA client (handed over by the client itself);
// then it is made one line and cut. Callers still write only ids and plain words: this is the
// second lock, not the first.
import { redactKnown } from './redact';
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

  constructor(private readonly sink: Logger) {}

  redactWith(redactor: TextRedactor): () => void {
    this.redactors.add(redactor);
    return () => void this.redactors.delete(redactor);
  }

  /** The text with every secret and token this process has held, and any `Bearer …`, scrubbed. */
  redact(text: string): string {
    let out = redactKnown(text);
    for (const redactor of this.redactors) out = redactor.redact(out);
    return out;
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
