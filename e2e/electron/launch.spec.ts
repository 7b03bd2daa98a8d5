import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../shared/ipc';

const require = createRequire(import.meta.url);
const MISSING =
  'Electron binary not installed: run `npx electron --version` on a machine with network access to download it';
/** Exactly the contract: one method per invoke channel and one subscriber per event channel. */
const PLATFORM_API_METHODS = [
  ...INVOKE_CHANNELS,
  ...EVENT_CHANNELS.map((channel) => `on${channel[0]!.toUpperCase()}${channel.slice(1)}`),
].sort();

/**
 * The Electron binary's path, or null when it is not installed. `require('electron')` downloads
 * a missing binary, so it is only called once the files it points to are known to exist.
 */
function electronBinary(): string | null {
  try {
    const packageDir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
    if (!existsSync(join(distDir, readFileSync(pathFile, 'utf8')))) return null;
    const binary = require('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const executablePath = electronBinary();
// The list reporter shows a skipped test's title but not why, so say it once here.
if (executablePath === null && !process.env.TEST_WORKER_INDEX)
  console.warn(`Skipping Electron specs: ${MISSING}`);

test.describe('Electron shell', () => {
  test.skip(executablePath === null, MISSING);

  test('opens one NoLapse window that exposes only the platform API', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'nolapse-e2e-'));
    const app = await electron.launch({
      executablePath: executablePath!,
      args: [resolve('out/main/index.js')],
      env: { ...process.env, NOLAPSE_USER_DATA: userData },
    });
    try {
      const page = await app.firstWindow();
      const windowTitle = await app.evaluate(
        ({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle() ?? '',
      );
      expect(windowTitle).toContain('NoLapse');

      const exposed = await page.evaluate(() => {
        const api = (globalThis as { nolapse?: Record<string, unknown> }).nolapse;
        return {
          methods: api
            ? Object.keys(api)
                .filter((key) => typeof api[key] === 'function')
                .sort()
            : null,
          hasRequire: typeof (globalThis as { require?: unknown }).require !== 'undefined',
          hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
        };
      });
      expect(exposed.methods).toHaveLength(14);
      expect(exposed.methods).toEqual(PLATFORM_API_METHODS);
      expect(exposed.hasRequire).toBe(false);
      expect(exposed.hasProcess).toBe(false);

      const info = await page.evaluate(() =>
        (globalThis as unknown as { nolapse: { info(): Promise<unknown> } }).nolapse.info(),
      );
      expect(info).toEqual({ kind: 'electron', hasTray: true });

      // Served from app://, a secure origin of its own, under the production CSP; the app opens
      // its database there (the queue renders).
      const origin = await page.evaluate(() => {
        const g = globalThis as unknown as {
          location: { href: string; origin: string };
          isSecureContext: boolean;
          navigator: { locks?: unknown };
        };
        let evalRefused = false;
        try {
          (0, eval)('1');
        } catch {
          evalRefused = true;
        }
        return {
          href: g.location.href,
          origin: g.location.origin,
          secure: g.isSecureContext,
          locks: g.navigator.locks !== undefined,
          evalRefused,
        };
      });
      expect(origin).toMatchObject({
        origin: 'app://nolapse',
        secure: true,
        locks: true,
        evalRefused: true,
      });
      expect(origin.href).toMatch(/^app:\/\/nolapse\/index\.html/);
      await expect(page.getByRole('heading', { name: 'Renewals queue' })).toBeVisible();

      // The daily backup status comes from main, with the folder in this test profile.
      const status = await page.evaluate(() =>
        (
          globalThis as unknown as { nolapse: { backupStatus(): Promise<{ folder: string }> } }
        ).nolapse.backupStatus(),
      );
      expect(status.folder).toBe(join(userData, 'backups'));

      // An office server on plain http (the office network) is reachable from the secure
      // app:// page: the CSP allows http:, and Chromium restricts mixed content only on https.
      const office = createServer((_req, res) => {
        res.writeHead(200, {
          'content-type': 'application/json',
          'access-control-allow-origin': '*',
        });
        res.end('{"nolapse":"office-server"}');
      });
      await new Promise<void>((done) => office.listen(0, '127.0.0.1', done));
      try {
        const { port } = office.address() as AddressInfo;
        const answer = await page.evaluate(
          (url) =>
            (globalThis as unknown as { fetch(url: string): Promise<{ text(): Promise<string> }> })
              .fetch(url)
              .then((response) => response.text()),
          `http://127.0.0.1:${port}/api/server`,
        );
        expect(answer).toBe('{"nolapse":"office-server"}');
      } finally {
        office.close();
      }
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
