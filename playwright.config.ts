import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Chromium: NOLAPSE_CHROMIUM if set, Debian's /usr/bin/chromium when present, else Playwright's
 * own browser (a normal machine after `npx playwright install chromium`).
 */
const executablePath =
  process.env.NOLAPSE_CHROMIUM ??
  (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Where the preview and dev servers listen; set NOLAPSE_E2E_PORT to run two suites side by side. */
const port = Number(process.env.NOLAPSE_E2E_PORT ?? 4173);

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1360, height: 860 },
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: `npx vite preview --config vite.web.config.ts --host 127.0.0.1 --port ${port} --strictPort`,
      url: `http://127.0.0.1:${port}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // `npm run web`'s dev server, so the README's command is tested too (dev-server.spec.ts).
      command: `npx vite --config vite.web.config.ts --host 127.0.0.1 --port ${port + 1} --strictPort`,
      url: `http://127.0.0.1:${port + 1}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
  projects: [
    { name: 'web', testDir: 'e2e/web' },
    { name: 'electron', testDir: 'e2e/electron' },
  ],
});
