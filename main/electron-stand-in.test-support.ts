/**
 * A recording stand-in for the `electron` module, for running main/index.ts in Vitest.
 *
 * It stands in for the Electron binary, which cannot be downloaded on our build machines: the
 * main process's wiring (start-up, window, tray, notifications, IPC, lifecycle) runs against
 * these in-memory objects, which behave as Electron documents its own (a preventable
 * before-quit, windows asked to close before will-quit, protocol registration only before ready,
 * protocol.handle only after). Everything below Electron (files, timers, zod, the scheduler)
 * is real. On a machine with the binary, e2e/electron/launch.spec.ts runs the real thing.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';

/** An Electron event that a listener may prevent. */
export class PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type Frame = { url: string; parent: Frame | null };
type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
type PermissionRequestHandler = (
  webContents: FakeWebContents,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl?: string },
) => void;
type PermissionCheckHandler = (
  webContents: FakeWebContents | null,
  permission: string,
  requestingOrigin: string,
) => boolean;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders: Record<string, string[]> }) => void,
) => void;

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly loads: string[] = [];
  readonly mainFrame: Frame = { url: '', parent: null };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  forcedCrashes = 0;
  #destroyed = false;

  send(channel: string, payload: unknown): void {
    if (this.#destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, payload });
  }

  loadURL(url: string): Promise<void> {
    this.loads.push(url);
    this.mainFrame.url = url;
    this.emit('did-start-loading');
    return Promise.resolve();
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  forcefullyCrashRenderer(): void {
    this.forcedCrashes += 1;
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  destroy(): void {
    this.#destroyed = true;
  }

  /** What main sent on one event channel, in order. */
  sentOn(channel: string): unknown[] {
    return this.sent.filter((s) => s.channel === channel).map((s) => s.payload);
  }

  /** The page finished loading, as Chromium reports it. */
  finishLoad(): void {
    this.emit('did-finish-load');
  }

  /** Emits a preventable webContents event and says whether main prevented it. */
  prevented(event: string, ...args: unknown[]): boolean {
    const preventable = Object.assign(new PreventableEvent(), ...args);
    this.emit(event, preventable);
    return preventable.defaultPrevented;
  }

  /** An IPC event as ipcMain passes it: this webContents, and a frame of it. */
  ipcEvent(frame: Frame = this.mainFrame) {
    return { sender: { id: this.id }, senderFrame: frame };
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly all: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((w) => !w.isDestroyed());
  }

  readonly webContents = new FakeWebContents();
  readonly options: Record<string, unknown>;
  visible = false;
  minimized = false;
  focused = 0;
  #destroyed = false;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    FakeBrowserWindow.all.push(this);
  }

  get webPreferences(): Record<string, unknown> {
    return this.options.webPreferences as Record<string, unknown>;
  }

  getTitle(): string {
    return String(this.options.title ?? '');
  }

  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused += 1;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  minimize(): void {
    this.minimized = true;
    this.visible = false;
  }
  restore(): void {
    this.minimized = false;
    this.visible = true;
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }

  /** The close button or the OS asking: main may prevent it (the window then hides). */
  close(): boolean {
    const event = new PreventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}

export class FakeTray extends EventEmitter {
  static readonly all: FakeTray[] = [];
  tooltip = '';
  title = '';
  menu: MenuItemConstructorOptions[] = [];
  destroyed = false;

  constructor(readonly image: unknown) {
    super();
    FakeTray.all.push(this);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setTitle(text: string): void {
    this.title = text;
  }
  setContextMenu(menu: { template: MenuItemConstructorOptions[] }): void {
    this.menu = menu.template;
  }
  destroy(): void {
    this.destroyed = true;
  }

  /** A menu item (submenus included) by id. */
  item(id: string): MenuItemConstructorOptions | undefined {
    const all = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? all(item.submenu) : [])]);
    return all(this.menu).find((item) => item.id === id);
  }

  /** Clicks a menu item as a person would; refuses a disabled or missing one. */
  click(id: string): void {
    const item = this.item(id);
    if (!item) throw new Error(`The tray menu has no item "${id}"`);
    if (item.enabled === false) throw new Error(`The tray menu item "${id}" is disabled`);
    (item.click as () => void)();
  }
}

export class FakeNotification extends EventEmitter {
  static readonly shown: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  constructor(readonly options: { title: string; body: string; icon?: string }) {
    super();
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
}

export type StandInOptions = {
  userData: string;
  isPackaged?: boolean;
  /** False: another instance holds the single-instance lock. */
  singleInstance?: boolean;
};

/** Builds a fresh stand-in; `module` is what `import … from 'electron'` gets. */
export function createElectronStandIn(options: StandInOptions) {
  FakeBrowserWindow.all.length = 0;
  FakeTray.all.length = 0;
  FakeNotification.shown.length = 0;
  FakeNotification.supported = true;
  const log: string[] = [];
  let ready = false;
  let markReady: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  class FakeApp extends EventEmitter {
    isPackaged = options.isPackaged ?? false;
    readonly paths = new Map<string, string>([['userData', options.userData]]);
    badgeCount = 0;
    appUserModelId: string | null = null;
    loginItems: unknown[] = [];
    quitRequests = 0;
    quit_ = false;

    setPath(name: string, path: string): void {
      if (name === 'userData' && log.includes('requestSingleInstanceLock'))
        throw new Error('userData must be set before the single-instance lock is taken');
      log.push(`setPath ${name}`);
      this.paths.set(name, path);
    }
    getPath(name: string): string {
      return this.paths.get(name) ?? join(options.userData, name);
    }
    requestSingleInstanceLock(): boolean {
      log.push('requestSingleInstanceLock');
      return options.singleInstance ?? true;
    }
    whenReady(): Promise<void> {
      return whenReady;
    }
    isReady(): boolean {
      return ready;
    }
    setBadgeCount(count: number): boolean {
      this.badgeCount = count;
      return true;
    }
    setAppUserModelId(id: string): void {
      this.appUserModelId = id;
    }
    setLoginItemSettings(settings: unknown): void {
      this.loginItems.push(settings);
    }
    getLoginItemSettings() {
      return { openAtLogin: false, wasOpenedAtLogin: false };
    }
    /** As Electron: before-quit (preventable), then each window is asked to close, then will-quit. */
    quit(): void {
      this.quitRequests += 1;
      const beforeQuit = new PreventableEvent();
      this.emit('before-quit', beforeQuit);
      if (beforeQuit.defaultPrevented) return;
      for (const window of FakeBrowserWindow.getAllWindows()) if (!window.close()) return;
      const willQuit = new PreventableEvent();
      this.emit('will-quit', willQuit);
      if (willQuit.defaultPrevented) return;
      this.quit_ = true;
      this.emit('quit');
    }
    get hasQuit(): boolean {
      return this.quit_;
    }
  }

  const app = new FakeApp();
  const ipcHandlers = new Map<string, InvokeHandler>();
  const privilegedSchemes: { scheme: string; privileges: Record<string, unknown> }[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const session = {
    headersListener: null as HeadersListener | null,
    permissionRequestHandler: null as PermissionRequestHandler | null,
    permissionCheckHandler: null as PermissionCheckHandler | null,
  };
  let applicationMenu: { template: MenuItemConstructorOptions[] } | null | undefined;

  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }),
      setApplicationMenu: (menu: { template: MenuItemConstructorOptions[] } | null) => {
        applicationMenu = menu;
      },
    },
    nativeImage: {
      createFromPath: (path: string) => ({
        resize: (size: { width: number; height: number }) => ({ path, ...size }),
      }),
    },
    ipcMain: {
      handle(channel: string, handler: InvokeHandler) {
        if (ipcHandlers.has(channel))
          throw new Error(`Attempted to register a second handler for '${channel}'`);
        ipcHandlers.set(channel, handler);
      },
      removeHandler(channel: string) {
        ipcHandlers.delete(channel);
      },
    },
    powerMonitor: new EventEmitter(),
    protocol: {
      registerSchemesAsPrivileged(schemes: typeof privilegedSchemes) {
        if (ready)
          throw new Error(
            'protocol.registerSchemesAsPrivileged must be called before app is ready',
          );
        privilegedSchemes.push(...schemes);
      },
      handle(scheme: string, handler: (request: Request) => Promise<Response>) {
        if (!ready) throw new Error('protocol.handle may only be called after app is ready');
        protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived(listener: HeadersListener) {
            session.headersListener = listener;
          },
        },
        setPermissionRequestHandler(handler: PermissionRequestHandler) {
          session.permissionRequestHandler = handler;
        },
        setPermissionCheckHandler(handler: PermissionCheckHandler) {
          session.permissionCheckHandler = handler;
        },
      },
    },
  };

  return {
    module,
    app,
    log,
    ipcHandlers,
    privilegedSchemes,
    protocolHandlers,
    session,
    get applicationMenu() {
      return applicationMenu;
    },
    /** Electron finished starting: whenReady resolves. */
    ready() {
      ready = true;
      markReady();
    },
    get window(): FakeBrowserWindow {
      const window = FakeBrowserWindow.all[0];
      if (!window) throw new Error('main created no window');
      return window;
    },
    get tray(): FakeTray {
      const tray = FakeTray.all[0];
      if (!tray) throw new Error('main created no tray');
      return tray;
    },
    notifications: FakeNotification.shown,
    /** Calls an invoke channel as ipcRenderer.invoke would reach it. */
    async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler(event, ...args);
    },
    /** A permission request as Chromium makes it; resolves with the answer. */
    requestPermission(permission: string, requestingUrl: string): Promise<boolean> {
      const handler = session.permissionRequestHandler;
      if (!handler) throw new Error('no permission request handler');
      return new Promise((resolve) =>
        handler(FakeBrowserWindow.all[0]!.webContents, permission, resolve, { requestingUrl }),
      );
    },
  };
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>;

const KEY = '__nolapseElectronStandIn';

/**
 * The stand-in the mocked `electron` module serves. Kept on globalThis because each test
 * loads main/index.ts afresh (vi.resetModules), and with it a fresh copy of this module.
 */
export function useStandIn(standIn: ElectronStandIn): void {
  (globalThis as Record<string, unknown>)[KEY] = standIn;
}

export function currentStandIn(): ElectronStandIn {
  const standIn = (globalThis as Record<string, unknown>)[KEY] as ElectronStandIn | undefined;
  if (!standIn) throw new Error('No Electron stand-in: call useStandIn first');
  return standIn;
}

/** The mocked `electron` module: each export is the current stand-in's, read when used. */
export function electronModule(): ElectronStandIn['module'] {
  const names = Object.keys(
    createElectronStandIn({ userData: '/' }).module,
  ) as (keyof ElectronStandIn['module'])[];
  return Object.defineProperties(
    {},
    Object.fromEntries(
      names.map((name) => [name, { enumerable: true, get: () => currentStandIn().module[name] }]),
    ),
  ) as ElectronStandIn['module'];
}
