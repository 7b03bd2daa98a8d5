import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import { pgliteForTest } from '../../server/db/test-databases.test-support';
import {
  creating,
  customer,
  syncClient,
  syncTestServer,
  testOffice,
} from '../../server/http/sync.test-support';

type SyncCheck = {
  start(token: string): Promise<void>;
  names(): Promise<string[]>;
  add(id: string, name: string): Promise<void>;
  errors(): string[];
};
declare const syncCheck: SyncCheck;

const entry = fileURLToPath(
  new URL('../../renderer/src/sync/in-browser.test-support.ts', import.meta.url),
);

// The devices' sync client in real Chromium: fetch streaming for the change stream (no
// EventSource: it cannot send the token), the browser's IndexedDB, a real office server.
test('the sync client replicates both ways in Chromium, live through the change stream', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const db = await pgliteForTest();
  const server = await syncTestServer(db);
  try {
    const office = await testOffice(db, 'Ikamet Istanbul');
    const bundle = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    // The page is served on the server's own origin, as the office server serves the web app.
    await page.route(`${server.url}/sync-check`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><title>Sync check</title><script src="/sync-check.js"></script>',
      }),
    );
    await page.route(`${server.url}/sync-check.js`, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: bundle.outputFiles[0]!.text }),
    );
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/sync-check`);
    await page.waitForFunction(() => typeof syncCheck === 'object');
    await page.evaluate((token) => syncCheck.start(token), office.token);

    // Another device writes: the browser hears of it on its stream and pulls it.
    await syncClient(server.url, office.token).push('customers', [
      creating(
        customer('c-1', {
          name: 'Ayşe Yılmaz',
          assigneeId: 'ayse',
          permits: [],
          createdAt: '2025-03-01T09:00:00.000Z',
        }),
      ),
    ]);
    await expect.poll(() => page.evaluate(() => syncCheck.names())).toEqual(['Ayşe Yılmaz']);

    // The browser writes: the server holds it.
    await page.evaluate(() => syncCheck.add('c-2', 'Kemal Öztürk'));
    const { documents } = await syncClient(server.url, office.token).pullAll('customers');
    expect(documents.map((d) => d.name)).toEqual(['Ayşe Yılmaz', 'Kemal Öztürk']);

    expect(await page.evaluate(() => syncCheck.errors())).toEqual([]);
    expect(pageErrors).toEqual([]);
  } finally {
    await page.close();
    await server.close();
    await db.close();
  }
});
