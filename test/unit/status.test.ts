import { describe, expect, it } from 'vitest';
import { stageFromStatus } from '../../electron/core/aura/status';

describe('stageFromStatus', () => {
  it.each([
    ['created', 'created'],
    ['Responder Dispatched', 'dispatched'],
    ['RESPONDER_DISPATCHED', 'dispatched'],
    ['responder acknowledged callout', 'dispatched'],
    ['Responder Arrived', 'arrived'],
    ['responder arrived on scene', 'arrived'],
    ['Responder Completed', 'completed'],
    ['Responder Cancelled', 'cancelled'],
    ['Closed', 'closed'],
    ['CALLOUT_CLOSED', 'closed'],
  ] as const)('maps %j to %s', (status, stage) => {
    expect(stageFromStatus(status)).toBe(stage);
  });

  it('calls a status it does not know "unknown" instead of failing', () => {
    expect(stageFromStatus('Escalated to supervisor')).toBe('unknown');
    expect(stageFromStatus('')).toBe('unknown');
  });
});
