// The odd list items a real AuraClient skips, reported to the desk's audit log. Kept apart from
// the desk host so tests can wire it without a host. (The desk's AURA port, deskPortFor, is in
// desk/aura-port.ts.)
import type { AuraClient } from '../aura/client';
import type { Desk } from '../desk/desk';

/**
 * Odd list items AURA sends are skipped by the client; the desk records each once in the audit
 * log, and the diagnostics log gets the same line as a warning (issue 10 item 8).
 */
export function reportSkippedItems(client: AuraClient, desk: Desk, warn: (line: string) => void): void {
  client.onSkippedItems((report) => {
    for (const line of desk.recordSkippedItems(report)) warn(line);
  });
}
