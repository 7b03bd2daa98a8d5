import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../shared/ipc';
import {
  drip,
  flood,
  json,
  testServer,
  type TestServer,
} from '../server/net/hostile-servers.test-support';
import { postJson } from './post-json';

// The main process's webhook call against hostile servers on 127.0.0.1 (a real node:http server;
// Electron's main is Node, so this runs the module main bundles). 127.0.0.1 is allow-listed in
// every test but the one about private addresses, so each proves one other rule.
let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function serve(answer: Parameters<typeof testServer>[0]) {
  const server = await testServer(answer);
  servers.push(server);
  return server;
}

const request = (url: string, extra: Partial<WebhookRequest> = {}): WebhookRequest => ({
  url,
  body: '{"renewalEvent":"create"}',
  timeoutMs: 5_000,
  idempotencyKey: 'ar:pol_1:T1:create:2026-11-02T00:00:00.000Z:1',
  allowedHosts: ['127.0.0.1'],
  ...extra,
});

describe('postJson from the main process', () => {
  it('posts the JSON with its Idempotency-Key and returns the status and reply', async () => {
    const hook = await serve(json({ echoed: true }));
    expect(await postJson(request(hook.url))).toEqual({ status: 200, body: '{"echoed":true}' });
    expect(hook.received[0]?.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': 'ar:pol_1:T1:create:2026-11-02T00:00:00.000Z:1',
    });
    expect(hook.received[0]?.body).toBe('{"renewalEvent":"create"}');
  });

  it('refuses the loopback address unless the office allow-listed it', async () => {
    const hook = await serve(json({}));
    expect(await postJson(request(hook.url, { allowedHosts: [] }))).toMatchObject({
      refused: true,
      error: expect.stringContaining('127.0.0.1 is a loopback address'),
    });
    expect(hook.received).toHaveLength(0);
  });

  it('refuses a 307 redirect to another host', async () => {
    const other = await serve(json({}));
    const hook = await serve((res) =>
      res.writeHead(307, { location: `http://localhost:${other.port}/hook` }).end(),
    );
    expect(await postJson(request(hook.url))).toMatchObject({
      refused: true,
      error: expect.stringContaining('HTTP 307, a redirect to http://localhost:'),
    });
    expect(other.received).toHaveLength(0);
  });

  it('refuses a 50 MB body after 64 KiB', async () => {
    const hook = await serve(flood(50 * 1024 * 1024).answer);
    expect(await postJson(request(hook.url))).toMatchObject({
      refused: true,
      error: expect.stringContaining('larger than 64 KiB'),
    });
  });

  it('times out on a slow drip', async () => {
    const hook = await serve(drip(20));
    expect(await postJson(request(hook.url, { timeoutMs: 300 }))).toEqual({ error: 'timeout' });
  });

  it('refuses a wrong content type', async () => {
    const hook = await serve((res) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end('{"newTermDuration":6}'),
    );
    expect(await postJson(request(hook.url))).toMatchObject({
      refused: true,
      error: expect.stringContaining('content type text/plain'),
    });
  });

  it('reports a refused connection as an error result', async () => {
    const hook = await serve((res) => res.end());
    await hook.close();
    servers = [];
    expect(await postJson(request(hook.url))).toMatchObject({
      error: expect.stringMatching(/ECONNREFUSED/),
    });
  });
});
