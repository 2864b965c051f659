// The whole shell (startShell) on the fake Electron with site keys (issue 24): each physical
// button's key raises a silent press for its own site, with no window, focus, notification or
// tray change; while "Test your button" listens every global key of the app (the hotkey too) is
// released, and all are taken back when it ends.
import { describe, expect, it } from 'vitest';
import { startShell } from '../../../electron/main/shell';
import { DEFAULT_SETTINGS } from '../../../electron/shared/model/settings';
import type { Site } from '../../../electron/shared/model/site';
import { createFakeElectron } from '../../fakes/electron';
import { FakeDeskHost, SITE } from '../../fakes/desk-host';

const NORTH: Site = { ...SITE, id: 'site_north', name: 'North Gate' };
const SOUTH: Site = { ...SITE, id: 'site_south', name: 'South Gate' };
const HOTKEY = DEFAULT_SETTINGS.hotkey;

async function start() {
  const fake = createFakeElectron({ isPackaged: true });
  const desk = new FakeDeskHost({
    sites: [NORTH, SOUTH],
    allSites: [NORTH, SOUTH],
    settings: { ...DEFAULT_SETTINGS, hotkeySiteId: SOUTH.id, siteHotkeys: { site_north: 'F13', site_south: 'F14' } },
  });
  await startShell(fake.api, {
    openHost: async () => desk,
    preload: '/p.js',
    rendererDir: '/r',
    resourcesDir: '/res',
    platform: 'win32',
    executable: 'C:\\Panic Desk\\Panic Desk.exe',
  });
  return { fake, desk };
}

describe('site keys in the shell (issue 24)', () => {
  it('each key raises a silent press for its own site and shows nothing', async () => {
    const { fake, desk } = await start();
    expect([...fake.shortcuts.keys()].sort()).toEqual([HOTKEY, 'F13', 'F14'].sort());
    const logged = fake.log.length;
    fake.pressShortcut('F13');
    fake.pressShortcut('F14');
    expect(desk.triggers).toEqual([
      { siteId: 'site_north', source: 'hotkey' },
      { siteId: 'site_south', source: 'hotkey' },
    ]);
    const shown = fake.log.slice(logged).filter((e) => /^(window|Notification|tray|webContents\.send)/.test(e.what));
    expect(shown.filter((e) => e.what !== 'webContents.send')).toEqual([]);
  });

  it('a site key still registered when the desk becomes a monitor is refused, without an exception', async () => {
    const { fake, desk } = await start();
    desk.monitor = true; // the policy switched; main has not yet released the keys
    expect(() => fake.pressShortcut('F13')).not.toThrow();
    expect(desk.triggers).toEqual([]);
    expect(desk.refusedFromShell).toEqual([{ siteId: 'site_north', source: 'hotkey' }]);
  });

  it('releases the hotkey and every site key while "Test your button" listens, and takes them back', async () => {
    const { fake, desk } = await start();
    desk.update({ hotkey: { ...desk.getState().hotkey, buttonTest: true } });
    expect([...fake.shortcuts.keys()]).toEqual([]);
    desk.update({ hotkey: { ...desk.getState().hotkey, buttonTest: false } });
    expect([...fake.shortcuts.keys()].sort()).toEqual([HOTKEY, 'F13', 'F14'].sort());
    fake.pressShortcut('F13');
    expect(desk.triggers).toEqual([{ siteId: 'site_north', source: 'hotkey' }]);
  });
});
