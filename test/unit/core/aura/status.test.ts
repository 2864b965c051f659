import { describe, expect, it } from 'vitest';
import { isFinal, stageFromStatus } from '../../../../electron/core/aura/status';

describe('stageFromStatus', () => {
  it.each([
    ['created', 'created'],
    ['CREATED', 'created'],
    ['Callout Owned', 'created'],
    ['Responder Dispatched', 'dispatched'],
    ['RESPONDER_DISPATCHED', 'dispatched'],
    ['responder acknowledged callout', 'dispatched'],
    ['RESPONDER_MANUALLY_DISPATCHED', 'dispatched'],
    ['Responder En Route', 'dispatched'],
    ['Responder Arrived', 'arrived'],
    ['responder arrived on scene', 'arrived'],
    ['RESPONDER_ARRIVED_ON_SCENE', 'arrived'],
    ['Responder Completed', 'completed'],
    ['Responder Cancelled', 'cancelled'],
    ['responder canceled', 'cancelled'],
    ['CALLOUT_NO_LONGER_REQUIRES_RESPONSE', 'cancelled'],
    ['Callout Soft Cancelled By Customer', 'cancelled'],
    ['Closed', 'closed'],
    ['  closed  ', 'closed'],
    ['CALLOUT_CLOSED', 'closed'],
    ['Closed - Responder Cancelled', 'closed'],
    // Negated words are unknown, never the stage they negate (issue 11).
    ['Not dispatched', 'unknown'],
    ['NOT_DISPATCHED', 'unknown'],
    ['undispatched', 'unknown'],
    ['No responder', 'unknown'],
    ['No responder assigned', 'unknown'],
    ['Responder not yet dispatched', 'unknown'],
    ['Pending dispatch', 'unknown'],
    ['Not arrived', 'unknown'],
    ['Not closed', 'unknown'],
  ] as const)('maps %j to %s', (status, stage) => {
    expect(stageFromStatus(status)).toBe(stage);
  });

  it('calls a status it does not know "unknown" instead of failing', () => {
    expect(stageFromStatus('Escalated to supervisor')).toBe('unknown');
    expect(stageFromStatus('Disclosed')).toBe('unknown');
    expect(stageFromStatus('')).toBe('unknown');
  });

  it('stops polling only at closed (a cancelled callout is still closed by the control room)', () => {
    expect(isFinal('closed')).toBe(true);
    expect(isFinal('cancelled')).toBe(false);
    expect(isFinal('completed')).toBe(false);
  });
});
