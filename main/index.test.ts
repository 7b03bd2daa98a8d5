/**
 * The main process as it starts, under a recording stand-in for the `electron` module
 * (electron-stand-in.test-support.ts): the Electron binary cannot be downloaded here, so this
 * is how main/index.ts runs at all. Files, timers (Vitest's fake clock), zod and the
 * scheduler are real; e2e/electron/launch.spec.ts runs the real binary where it exists.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, type InvokeChannel } from '../shared/ipc';
import { rolesOf } from './app-menu';
import {
  createElectronStandIn,
  FakeWebContents,
  PreventableEvent,
  useStandIn,
  type ElectronStandIn,
  type StandInOptions,
} from './electron-stand-in.test-support';

// Vitest keeps a mocked module across vi.resetModules, so it hands out the current stand-in's parts.
vi.mock('electron', async () =>
  (await import('./electron-stand-in.test-support')).electronModule(),
);
// electron-vite turns `?asset` imports into a path; Vitest has no such plugin.
vi.mock('../build/icon.png?asset', () => ({ default: '/nolapse/build/icon.png' }));

const START = new Date('2026-06-15T09:00:00.000Z');
const APP_PAGE = 'app://nolapse/index.html';
const profiles: string[] = [];
let current: ElectronStandIn | null = null;

/** Loads main/index.ts afresh against a new stand-in and lets Electron become ready. */
async function start(
  options: Partial<StandInOptions> & { env?: Record<string, string> } = {},
): Promise<ElectronStandIn> {
  const userData = mkdtempSync(join(tmpdir(), 'nolapse-main-'));
  profiles.push(userData);
  const { env = {}, ...standInOptions } = options;
  vi.stubEnv('ELECTRON_RENDERER_URL', env.ELECTRON_RENDERER_URL);
  vi.stubEnv('NOLAPSE_USER_DATA', env.NOLAPSE_USER_DATA);
  const standIn = createElectronStandIn({ userData, ...standInOptions });
  useStandIn(standIn);
  current = standIn;
  vi.resetModules();
  await import('./index');
  standIn.ready();
  await settle();
  return standIn;
}

/** Lets promises and file work finish (real I/O, so real turns of the event loop). */
async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Starts the app and loads its page, as Chromium would once the window exists. */
async function started(options?: Parameters<typeof start>[0]): Promise<ElectronStandIn> {
  const standIn = await start(options);
  standIn.window.webContents.finishLoad();
  return standIn;
}

beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  vi.setSystemTime(START);
});

afterEach(() => {
  // Quit for real so the clock and pause timers are gone before the next test.
  // (A second Quit passes a Quit that waits for a job.)
  if (current && !current.app.hasQuit) current.app.quit();
  if (current && !current.app.hasQuit) current.app.quit();
  current = null;
  vi.useRealTimers();
  vi.unstubAllEnvs();
  for (const dir of profiles.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('main process start-up', () => {
  it('takes the single-instance lock, registers app:// before ready and serves it after', async () => {
    const standIn = await start();
    expect(standIn.log[0]).toBe('requestSingleInstanceLock');
    expect(standIn.privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({
          standard: true,
          secure: true,
          supportFetchAPI: true,
          bypassCSP: false,
        }),
      },
    ]);
    expect([...standIn.protocolHandlers.keys()]).toEqual(['app']);
    expect(standIn.window.webContents.loads).toEqual([APP_PAGE]);
  });

  it('serves the renderer over app:// with the production CSP, and refuses a way out', async () => {
    const standIn = await start();
    const serve = standIn.protocolHandlers.get('app')!;
    // Under Vitest, main/ sits beside the renderer's sources, so the entry page is index.html.
    const page = await serve(new Request(APP_PAGE));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"></div>');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self' http: https:;");
    expect(csp).not.toContain('ws:');
    const escape = await serve(new Request('app://nolapse/..%2Fpackage.json'));
    expect(escape.status).toBe(403);
  });

  it('opens one window with the secure options and a sandboxed preload', async () => {
    const standIn = await start();
    const { webPreferences, options } = standIn.window;
    expect(options).toMatchObject({ title: 'NoLapse', show: false, autoHideMenuBar: true });
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: true,
      disableBlinkFeatures: 'Auxclick',
      backgroundThrottling: false,
    });
    expect(String(webPreferences.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(standIn.tray.image).toMatchObject({ path: '/nolapse/build/icon.png', width: 22 });
  });

  it('refuses navigation, new windows and webviews', async () => {
    const { webContents } = (await start()).window;
    expect(webContents.prevented('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(
      webContents.prevented('will-frame-navigate', {
        url: 'https://evil.example/',
        isMainFrame: true,
      }),
    ).toBe(true);
    // The page may load itself again (a reload); a frame inside it may not load even our page.
    expect(webContents.prevented('will-navigate', { url: APP_PAGE })).toBe(false);
    expect(webContents.prevented('will-frame-navigate', { url: APP_PAGE, isMainFrame: true })).toBe(
      false,
    );
    expect(
      webContents.prevented('will-frame-navigate', { url: APP_PAGE, isMainFrame: false }),
    ).toBe(true);
    expect(webContents.prevented('will-navigate', { url: 'file:///etc/passwd' })).toBe(true);
    expect(webContents.prevented('will-attach-webview')).toBe(true);
    expect(webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });

  it('puts our CSP on every response and grants only the clipboard, to our page only', async () => {
    const standIn = await start();
    let headers: Record<string, string[]> = {};
    standIn.session.headersListener!(
      {
        url: 'http://localhost:5173/',
        responseHeaders: { 'content-security-policy': ['default-src *'] },
      },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers['Content-Security-Policy']![0]).toMatch(
      /^default-src 'self'; script-src 'self';/,
    );
    expect(headers['content-security-policy']).toBeUndefined();

    expect(await standIn.requestPermission('clipboard-sanitized-write', APP_PAGE)).toBe(true);
    expect(await standIn.requestPermission('media', APP_PAGE)).toBe(false);
    expect(await standIn.requestPermission('notifications', APP_PAGE)).toBe(false);
    expect(
      await standIn.requestPermission('clipboard-sanitized-write', 'https://evil.example/'),
    ).toBe(false);
    const check = standIn.session.permissionCheckHandler!;
    standIn.window.webContents.mainFrame.url = APP_PAGE;
    expect(check(standIn.window.webContents, 'clipboard-sanitized-write', 'app://nolapse')).toBe(
      true,
    );
    expect(check(standIn.window.webContents, 'geolocation', 'app://nolapse')).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });

  it('in development keeps Electron’s menu and uses the dev server and test profile', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'nolapse-e2e-'));
    profiles.push(profile);
    const standIn = await start({
      env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/', NOLAPSE_USER_DATA: profile },
    });
    expect(standIn.applicationMenu).toBeUndefined();
    expect(standIn.window.webContents.loads).toEqual(['http://localhost:5173/']);
    expect(standIn.app.getPath('userData')).toBe(profile);
  });

  it('installed, ignores the dev switches and has no Reload or DevTools', async () => {
    const standIn = await start({
      isPackaged: true,
      env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/', NOLAPSE_USER_DATA: '/tmp/other' },
    });
    expect(standIn.window.webContents.loads).toEqual([APP_PAGE]);
    expect(standIn.log).not.toContain('setPath userData');
    expect(standIn.window.webPreferences.devTools).toBe(false);
    const roles = rolesOf(standIn.applicationMenu!.template);
    expect(roles).toContain('quit');
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forceReload');
    expect(roles).not.toContain('toggleDevTools');
  });

  it('sets the AppUserModelID on Windows so its toasts show', async () => {
    const platform = process.platform;
    Object.defineProperty(process, 'platform', { value: 'win32' });
    try {
      const standIn = await start();
      expect(standIn.app.appUserModelId).toBe('app.nolapse.desktop');
    } finally {
      Object.defineProperty(process, 'platform', { value: platform });
    }
    expect((await start()).app.appUserModelId).toBeNull();
  });

  it('quits at once when another instance is already running', async () => {
    const standIn = await start({ singleInstance: false });
    expect(standIn.app.hasQuit).toBe(true);
    expect(standIn.ipcHandlers.size).toBe(0);
  });

  it('ticks at start-up once the page has loaded, and again after a reload', async () => {
    const standIn = await start();
    const { webContents } = standIn.window;
    expect(webContents.sentOn('tick')).toEqual([]);
    webContents.finishLoad();
    expect(webContents.sentOn('tick')).toEqual([{ reason: 'startup', at: START.toISOString() }]);
    expect(webContents.sentOn('pauseChanged')).toEqual([{ until: null }]);
    webContents.finishLoad();
    expect(webContents.sentOn('tick')).toHaveLength(2);
  });
});

/** Valid arguments for each channel and what main does with them. */
const VALID: Record<InvokeChannel, unknown[]> = {
  info: [],
  notify: [
    {
      id: 'evt:ren_1:T30:2026-07-15',
      title: 'Permit due',
      body: 'In 30 days',
      route: '/renewals/ren_1',
    },
  ],
  setBadge: [{ mine: 2, office: 5 }],
  setDailyRefreshTime: ['06:30'],
  setOfficeTimeZone: ['Europe/Istanbul'],
  // Nothing listens on the discard port: the webhook's answer is its network error.
  postWebhook: [
    {
      url: 'http://127.0.0.1:9/',
      body: '{}',
      timeoutMs: 1000,
      idempotencyKey: 'ar:pol_1:T1:create:2026-01-01T00:00:00.000Z:1',
      allowedHosts: ['127.0.0.1'],
    },
  ],
  wakeAt: [null],
  setJobRunning: [false],
  writeDailyBackup: [{ day: '2026-06-15', snapshot: '{"format":"nolapse-backup","version":1}' }],
  backupStatus: [],
  setBackupsKept: [3],
};

describe('main process IPC', () => {
  it('registers exactly the contract’s channels', async () => {
    const standIn = await start();
    expect([...standIn.ipcHandlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  for (const channel of INVOKE_CHANNELS) {
    it(`answers ${channel} from our page and refuses it from any other sender or frame`, async () => {
      const standIn = await started();
      const { webContents } = standIn.window;
      const other = new FakeWebContents();
      other.mainFrame.url = APP_PAGE;
      const refusals = [
        [other.ipcEvent(), /did not come from the NoLapse window/],
        [
          webContents.ipcEvent({ url: APP_PAGE, parent: webContents.mainFrame }),
          /a frame inside the page/,
        ],
        [
          webContents.ipcEvent({ url: 'https://evil.example/', parent: null }),
          /came from https:\/\/evil\.example/,
        ],
        [{ sender: { id: webContents.id }, senderFrame: null }, /the frame that sent it is gone/],
      ] as const;
      for (const [event, reason] of refusals)
        await expect(standIn.invoke(channel, event, ...VALID[channel])).rejects.toThrow(reason);
      await expect(
        standIn.invoke(channel, webContents.ipcEvent(), ...VALID[channel]),
      ).resolves.not.toThrow();
    });
  }

  it('does what each channel says', async () => {
    const standIn = await started();
    const { webContents } = standIn.window;
    const call = (channel: InvokeChannel, ...args: unknown[]) =>
      standIn.invoke(channel, webContents.ipcEvent(), ...args);
    expect(await call('info')).toEqual({ kind: 'electron', hasTray: true });
    await call('setBadge', { mine: 2, office: 5 });
    expect(standIn.app.badgeCount).toBe(2);
    expect(standIn.tray.tooltip).toBe('NoLapse — 2 overdue or urgent for you, 5 in the office');
    expect(standIn.tray.item('office-count')?.label).toBe('Office: 5 overdue or urgent');
    expect(await call('postWebhook', ...VALID.postWebhook)).toEqual({ error: expect.any(String) });
    const written = await call('writeDailyBackup', ...VALID.writeDailyBackup);
    expect(written).toEqual({ ok: true, fileName: 'nolapse-backup-2026-06-15.json', removed: [] });
    const backupFile = join(
      standIn.app.getPath('userData'),
      'backups',
      'nolapse-backup-2026-06-15.json',
    );
    expect(readFileSync(backupFile, 'utf8')).toBe('{"format":"nolapse-backup","version":1}');
    expect(await call('backupStatus')).toMatchObject({
      daily: true,
      folder: join(standIn.app.getPath('userData'), 'backups'),
      keep: 7,
      backups: [expect.objectContaining({ day: '2026-06-15' })],
    });
    expect(await call('setBackupsKept', 3)).toMatchObject({ keep: 3 });
    await expect(call('setBackupsKept', 0)).rejects.toThrow(/keep at least 1 backup/);
    // The renderer's earliest trigger: the clock ticks 'trigger' at it.
    await call('wakeAt', '2026-06-15T09:30:00.000Z');
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(webContents.sentOn('tick').at(-1)).toEqual({
      reason: 'trigger',
      at: '2026-06-15T09:30:00.000Z',
    });
  });

  it('refuses out-of-range input from our own page before any work', async () => {
    const standIn = await started();
    const event = standIn.window.webContents.ipcEvent();
    await expect(standIn.invoke('setBadge', event, { mine: -1, office: 0 })).rejects.toThrow(
      /nolapse\.setBadge\(\) was called with invalid input/,
    );
    await expect(
      standIn.invoke('writeDailyBackup', event, { day: '../../x', snapshot: '{}' }),
    ).rejects.toThrow(/argument 1 \(day\)/);
    expect(existsSync(join(standIn.app.getPath('userData'), 'backups'))).toBe(false);
    expect(standIn.app.badgeCount).toBe(0);
  });
});

describe('tray, notifications and lifecycle', () => {
  it('opens the window, the queue, refreshes and pauses from the tray menu', async () => {
    const standIn = await started();
    const { window, tray } = standIn;
    const { webContents } = window;
    tray.click('open');
    expect(window.visible).toBe(true);
    window.hide();
    tray.click('office-count');
    expect(window.visible).toBe(true);
    expect(webContents.sentOn('navigate')).toEqual(['/queue']);
    tray.click('refresh-now');
    expect(webContents.sentOn('tick').at(-1)).toEqual({
      reason: 'manual',
      at: START.toISOString(),
    });

    expect(tray.item('resume')?.enabled).toBe(false);
    tray.click('pause-1h');
    expect(webContents.sentOn('pauseChanged').at(-1)).toEqual({
      until: '2026-06-15T10:00:00.000Z',
    });
    expect(tray.item('pause')?.label).toMatch(/^Reminders paused until \d\d:\d\d$/);
    tray.click('resume');
    expect(webContents.sentOn('pauseChanged').at(-1)).toEqual({ until: null });
    tray.click('pause-tomorrow');
    expect(webContents.sentOn('pauseChanged').at(-1)).not.toEqual({ until: null });
    // A left click on the icon opens the app on Windows and Linux.
    window.hide();
    tray.emit('click');
    expect(window.visible).toBe(process.platform !== 'darwin');
  });

  it('shows a notification once, not while paused, and opens its route when clicked', async () => {
    const standIn = await started();
    const { window, tray } = standIn;
    const notify = (id: string) =>
      standIn.invoke('notify', window.webContents.ipcEvent(), {
        ...(VALID.notify[0] as object),
        id,
      });
    await notify('evt:1');
    await notify('evt:1');
    expect(standIn.notifications).toHaveLength(1);
    expect(standIn.notifications[0]!.options).toEqual({
      title: 'Permit due',
      body: 'In 30 days',
      icon: '/nolapse/build/icon.png',
    });
    standIn.notifications[0]!.emit('click');
    expect(window.visible).toBe(true);
    expect(window.webContents.sentOn('navigate')).toEqual(['/renewals/ren_1']);

    tray.click('pause-1h');
    await notify('evt:2');
    expect(standIn.notifications).toHaveLength(1);
  });

  it('shows the window for a second instance, and hides it on close', async () => {
    const standIn = await started();
    const { window } = standIn;
    window.minimize();
    standIn.app.emit('second-instance');
    expect(window.visible).toBe(true);
    expect(window.minimized).toBe(false);
    expect(window.close()).toBe(false);
    expect(window.visible).toBe(false);
    expect(window.isDestroyed()).toBe(false);
  });

  it('catches up on resume from sleep after the daily time passed', async () => {
    const standIn = await started();
    const { webContents } = standIn.window;
    standIn.tray.click('refresh-now');
    // Asleep for two days: no timer fires, the wall clock jumps.
    vi.setSystemTime(new Date('2026-06-17T12:00:00.000Z'));
    standIn.module.powerMonitor.emit('resume');
    expect(webContents.sentOn('tick').at(-1)).toEqual({
      reason: 'catch-up',
      at: '2026-06-17T12:00:00.000Z',
    });
  });

  it('quits from the tray: stops the clock, removes the tray and closes the window', async () => {
    const standIn = await started();
    standIn.tray.click('quit');
    expect(standIn.app.hasQuit).toBe(true);
    expect(standIn.tray.destroyed).toBe(true);
    expect(standIn.window.isDestroyed()).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('Quit waits for a running job to finish, and the tray says so', async () => {
    const standIn = await started();
    const event = standIn.window.webContents.ipcEvent();
    await standIn.invoke('setJobRunning', event, true);
    standIn.tray.click('quit');
    expect(standIn.app.hasQuit).toBe(false);
    expect(standIn.window.isDestroyed()).toBe(false);
    expect(standIn.tray.item('shell-status')?.label).toMatch(
      /^Quitting once the refresh finishes \(by \d\d:\d\d; Quit again to quit now\)$/,
    );
    await standIn.invoke('setJobRunning', event, false);
    expect(standIn.app.hasQuit).toBe(true);
  });

  it('Quit waits at most 30 seconds for a job', async () => {
    const standIn = await started();
    await standIn.invoke('setJobRunning', standIn.window.webContents.ipcEvent(), true);
    standIn.app.quit();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(standIn.app.hasQuit).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(standIn.app.hasQuit).toBe(true);
  });

  it('a second Quit while waiting quits at once', async () => {
    const standIn = await started();
    await standIn.invoke('setJobRunning', standIn.window.webContents.ipcEvent(), true);
    standIn.app.quit();
    standIn.app.quit();
    expect(standIn.app.hasQuit).toBe(true);
  });
});

describe('window recovery', () => {
  it('reloads a crashed page with backoff, says so in the tray, and ticks the new page', async () => {
    const standIn = await started();
    const { webContents } = standIn.window;
    await standIn.invoke('setJobRunning', webContents.ipcEvent(), true);
    webContents.emit('render-process-gone', new PreventableEvent(), {
      reason: 'crashed',
      exitCode: 1,
    });
    expect(standIn.tray.tooltip).toContain('The window crashed; restarting it');
    await vi.advanceTimersByTimeAsync(999);
    expect(webContents.loads).toEqual([APP_PAGE]);
    await vi.advanceTimersByTimeAsync(1);
    expect(webContents.loads).toEqual([APP_PAGE, APP_PAGE]);
    expect(standIn.tray.item('shell-status')?.label).toMatch(
      /^The window crashed and was restarted at \d\d:\d\d$/,
    );
    webContents.finishLoad();
    expect(webContents.sentOn('tick').at(-1)).toMatchObject({ reason: 'startup' });

    // It crashes again at once: the next restart waits twice as long.
    webContents.emit('render-process-gone', new PreventableEvent(), {
      reason: 'crashed',
      exitCode: 1,
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(webContents.loads).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(webContents.loads).toHaveLength(3);
    // The crashed page's job no longer holds Quit.
    standIn.app.quit();
    expect(standIn.app.hasQuit).toBe(true);
  });

  it('ends a page that hangs for 30 seconds and restarts it', async () => {
    const standIn = await started();
    const { window } = standIn;
    window.emit('unresponsive');
    expect(standIn.tray.item('shell-status')?.label).toMatch(/^The window is not responding/);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(window.webContents.forcedCrashes).toBe(1);
    window.webContents.emit('render-process-gone', new PreventableEvent(), {
      reason: 'killed',
      exitCode: 9,
    });
    expect(standIn.tray.tooltip).toContain('The window stopped responding; restarting it');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(window.webContents.loads).toEqual([APP_PAGE, APP_PAGE]);
  });

  it('leaves a page that answers again alone', async () => {
    const standIn = await started();
    standIn.window.emit('unresponsive');
    standIn.window.emit('responsive');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(standIn.window.webContents.forcedCrashes).toBe(0);
    expect(standIn.tray.item('shell-status')).toBeUndefined();
  });

  it('does not restart a page that ends because the app quits', async () => {
    const standIn = await started();
    standIn.app.quit();
    standIn.window.webContents.emit('render-process-gone', new PreventableEvent(), {
      reason: 'clean-exit',
      exitCode: 0,
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(standIn.window.webContents.loads).toEqual([APP_PAGE]);
  });
});
