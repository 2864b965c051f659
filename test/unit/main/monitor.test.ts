// Issue 24 items 2 and 3 in the shell, on the fake Electron and a fake desk: a monitor registers
// no global hotkey and its tray offers no panic; an ordinary desk's colleague alerts follow the
// policy's `colleagueAlerts` (off: nothing; silent: a notification without sound and a tray line;
// sound: with sound), never for the desk's own press, and never on a monitor.
import { describe, expect, it } from 'vitest';
import { monitorState } from '../../../electron/core/monitor/monitor-view';
import { startShell } from '../../../electron/main/shell';
import { UNMANAGED, type DeskState, type PolicyState } from '../../../electron/shared/model/desk-state';
import { DEFAULT_SETTINGS } from '../../../electron/shared/model/settings';
import { createFakeElectron } from '../../fakes/electron';
import { callout, FakeDeskHost, press, SITE } from '../../fakes/desk-host';

const HOTKEY = DEFAULT_SETTINGS.hotkey;
const WORDS = `Callout at ${SITE.name} — raised by another desk`;

async function start(policy: Partial<PolicyState> = {}, state: Partial<DeskState> = {}) {
  const fake = createFakeElectron({ isPackaged: true });
  const desk = new FakeDeskHost({
    settings: { ...DEFAULT_SETTINGS, hotkeySiteId: SITE.id },
    policy: { ...UNMANAGED, ...policy },
    ...state,
  });
  await startShell(fake.api, {
    openHost: async () => desk,
    preload: '/opt/panic-desk/out/preload/index.js',
    rendererDir: '/opt/panic-desk/out/renderer',
    resourcesDir: '/opt/panic-desk/resources',
    platform: 'win32',
    executable: 'C:\\Panic Desk\\Panic Desk.exe',
  });
  const tray = fake.trays[0];
  const labels = () => (tray?.menu ?? []).map((item) => item.label ?? '-');
  return { fake, desk, tray, labels };
}

const elsewhere = (patch: Parameters<typeof callout>[0] = {}) =>
  callout({ id: 'col-1', raisedElsewhere: true, stage: 'created', ...patch });

describe('monitor in the shell', () => {
  it('unregisters the global hotkey and drops the tray’s panic when the desk becomes a monitor', async () => {
    const { fake, desk, labels } = await start();
    expect([...fake.shortcuts.keys()]).toEqual([HOTKEY]);
    expect(labels()).toContain(`Raise panic: ${SITE.name}`);

    // The state a monitor desk gives (core/monitor/monitor-view.ts), with the monitor's policy view.
    const policy = { ...UNMANAGED, role: 'monitor' as const, colleagueAlerts: 'sound' as const };
    desk.update({ ...monitorState({ ...desk.getState(), policy }, {}) });
    expect([...fake.shortcuts.keys()]).toEqual([]);
    expect(labels().some((label) => label.startsWith('Raise panic'))).toBe(false);

    // Callouts raised elsewhere are the monitor's screen, not notifications, whatever colleagueAlerts says.
    desk.update({ callouts: [elsewhere()] });
    desk.update({ callouts: [elsewhere({ stage: 'dispatched' })] });
    expect(fake.notifications).toEqual([]);
  });
});

describe('colleague alerts', () => {
  it('say nothing by default, not even the stages of a colleague’s callout', async () => {
    const { fake, desk, tray } = await start();
    desk.update({ callouts: [elsewhere()] });
    desk.update({ callouts: [elsewhere({ stage: 'dispatched' })] });
    expect(fake.notifications).toEqual([]);
    expect(tray?.toolTip).toBe('Panic Desk — Ready — AURA Training (simulator)');
  });

  it('silent: a notification without sound and a tray line while it is under way', async () => {
    const { fake, desk, tray, labels } = await start({ colleagueAlerts: 'silent' });
    desk.update({ callouts: [elsewhere()] });
    expect(fake.notifications).toEqual([expect.objectContaining({ title: WORDS, silent: true })]);
    expect(tray?.toolTip).toBe(`Panic Desk — ${WORDS}`);
    expect(labels()).toContain(WORDS);
    desk.update({ callouts: [elsewhere({ stage: 'dispatched' })] });
    expect(fake.notifications.at(-1)).toMatchObject({ title: `${SITE.name}: Dispatched`, silent: true });
    desk.update({ callouts: [elsewhere({ stage: 'completed' })] });
    expect(tray?.toolTip).toBe('Panic Desk — Ready — AURA Training (simulator)');
    expect(labels()).not.toContain(WORDS);
  });

  it('sound: the same notification with sound', async () => {
    const { fake, desk } = await start({ colleagueAlerts: 'sound' });
    desk.update({ callouts: [elsewhere()] });
    expect(fake.notifications).toEqual([expect.objectContaining({ title: WORDS, silent: false })]);
  });

  it('never for this desk’s own press, nor for a site the desk does not show', async () => {
    const { fake, desk, tray } = await start({ colleagueAlerts: 'sound' });
    // A press of this desk that AURA added to a callout it did not follow (issue 20): raised elsewhere, but ours.
    desk.update({
      presses: [press({ id: 'p1', status: 'sent', calloutId: 'own-1' })],
      callouts: [elsewhere({ id: 'own-1' })],
    });
    // The same after the press record is gone: its "Pressed again" note stays on the callout.
    const note = { at: 1, kind: 'event' as const, stage: null, text: 'Pressed again (silent hotkey)', auraAt: null };
    desk.update({
      presses: [],
      callouts: [
        elsewhere({ id: 'own-1', timeline: [note] }),
        elsewhere({ id: 'own-2', timeline: [note] }),
        elsewhere({ id: 'far-1', siteId: 'not-shown' }),
      ],
    });
    expect(fake.notifications.filter((n) => n.title.includes('another desk'))).toEqual([]);
    expect(tray?.toolTip).toBe('Panic Desk — Ready — AURA Training (simulator)');
  });
});
