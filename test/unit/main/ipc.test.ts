// IPC on the fake Electron, through the real wire (serveContract): one handler per contract
// command, a foreign sender refused, a bad payload refused for every command before any handler
// runs, and state events sent to the app's own windows only.
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { registerIpc } from '../../../electron/main/ipc';
import { appPage } from '../../../electron/main/window';
import { COMMAND_NAMES, commandChannel, eventChannel } from '../../../electron/shared/command-names';
import { createFakeElectron, FakeFrame, FakeWebContents, type FakeElectron } from '../../fakes/electron';
import { deskState, FakeDeskHost, fakeWire } from '../../fakes/desk-host';

const RENDERER = '/opt/panic-desk/out/renderer';
const APP_URL = 'app://panic-desk/index.html';
/** The page as it was loaded before app:// (a file anywhere on disk is foreign). */
const FILE_URL = pathToFileURL(`${RENDERER}/index.html`).href;

let fake: FakeElectron;
let app: FakeWebContents;
let called: string[];
let desk: FakeDeskHost;

beforeEach(() => {
  fake = createFakeElectron({ isPackaged: true });
  app = new FakeWebContents(fake.log);
  app.mainFrame.url = APP_URL;
  called = [];
  desk = new FakeDeskHost();
  registerIpc(fake.api.ipcMain, {
    host: fakeWire(desk, called),
    windows: () => [app],
    isAppUrl: appPage(true).isAppUrl,
  });
});

describe('IPC', () => {
  it('registers exactly one handler per contract command and no generic channel', () => {
    expect([...fake.handlers.keys()].sort()).toEqual(COMMAND_NAMES.map(commandChannel).sort());
  });

  it('runs a valid command from the app page and replies {ok, value}', async () => {
    const reply = await fake.invoke(commandChannel('panic.trigger'), { siteId: 'site_9944' }, { contents: app });
    expect(reply).toEqual({ ok: true, value: 'handled' });
    expect(called).toEqual(['panic.trigger']);
  });

  it('refuses a command from a foreign frame, window or page', async () => {
    const iframe = new FakeFrame(APP_URL, app.mainFrame);
    const otherWindow = new FakeWebContents(fake.log);
    otherWindow.mainFrame.url = APP_URL;
    const foreignPage = new FakeWebContents(fake.log);
    foreignPage.mainFrame.url = 'https://evil.example/';
    const senders = [
      { contents: app, frame: iframe },
      { contents: otherWindow },
      { contents: foreignPage },
      { contents: app, frame: new FakeFrame('file:///tmp/evil/renderer/index.html') },
      // The built page itself, opened as a file (as before app://), is not the app either.
      { contents: app, frame: new FakeFrame(FILE_URL) },
      { contents: app, frame: new FakeFrame('app://evil/index.html') },
    ];
    // An app window that navigated to a foreign page is foreign too.
    const replies = [];
    for (const sender of senders) {
      replies.push(await fake.invoke(commandChannel('panic.trigger'), { siteId: 'site_9944' }, sender));
    }
    app.mainFrame.url = 'https://evil.example/';
    replies.push(await fake.invoke(commandChannel('state.get'), {}, { contents: app }));

    for (const reply of replies) {
      expect(reply).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'Commands are accepted only from the Panic Desk window' },
      });
    }
    expect(called).toEqual([]);
  });

  it('refuses a bad payload for every command before any handler runs', async () => {
    const badPayloads: unknown[] = [{ notAField: 1 }, 'text', 42, [1, 2]];
    for (const name of COMMAND_NAMES) {
      for (const payload of badPayloads) {
        const reply = await fake.invoke(commandChannel(name), payload, { contents: app });
        expect(reply, `${name} with ${JSON.stringify(payload)}`).toMatchObject({
          ok: false,
          error: { code: 'invalidPayload' },
        });
      }
    }
    expect(called).toEqual([]);
  });

  it('sends state events to the app windows only, and not to destroyed ones', () => {
    desk.update(deskState({ lastSyncAt: 5 }));
    const sent = fake.calls('webContents.send');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.args.slice(0, 2)).toEqual([app.id, eventChannel('state.changed')]);
    app.destroyed = true;
    desk.update(deskState({ lastSyncAt: 6 }));
    expect(fake.calls('webContents.send')).toHaveLength(1);
  });
});
