// The whole shell (startShell) on the fake Electron and a fake desk: single instance, close to
// tray, quit confirmation while a callout is active, the silent hotkey (no window, no focus, no
// notification, no tray change), notifications for button callouts only, the tray's readiness
// and menu, and start at login.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../../../electron/main/app-id';
import { autostartEntry, loginItemApplier, wantsStartAtLogin } from '../../../electron/main/login-item';
import { QUIT_BUTTONS } from '../../../electron/main/quit-guard';
import { startShell, trayIcon, type RunningShell } from '../../../electron/main/shell';
import { trayLevel } from '../../../electron/main/tray';
import { DEFAULT_SETTINGS } from '../../../electron/shared/model/settings';
import type { DeskState } from '../../../electron/shared/model/desk-state';
import { READINESS_LEVELS } from '../../../electron/shared/model/connection';
import { createFakeElectron, type FakeElectronOptions } from '../../fakes/electron';
import { callout, deskState, FakeDeskHost, press, SITE } from '../../fakes/desk-host';

const RESOURCES = '/opt/panic-desk/resources';
const HOTKEY = DEFAULT_SETTINGS.hotkey;

async function start(fakeOptions: FakeElectronOptions = {}, state: Partial<DeskState> = {}) {
  const fake = createFakeElectron({ isPackaged: true, ...fakeOptions });
  const desk = new FakeDeskHost({ settings: { ...DEFAULT_SETTINGS, hotkeySiteId: SITE.id }, ...state });
  const shell = await startShell(fake.api, {
    openHost: async () => desk,
    preload: '/opt/panic-desk/out/preload/index.js',
    rendererDir: '/opt/panic-desk/out/renderer',
    resourcesDir: RESOURCES,
    platform: 'win32',
    executable: 'C:\\Panic Desk\\Panic Desk.exe',
  });
  const win = fake.windows[0];
  const tray = fake.trays[0];
  return { fake, desk, shell, win, tray, closedHosts: () => desk.closed };
}

function running(shell: RunningShell | null): RunningShell {
  if (!shell) throw new Error('the shell did not start');
  return shell;
}

/** Lets pending promise callbacks (the quit dialog's answer) run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('launch switches (issue 21 finding 6)', () => {
  const argvs = [
    ['--remote-debugging-port=9222'],
    ['--remote-debugging-pipe'],
    ['-remote-debugging-port=0'],
    ['/REMOTE-DEBUGGING-PORT=9222'],
    ['--ignore-certificate-errors'],
  ];
  it.each(argvs)('a packaged app started with %s exits before any window', async (arg) => {
    const fake = createFakeElectron({ isPackaged: true });
    const desk = new FakeDeskHost();
    const shell = await startShell(fake.api, {
      openHost: async () => desk,
      preload: '/p.js',
      rendererDir: '/r',
      resourcesDir: RESOURCES,
      platform: 'win32',
      executable: 'C:\\Panic Desk\\Panic Desk.exe',
      argv: ['C:\\Panic Desk\\Panic Desk.exe', arg],
    });
    expect(shell).toBeNull();
    expect(fake.windows).toHaveLength(0);
    expect(fake.calls('app.exit').map((e) => e.args[0])).toEqual([1]);
  });

  it('a development run keeps them (that is how a developer debugs)', async () => {
    const fake = createFakeElectron({ isPackaged: false });
    await startShell(fake.api, {
      openHost: async () => new FakeDeskHost(),
      preload: '/p.js',
      rendererDir: '/r',
      resourcesDir: RESOURCES,
      executable: '/opt/panic-desk',
      argv: ['/opt/panic-desk', '--remote-debugging-port=9222'],
    });
    expect(fake.windows).toHaveLength(1);
  });
});

describe('single instance', () => {
  it('a second launch quits at once and opens no window', async () => {
    const { fake, shell } = await start({ singleInstanceLock: false });
    expect(shell).toBeNull();
    expect(fake.windows).toHaveLength(0);
    expect(fake.calls('app.quit')).toHaveLength(1);
  });

  it('the first instance comes to the front when another launch is attempted', async () => {
    const { fake, win } = await start();
    win?.emit('ready-to-show');
    win?.hide();
    if (win) win.minimized = true;
    const before = fake.log.length;
    fake.app.emit('second-instance');
    expect(fake.log.slice(before).map((e) => e.what)).toEqual(['window.restore', 'window.show', 'window.focus']);
    expect(win?.isVisible()).toBe(true);
  });
});

describe('--enrol while the app runs (issue 20 finding 12)', () => {
  it('an enrolment handed over by a second launch reaches the running desk host, which opens the enrolled desk', async () => {
    const { fake, desk } = await start();
    const raw = '{"clientId":"desk-7","clientSecret":"s","environment":"staging"}';
    fake.app.emit('second-instance', {}, ['Panic Desk', '--enrol'], '/', { panicDeskEnrol: raw });
    await settle();
    expect(desk.enrolments).toEqual([raw]);
    // A plain second launch carries nothing to enrol.
    fake.app.emit('second-instance', {}, ['Panic Desk'], '/', {});
    fake.app.emit('second-instance', {}, ['Panic Desk'], '/', { panicDeskEnrol: 42 });
    await settle();
    expect(desk.enrolments).toEqual([raw]);
  });
});

describe('close to tray', () => {
  it('closing the window hides it and the desk keeps running', async () => {
    const { win, fake, closedHosts } = await start();
    win?.emit('ready-to-show');
    const event = win?.userClose();
    expect(event?.defaultPrevented).toBe(true);
    expect(win?.isDestroyed()).toBe(false);
    expect(win?.isVisible()).toBe(false);
    expect(closedHosts()).toBe(0);
    expect(fake.calls('app.quit')).toHaveLength(0);
  });

  it('the tray brings it back', async () => {
    const { win, tray } = await start();
    win?.userClose();
    tray?.clickItem('Show Panic Desk');
    expect(win?.isVisible()).toBe(true);
  });
});

describe('quit', () => {
  it('quits without asking when nothing is active, closing the desk first', async () => {
    const { fake, tray, closedHosts, shell } = await start();
    tray?.clickItem('Quit Panic Desk');
    await settle();
    expect(fake.dialogs).toHaveLength(0);
    expect(closedHosts()).toBe(1);
    expect(fake.calls('app.terminated')).toHaveLength(1);
    expect(running(shell).quitGuard.quitting).toBe(true);
  });

  it('asks while a callout is active, and stays when the operator keeps it running', async () => {
    const { fake, tray, closedHosts } = await start(
      { dialogResponse: 0 },
      { callouts: [callout({ stage: 'dispatched' })] },
    );
    tray?.clickItem('Quit Panic Desk');
    await settle();
    expect(fake.dialogs).toHaveLength(1);
    expect(fake.dialogs[0]).toMatchObject({ buttons: QUIT_BUTTONS, defaultId: 0, cancelId: 0 });
    expect(fake.dialogs[0]?.message).toBe('This desk has 1 active callout.');
    expect(closedHosts()).toBe(0);
    expect(fake.calls('app.terminated')).toHaveLength(0);
  });

  it('asks on every way to quit (e.g. Cmd+Q) and quits when confirmed', async () => {
    const { fake, closedHosts, win } = await start(
      { dialogResponse: 1 },
      { callouts: [callout({ stage: 'arrived' })], presses: [press({ status: 'notSent', calloutId: null })] },
    );
    fake.app.quit();
    await settle();
    expect(fake.dialogs[0]?.message).toBe('This desk has 1 active callout and 1 press not yet sent.');
    expect(closedHosts()).toBe(1);
    expect(fake.calls('app.terminated')).toHaveLength(1);
    // While quitting, the window may really close.
    expect(win?.userClose().defaultPrevented).toBe(false);
  });

  it('does not count closed or cancelled callouts as active', async () => {
    const { fake, tray } = await start(
      {},
      { callouts: [callout({ id: 'a', stage: 'closed' }), callout({ id: 'b', stage: 'cancelled' })] },
    );
    tray?.clickItem('Quit Panic Desk');
    await settle();
    expect(fake.dialogs).toHaveLength(0);
    expect(fake.calls('app.terminated')).toHaveLength(1);
  });
});

describe('the silent hotkey', () => {
  it('raises a silent callout for the hotkey site and shows nothing', async () => {
    const { fake, desk, win } = await start();
    win?.emit('ready-to-show');
    win?.hide();
    expect(fake.shortcuts.has(HOTKEY)).toBe(true);
    const before = fake.log.length;

    fake.pressShortcut(HOTKEY);
    // The desk moves: the press is queued, then its callout appears, silent.
    desk.update({ callouts: [callout({ id: 'c-9', silent: true })] });
    desk.update({ callouts: [callout({ id: 'c-9', silent: true, stage: 'dispatched' })] });

    expect(desk.triggers).toEqual([{ siteId: SITE.id, source: 'hotkey' }]);
    const after = fake.log.slice(before).map((e) => e.what);
    // Only state events to the (hidden) window: no show, focus, notification or tray change.
    expect(after.every((what) => what === 'webContents.send')).toBe(true);
    expect(win?.isVisible()).toBe(false);
  });

  it('during "test the hotkey" it confirms the test and raises nothing', async () => {
    const { fake, desk } = await start(
      {},
      { hotkey: { registered: true, error: null, testing: true, lastTestOkAt: null, siteId: null } },
    );
    fake.pressShortcut(HOTKEY);
    expect(desk.triggers).toEqual([]);
    expect(desk.getState().hotkey).toMatchObject({ testing: false, lastTestOkAt: 1 });
  });

  it('reports a hotkey it could not register', async () => {
    const { desk } = await start({ takenShortcuts: [HOTKEY] });
    expect(desk.getState().hotkey.registered).toBe(false);
    expect(desk.getState().hotkey.error).toMatch(/could not be registered/);
  });
});

describe('notifications', () => {
  it('are attributed to the installed app on Windows', async () => {
    const { fake } = await start();
    expect(fake.calls('app.setAppUserModelId').map((e) => e.args[0])).toEqual([APP_ID]);
  });

  it('notify on stage changes of button callouts only, not for what was known at start', async () => {
    const { fake, desk } = await start({}, { callouts: [callout({ id: 'old', stage: 'arrived' })] });
    desk.update({
      callouts: [
        callout({ id: 'old', stage: 'arrived' }),
        callout({ id: 'btn', stage: 'created' }),
        callout({ id: 'hot', stage: 'created', silent: true }),
      ],
    });
    desk.update({
      callouts: [
        callout({ id: 'old', stage: 'arrived' }),
        callout({ id: 'btn', stage: 'dispatched' }),
        callout({ id: 'hot', stage: 'dispatched', silent: true }),
      ],
    });
    expect(fake.notifications.map((n) => n.title)).toEqual(['Downtown Branch: Created', 'Downtown Branch: Dispatched']);
    expect(fake.notifications.every((n) => n.body.includes('btn'))).toBe(true);
  });

  it('say nothing about the history of another environment the desk switches to', async () => {
    const { fake, desk } = await start();
    desk.update({ environment: 'staging', callouts: [callout({ id: 'staging-1', stage: 'dispatched' })] });
    expect(fake.notifications).toEqual([]);
    desk.update({ callouts: [callout({ id: 'staging-1', stage: 'arrived' })] });
    expect(fake.notifications.map((n) => n.title)).toEqual(['Downtown Branch: Arrived']);
  });

  it('respect the notifications setting', async () => {
    const { fake, desk } = await start({}, { settings: { ...DEFAULT_SETTINGS, notifications: false } });
    desk.update({ callouts: [callout({ stage: 'dispatched' })] });
    expect(fake.notifications).toEqual([]);
  });

  it('stay quiet where the system has none', async () => {
    const { fake, desk } = await start({ notificationsSupported: false });
    desk.update({ callouts: [callout({ stage: 'dispatched' })] });
    expect(fake.notifications).toEqual([]);
  });
});

describe('tray', () => {
  it('shows readiness as icon and words, and follows it', async () => {
    const { tray, desk } = await start();
    expect(tray?.image).toBe(trayIcon(RESOURCES, 'ready'));
    expect(tray?.toolTip).toBe('Panic Desk — Ready — AURA Training (simulator)');
    desk.setReadiness({ level: 'offline', message: 'Offline — presses will be queued' });
    expect(tray?.image).toBe(join(RESOURCES, 'tray', 'tray-offline.png'));
    expect(tray?.toolTip).toBe('Panic Desk — Offline — presses will be queued');
    desk.setReadiness({ level: 'keychainUnavailable', message: 'Keychain unavailable' });
    expect(tray?.image).toBe(trayIcon(RESOURCES, 'offline'));
    desk.setReadiness({ level: 'notConfigured', message: 'Not configured' });
    expect(tray?.image).toBe(trayIcon(RESOURCES, 'notConfigured'));
  });

  it('maps every readiness level to one of four icons', () => {
    expect(READINESS_LEVELS.map((level) => trayLevel({ level, message: '', lastContactAt: null }))).toEqual([
      'ready',
      'degraded',
      'offline',
      'offline',
      'offline',
      'notConfigured',
    ]);
  });

  it('offers Show, the panic for the hotkey site, and Quit', async () => {
    const { tray, desk } = await start();
    expect(tray?.menu.map((i) => i.label ?? '---')).toEqual([
      'Show Panic Desk',
      '---',
      'Raise panic: Downtown Branch',
      '---',
      'Quit Panic Desk',
    ]);
    tray?.clickItem('Raise panic');
    expect(desk.triggers).toEqual([{ siteId: SITE.id, source: 'tray' }]);
  });

  it('a panic item still in the menu when the desk becomes a monitor raises nothing and throws nothing', async () => {
    const { tray, desk } = await start();
    desk.monitor = true; // the policy switched; the menu is rebuilt on the next state
    expect(() => tray?.clickItem('Raise panic')).not.toThrow();
    expect(desk.triggers).toEqual([]);
    expect(desk.refusedFromShell).toEqual([{ siteId: SITE.id, source: 'tray' }]);
  });

  it('disables the panic item until a hotkey site is chosen', async () => {
    const { tray, desk } = await start({}, { settings: { ...DEFAULT_SETTINGS, hotkeySiteId: null } });
    expect(() => tray?.clickItem('Raise panic')).toThrow(/disabled/);
    desk.update({ settings: { ...DEFAULT_SETTINGS, hotkeySiteId: SITE.id } });
    expect(tray?.menu[2]?.label).toBe('Raise panic: Downtown Branch');
  });
});

describe('start at login', () => {
  const configured = deskState({
    environment: 'production',
    connection: { environment: 'production', baseUrl: 'https://x', clientId: 'c', hasSecret: true },
  });

  it('is on by default once the desk is set up, never in Training, off when the setting is off', () => {
    expect(wantsStartAtLogin(deskState())).toBe(false);
    expect(wantsStartAtLogin(configured)).toBe(true);
    expect(wantsStartAtLogin({ ...configured, settings: { ...DEFAULT_SETTINGS, startAtLogin: false } })).toBe(false);
    // A keychain locked at this start does not take the desk out of the next login.
    expect(wantsStartAtLogin({ ...configured, connection: { ...configured.connection, hasSecret: false } })).toBe(true);
  });

  it('follows the desk through setLoginItemSettings on Windows and macOS', async () => {
    const { fake, desk } = await start();
    expect(fake.calls('app.setLoginItemSettings').map((e) => e.args[0])).toEqual([{ openAtLogin: false }]);
    desk.update({ environment: configured.environment, connection: configured.connection });
    desk.update({ settings: { ...desk.getState().settings, startAtLogin: false } });
    expect(fake.calls('app.setLoginItemSettings').map((e) => e.args[0])).toEqual([
      { openAtLogin: false },
      { openAtLogin: true },
      { openAtLogin: false },
    ]);
  });

  it('writes and removes an XDG autostart entry on Linux', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'autostart-')), 'autostart');
    const apply = loginItemApplier(createFakeElectron({ isPackaged: true }).app, {
      platform: 'linux',
      executable: '/opt/Panic Desk/panic-desk',
      autostartDir: dir,
    });
    apply(true);
    const file = join(dir, 'panic-desk.desktop');
    expect(readFileSync(file, 'utf8')).toBe(autostartEntry('/opt/Panic Desk/panic-desk'));
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Panic Desk/panic-desk"');
    apply(false);
    expect(existsSync(file)).toBe(false);
  });

  it('escapes % and line breaks in the autostart Exec line (issue 21 finding 10)', () => {
    // The desktop entry spec: % starts a field code (%% is a literal %); a value is one line, so a
    // line break must be written \n; a backslash is escaped once for the quoting and once for the value.
    const lines = (exe: string) => autostartEntry(exe).split('\n');
    expect(lines('/home/op/Panic%20Desk.AppImage')).toContain('Exec="/home/op/Panic%%20Desk.AppImage"');
    expect(lines('/home/op/a\\b')).toContain('Exec="/home/op/a\\\\\\\\b"');
    const planted = lines('/tmp/x\nX-GNOME-Autostart-Delay=0\nHidden=true');
    expect(planted.filter((l) => l.startsWith('Hidden='))).toEqual([]);
    expect(planted).toContain('Exec="/tmp/x\\nX-GNOME-Autostart-Delay=0\\nHidden=true"');
    expect(planted).toHaveLength(lines('/opt/panic-desk').length);
  });

  it('never registers a development run', () => {
    const fake = createFakeElectron({ isPackaged: false });
    loginItemApplier(fake.app, { platform: 'darwin', executable: '/x' })(true);
    expect(fake.calls('app.setLoginItemSettings')).toEqual([]);
  });
});
