// A small recorded fake of the Electron API the shell uses (electron/main/shell-api.ts). Every
// call that matters lands in `log` in order, so a test can assert both what happened and what
// did not (e.g. "the hotkey showed no window": no `window.show` in the log). No Electron here.
import type {
  LoginItemSettings,
  MessageBoxOptions,
  PermissionCheckHandler,
  PermissionRequestHandler,
  PreventableEvent,
  ShellApi,
  ShellFrame,
  ShellInvokeEvent,
  ShellMenuItem,
  ShellNotificationOptions,
  ShellWindowOptions,
} from '../../electron/main/shell-api';

export type LogEntry = { what: string; args: unknown[] };
type Listener = (...args: never[]) => unknown;

class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped = ((...args: never[]) => {
      this.listeners.set(
        event,
        (this.listeners.get(event) ?? []).filter((l) => l !== wrapped),
      );
      return listener(...args);
    }) as Listener;
    return this.on(event, wrapped);
  }
  /** Calls every listener of `event` with `args`; returns how many there were. */
  emit(event: string, ...args: unknown[]): number {
    const list = this.listeners.get(event) ?? [];
    for (const listener of list) (listener as (...a: unknown[]) => unknown)(...args);
    return list.length;
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** A cancellable event as Electron passes it; `defaultPrevented` tells whether a listener cancelled. */
export class FakeEvent implements PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame implements ShellFrame {
  constructor(
    public url: string,
    readonly parent: FakeFrame | null = null,
  ) {}
}

let nextContentsId = 1;

export class FakeWebContents extends Emitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeFrame('about:blank');
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  constructor(private readonly log: LogEntry[]) {
    super();
  }
  send(channel: string, ...args: unknown[]): void {
    this.log.push({ what: 'webContents.send', args: [this.id, channel, ...args] });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  closeDevTools(): void {
    this.log.push({ what: 'webContents.closeDevTools', args: [this.id] });
  }
  reload(): void {
    this.log.push({ what: 'webContents.reload', args: [this.id] });
  }
}

export class FakeBrowserWindow extends Emitter {
  readonly webContents: FakeWebContents;
  visible = false;
  minimized = false;
  destroyed = false;
  loaded: { url?: string; file?: string } = {};
  constructor(
    readonly options: ShellWindowOptions,
    private readonly log: LogEntry[],
  ) {
    super();
    this.webContents = new FakeWebContents(log);
    log.push({ what: 'BrowserWindow.new', args: [options] });
  }
  show(): void {
    this.visible = true;
    this.minimized = false;
    this.log.push({ what: 'window.show', args: [] });
  }
  hide(): void {
    this.visible = false;
    this.log.push({ what: 'window.hide', args: [] });
  }
  focus(): void {
    this.log.push({ what: 'window.focus', args: [] });
  }
  restore(): void {
    this.minimized = false;
    this.log.push({ what: 'window.restore', args: [] });
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = { url };
    this.webContents.mainFrame.url = url;
  }
  async loadFile(file: string): Promise<void> {
    this.loaded = { file };
    this.webContents.mainFrame.url = `file://${file}`;
  }
  /** What the user's close button does: emits `close`; unless cancelled, the window is gone. */
  userClose(): FakeEvent {
    const event = new FakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) {
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.visible = false;
      this.emit('closed');
    }
    return event;
  }
}

export interface FakeElectronOptions {
  isPackaged?: boolean;
  /** False makes this the second instance. */
  singleInstanceLock?: boolean;
  /** Accelerators another application already owns. */
  takenShortcuts?: string[];
  /** Button index the next message boxes answer with. */
  dialogResponse?: number;
  notificationsSupported?: boolean;
  userData?: string;
  /**
   * What `net.fetch` does once the app is ready (default: Node's fetch, so a test can reach a
   * simulator); a test passes one that fails with Chromium's `net::ERR_*` errors.
   */
  netFetch?: (url: string, init?: RequestInit) => Promise<Response>;
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

export function createFakeElectron(options: FakeElectronOptions = {}) {
  const log: LogEntry[] = [];
  const windows: FakeBrowserWindow[] = [];
  const handlers = new Map<string, (event: ShellInvokeEvent, payload: unknown) => Promise<unknown>>();
  const shortcuts = new Map<string, () => void>();
  const taken = new Set(options.takenShortcuts ?? []);
  const trays: FakeTray[] = [];
  const notifications: ShellNotificationOptions[] = [];
  const dialogs: MessageBoxOptions[] = [];
  const permission: { request: PermissionRequestHandler | null; check: PermissionCheckHandler | null } = {
    request: null,
    check: null,
  };
  let userData = options.userData ?? '/fake/userData';
  let ready = false;
  /** Schemes registered as privileged, and the protocol handlers installed (as Electron keeps them). */
  const privilegedSchemes: Array<{ scheme: string; privileges: Record<string, boolean | undefined> }> = [];
  const protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  let dialogResponse = options.dialogResponse ?? 0;

  class FakeApp extends Emitter {
    readonly isPackaged = options.isPackaged ?? false;
    quitCalls = 0;
    requestSingleInstanceLock(): boolean {
      log.push({ what: 'app.requestSingleInstanceLock', args: [] });
      return options.singleInstanceLock ?? true;
    }
    async whenReady(): Promise<void> {
      ready = true;
    }
    isReady(): boolean {
      return ready;
    }
    /** Like Electron: emits before-quit; a listener may cancel it. */
    quit(): void {
      this.quitCalls += 1;
      log.push({ what: 'app.quit', args: [] });
      const event = new FakeEvent();
      this.emit('before-quit', event);
      if (!event.defaultPrevented) log.push({ what: 'app.terminated', args: [] });
    }
    exit(exitCode = 0): void {
      log.push({ what: 'app.exit', args: [exitCode] });
    }
    relaunch(): void {
      log.push({ what: 'app.relaunch', args: [] });
    }
    getPath(_name: 'userData'): string {
      return userData;
    }
    setPath(_name: 'userData', path: string): void {
      userData = path;
      log.push({ what: 'app.setPath', args: ['userData', path] });
    }
    setAppUserModelId(id: string): void {
      log.push({ what: 'app.setAppUserModelId', args: [id] });
    }
    setLoginItemSettings(settings: LoginItemSettings): void {
      log.push({ what: 'app.setLoginItemSettings', args: [settings] });
    }
  }
  const app = new FakeApp();

  class BrowserWindow extends FakeBrowserWindow {
    constructor(windowOptions: ShellWindowOptions) {
      super(windowOptions, log);
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
  }

  class FakeTray extends Emitter {
    image: string;
    toolTip = '';
    menu: ShellMenuItem[] = [];
    constructor(image: string) {
      super();
      this.image = image;
      trays.push(this);
      log.push({ what: 'Tray.new', args: [image] });
    }
    setImage(image: string): void {
      this.image = image;
      log.push({ what: 'tray.setImage', args: [image] });
    }
    setToolTip(toolTip: string): void {
      this.toolTip = toolTip;
      log.push({ what: 'tray.setToolTip', args: [toolTip] });
    }
    setContextMenu(menu: unknown): void {
      this.menu = (menu as { items: ShellMenuItem[] }).items;
      log.push({ what: 'tray.setContextMenu', args: [this.menu.map((item) => item.label ?? '---')] });
    }
    destroy(): void {
      log.push({ what: 'tray.destroy', args: [] });
    }
    /** Clicks the menu item whose label starts with `label`. */
    clickItem(label: string): void {
      const item = this.menu.find((i) => i.label?.startsWith(label));
      if (item?.enabled === false) throw new Error(`Tray item "${label}" is disabled`);
      if (!item?.click) throw new Error(`No clickable tray item "${label}" in ${JSON.stringify(this.menu)}`);
      item.click();
    }
  }

  class Notification {
    static isSupported(): boolean {
      return options.notificationsSupported ?? true;
    }
    constructor(private readonly notificationOptions: ShellNotificationOptions) {}
    show(): void {
      notifications.push(this.notificationOptions);
      log.push({ what: 'notification.show', args: [this.notificationOptions] });
    }
  }

  const api: ShellApi = {
    app,
    protocol: {
      // Like Electron: privileged schemes only before ready, handlers only after.
      registerSchemesAsPrivileged(schemes) {
        if (ready) throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
        privilegedSchemes.push(...schemes);
        log.push({ what: 'protocol.registerSchemesAsPrivileged', args: [schemes.map((s) => s.scheme)] });
      },
      handle(scheme, handler) {
        if (!ready) throw new Error('protocol.handle must be called after the app is ready');
        if (protocolHandlers.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`);
        protocolHandlers.set(scheme, handler);
        log.push({ what: 'protocol.handle', args: [scheme] });
      },
    },
    BrowserWindow,
    ipcMain: {
      handle(channel, listener) {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, listener);
      },
      removeHandler(channel) {
        handlers.delete(channel);
      },
    },
    globalShortcut: {
      register(accelerator, callback) {
        log.push({ what: 'globalShortcut.register', args: [accelerator] });
        if (taken.has(accelerator)) return false;
        shortcuts.set(accelerator, callback);
        return true;
      },
      unregister(accelerator) {
        log.push({ what: 'globalShortcut.unregister', args: [accelerator] });
        shortcuts.delete(accelerator);
      },
    },
    Tray: FakeTray,
    Menu: {
      buildFromTemplate(template) {
        return { items: template };
      },
    },
    Notification,
    dialog: {
      async showMessageBox(messageBox) {
        dialogs.push(messageBox);
        log.push({ what: 'dialog.showMessageBox', args: [messageBox.message] });
        return { response: dialogResponse };
      },
    },
    net: {
      // Like Electron: the net module refuses to work before the app is ready.
      async fetch(url: string, init?: RequestInit): Promise<Response> {
        log.push({ what: 'net.fetch', args: [init?.method ?? 'GET', url] });
        if (!ready) throw new Error('net.fetch can only be used after app is ready');
        return (options.netFetch ?? ((u, i) => fetch(u, i)))(url, init);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler(handler) {
          permission.request = handler;
        },
        setPermissionCheckHandler(handler) {
          permission.check = handler;
        },
      },
    },
  };

  return {
    api,
    app,
    log,
    windows,
    trays,
    notifications,
    dialogs,
    permission,
    handlers,
    shortcuts,
    privilegedSchemes,
    /** Fetches a URL of a handled custom scheme, as the page would. */
    async fetchScheme(url: string, method = 'GET'): Promise<Response> {
      const handler = protocolHandlers.get(new URL(url).protocol.replace(/:$/, ''));
      if (!handler) throw new Error(`No protocol handler for ${url}`);
      return handler(new Request(url, { method }));
    },
    /** The entries of `log` whose name starts with `prefix`. */
    calls(prefix: string): LogEntry[] {
      return log.filter((entry) => entry.what.startsWith(prefix));
    },
    setDialogResponse(response: number): void {
      dialogResponse = response;
    },
    /** Calls a registered IPC handler as a frame of `sender` would. */
    async invoke(
      channel: string,
      payload: unknown,
      sender: { contents: FakeWebContents; frame?: FakeFrame },
    ): Promise<unknown> {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler for ${channel}`);
      const event: ShellInvokeEvent = {
        sender: sender.contents,
        senderFrame: sender.frame ?? sender.contents.mainFrame,
      };
      return handler(event, payload);
    },
    /** The operator presses a global shortcut. */
    pressShortcut(accelerator: string): void {
      const callback = shortcuts.get(accelerator);
      if (!callback) throw new Error(`Shortcut ${accelerator} is not registered`);
      callback();
    },
  };
}
