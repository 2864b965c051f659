// The core side of issue 14: after a restart Training shows the simulator's real practice state,
// and settings.update refuses a reserved hotkey (the same rule main and the recorder apply) and
// names settings in words in the audit log.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Desk } from '../../../../electron/core/desk/desk';
import { memoryStore } from '../../../fakes/store';
import type { TrainingControl } from '../../../../electron/core/desk/training-control';
import type { TrainingState } from '../../../../electron/shared/model/desk-state';
import { FakeClock } from '../../../support/fake-clock';

function trainingDesk(saved: TrainingState, real: TrainingState) {
  const control: TrainingControl = {
    advance: async () => undefined,
    setAutoplay: async () => undefined,
    setFault: async () => undefined,
    read: async () => real,
  };
  return new Desk({
    environment: 'staging',
    api: null,
    store: memoryStore({ trainingPractice: saved }),
    dataDir: mkdtempSync(join(tmpdir(), 'desk-screen-')),
    clock: new FakeClock(),
    training: control,
    configProblem: { level: 'notConfigured', message: 'Not configured' },
  });
}

describe('Training after a restart', () => {
  it('shows the fault the simulator really practises, not the one saved before the restart', async () => {
    const desk = trainingDesk({ autoplay: true, fault: 'error500' }, { autoplay: false, fault: null });
    expect(desk.getState().training).toEqual({ autoplay: true, fault: 'error500' });
    await desk.start();
    expect(desk.getState().training).toEqual({ autoplay: false, fault: null });
    desk.stop();
  });
});

describe('settings.update', () => {
  it('refuses a reserved hotkey and keeps the old one', async () => {
    const desk = trainingDesk({ autoplay: false, fault: null }, { autoplay: false, fault: null });
    const before = desk.getState().settings.hotkey;
    await expect(desk.handlers['settings.update']({ hotkey: 'CommandOrControl+C' })).rejects.toThrow(
      /Hotkey not saved: .*system or other programs need/,
    );
    await expect(desk.handlers['settings.update']({ hotkey: 'CommandOrControl+Alt+Delete' })).rejects.toThrow();
    expect(desk.getState().settings.hotkey).toBe(before);
    const saved = await desk.handlers['settings.update']({ hotkey: 'ctrl+alt+k', controlRoomPhone: '+27 11 555 0199' });
    expect(saved.hotkey).toBe('Control+Alt+K');
    desk.stop();
  });
});
