import type { ServerResponse } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import {
  drip,
  flood,
  json,
  testServer,
  type Received,
  type TestServer,
} from '../../server/net/hostile-servers.test-support';
import type { WebhookRequest, WebhookResponse } from '../../shared/ipc';

// The browser's webhook call (renderer/src/platform/post-json.ts, web mode without an office
// server), run in real Chromium against hostile servers on 127.0.0.1. The module is loaded from
// the dev server, which serves the renderer's sources as they are. The servers allow the page
// by CORS, as a webhook called from a browser must.
const devPort = Number(process.env.NOLAPSE_E2E_PORT ?? 4173) + 1;

let servers: TestServer[] = [];
test.afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** A hostile server that still lets the page call it (CORS, preflight included). */
async function serve(answer: (res: ServerResponse, got: Received) => void) {
  const server = await testServer((res, got) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'location');
    if (got.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type, idempotency-key',
      });
      return void res.end();
    }
    answer(res, got);
  });
  servers.push(server);
  return server;
}

const posts = (server: TestServer) => server.received.filter((r) => r.method === 'POST');

async function postFromPage(page: Page, request: Partial<WebhookRequest> & { url: string }) {
  const full: WebhookRequest = {
    body: '{"renewalEvent":"create"}',
    timeoutMs: 5_000,
    idempotencyKey: 'ar:pol_1:T1:create:2026-11-02T00:00:00.000Z:1',
    allowedHosts: ['127.0.0.1'],
    ...request,
  };
  return page.evaluate(
    async ({ call, path }) => {
      const module = (await import(/* @vite-ignore */ path)) as {
        postJson(r: typeof call): Promise<unknown>;
      };
      return module.postJson(call);
    },
    { call: full, path: '/src/platform/post-json.ts' },
  ) as Promise<WebhookResponse>;
}

test.describe('the browser’s webhook call in Chromium', () => {
  // One page for all: loading the dev server's sources once is most of the time spent.
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${devPort}/#/queue`);
    await expect(page.getByRole('heading', { name: 'Renewals queue' })).toBeVisible({
      timeout: 30_000,
    });
  });
  test.afterAll(() => page.close());

  test('posts JSON with its Idempotency-Key to an allow-listed host', async () => {
    const hook = await serve(json({ newTermDuration: 6 }));
    expect(await postFromPage(page, { url: hook.url })).toEqual({
      status: 200,
      body: '{"newTermDuration":6}',
    });
    expect(posts(hook)[0]?.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': 'ar:pol_1:T1:create:2026-11-02T00:00:00.000Z:1',
    });
  });

  test('refuses private, loopback and link-local addresses and local names unless allowed', async () => {
    const hook = await serve(json({}));
    for (const url of [
      hook.url,
      hook.url.replace('127.0.0.1', 'localhost'),
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.5/hook',
      'http://[::1]/hook',
    ]) {
      const result = await postFromPage(page, { url, allowedHosts: [] });
      expect(result, url).toMatchObject({ refused: true });
    }
    expect(hook.received).toHaveLength(0);
  });

  test('refuses a 307 redirect to another host without following it', async () => {
    const other = await serve(json({ autoRenewalState: 'discarded' }));
    const hook = await serve((res) =>
      res.writeHead(307, { location: `http://localhost:${other.port}/hook` }).end(),
    );
    expect(await postFromPage(page, { url: hook.url })).toEqual({
      error:
        'The webhook answered with a redirect; NoLapse does not follow redirects. Enter the final address in the plan.',
      refused: true,
    });
    expect(posts(other)).toHaveLength(0);
  });

  test('stops reading a 200 MB answer past 64 KiB', async () => {
    // Chromium's network service reads ahead of the page into its own buffers, and over loopback
    // on a busy 2-core machine it once took all of a 50 MB flood before the page's cancel reached
    // it (a flaky CI run). 200 MB is far past anything it buffers, so "sent less than all" still
    // proves the page hung up, without depending on how fast the reader was that run.
    const total = 200 * 1024 * 1024;
    const big = flood(total);
    const hook = await serve(big.answer);
    expect(await postFromPage(page, { url: hook.url })).toMatchObject({
      refused: true,
      error: expect.stringContaining('larger than 64 KiB'),
    });
    expect(big.sent()).toBeLessThan(total);
  });

  test('gives up on a slow drip at the deadline', async () => {
    const hook = await serve(drip(20));
    expect(await postFromPage(page, { url: hook.url, timeoutMs: 500 })).toEqual({
      error: 'timeout',
    });
  });

  test('refuses a 2xx answer that is not JSON, and takes an empty one', async () => {
    const html = await serve((res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('{"autoRenewalState":"discarded"}'),
    );
    expect(await postFromPage(page, { url: html.url })).toMatchObject({
      refused: true,
      error: expect.stringContaining('content type text/html'),
    });
    const empty = await serve((res) => res.writeHead(204).end());
    expect(await postFromPage(page, { url: empty.url })).toEqual({ status: 204, body: '' });
  });
});
