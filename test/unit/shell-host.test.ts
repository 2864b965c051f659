// The shell's view of the desk host: while the host swaps desks (new credentials saved), a hotkey
// press, a tray panic or a hotkey status is kept and handed to the new desk, never lost or thrown.
import { describe, expect, it } from 'vitest';
import { shellDeskOf, type DeskHostLike, type HostedDesk } from '../../electron/main/host-desk';
import type { DeskState } from '../../electron/shared/model/desk-state';
import { FakeDesk } from '../fakes/desk';

/** A host whose desk can be taken away (switching) and replaced, announcing the new state. */
class FakeHost implements DeskHostLike {
  private current: FakeDesk | null;
  private readonly listeners = new Set<(state: DeskState) => void>();
  constructor(desk: FakeDesk) {
    this.current = desk;
  }
  get desk(): HostedDesk {
    if (!this.current) throw new Error('the desk is not open');
    return this.current;
  }
  onChange(listener: (state: DeskState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  startSwitch(): void {
    this.current = null;
  }
  finishSwitch(desk: FakeDesk): void {
    this.current = desk;
    for (const listener of this.listeners) listener(desk.getState());
  }
}

describe('shellDeskOf', () => {
  it('passes everything straight to the current desk', () => {
    const desk = new FakeDesk({ settings: { ...new FakeDesk().getState().settings, hotkeySiteId: 'site_9944' } });
    const shellDesk = shellDeskOf(new FakeHost(desk));
    shellDesk.trigger('site_9944', 'button');
    expect(shellDesk.hotkeyPressed()).toBe('raised');
    shellDesk.setHotkeyStatus({ registered: true, error: null });
    expect(desk.triggers.map((t) => t.source)).toEqual(['button', 'hotkey']);
    expect(desk.hotkeyStatuses).toEqual([{ registered: true, error: null }]);
    expect(shellDesk.getState()).toBe(desk.getState());
  });

  it('keeps what arrives between two desks and gives it to the new one', () => {
    const old = new FakeDesk();
    const host = new FakeHost(old);
    const shellDesk = shellDeskOf(host);
    const before = shellDesk.getState();

    host.startSwitch();
    expect(() => shellDesk.hotkeyPressed()).not.toThrow();
    expect(() => shellDesk.trigger('site_9944', 'button')).not.toThrow();
    expect(() => shellDesk.setHotkeyStatus({ registered: false, error: 'taken' })).not.toThrow();
    // Reads fall back to the last state seen.
    expect(shellDesk.getState()).toBe(before);

    const next = new FakeDesk({
      environment: 'staging',
      settings: { ...before.settings, hotkeySiteId: 'site_9944' },
    });
    host.finishSwitch(next);
    expect(next.hotkeyPresses).toBe(1);
    expect(next.triggers).toEqual([
      { siteId: 'site_9944', source: 'hotkey' },
      { siteId: 'site_9944', source: 'button' },
    ]);
    expect(next.hotkeyStatuses).toEqual([{ registered: false, error: 'taken' }]);
    expect(old.triggers).toEqual([]);
  });
});
