// The desk's AURA port on a real AuraClient: AURA's shapes in, the desk's words out, and the odd
// list items the client skips reported to the desk's audit log. Kept apart from the desk host so
// the desk, the benches and the reliability tests can build a desk without a host.
import type { AuraClient } from './aura/client';
import type { Desk, DeskApi } from './desk';

/** The desk's view of an AuraClient: AURA's shapes in, the desk's words out. */
export function deskApiFor(client: AuraClient): DeskApi {
  return {
    raiseCallout: (ref) => client.raiseCallout(ref),
    prepare: async () => void (await client.getToken()),
    listActiveCallouts: () => client.listActiveCallouts(),
    getCallout: (id) => client.getCallout(id),
    async listCalloutEvents(id) {
      const events = await client.listCalloutEvents(id);
      return events.map((e) => ({
        id: e.id,
        at: e.createdAt,
        text: e.author ? `${e.author}: ${e.message}` : e.message,
      }));
    },
    async sendCalloutEvent(id, message) {
      await client.sendCalloutEvent(id, message);
    },
    async listCancelReasons(id) {
      const reasons = await client.listExceptionReasons(id);
      return reasons.map((r) => ({ id: r.id, text: r.reason }));
    },
    async cancelCallout(id, reason) {
      // INFERRED order (aura-api.md): attach the reason, then cancel; fixed sites send no safeCode.
      await client.addExceptionReason(id, { exceptionReasonId: reason.id, notes: reason.notes });
      return client.cancelCallout(id);
    },
    listFixedLocations: () => client.listFixedLocations(),
    createFixedLocation: (input) => client.createFixedLocation(input),
    updateFixedLocation: (auraId, input) => client.updateFixedLocation(auraId, input),
    deleteFixedLocation: (auraId) => client.deleteFixedLocation(auraId),
  };
}

/**
 * Odd list items AURA sends are skipped by the client; the desk records each once in the audit
 * log, and the diagnostics log gets the same line as a warning (issue 10 item 8).
 */
export function reportSkippedItems(client: AuraClient, desk: Desk, warn: (line: string) => void): void {
  client.onSkippedItems((report) => {
    for (const line of desk.recordSkippedItems(report)) warn(line);
  });
}
