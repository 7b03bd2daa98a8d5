import { afterEach, describe, expect, it } from 'vitest';
import { postOutbound, type OutboundPost, type Resolve } from './outbound-post.js';
import { drip, flood, json, testServer, type TestServer } from './hostile-servers.test-support.js';

// Hostile webhook servers, real ones on 127.0.0.1. The loopback server is itself a private
// target, so every test but the one about private addresses allow-lists 127.0.0.1 and proves
// one other rule.
const LOOPBACK = ['127.0.0.1'];

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

const call = (url: string, extra: Partial<OutboundPost> = {}) =>
  postOutbound({
    url,
    body: '{"renewalEvent":"create"}',
    timeoutMs: 5_000,
    allowedHosts: LOOPBACK,
    expectJson: true,
    ...extra,
  });

describe('postOutbound, the webhook call of main and the office server', () => {
  it('posts the JSON with its idempotency key and returns the reply', async () => {
    const hook = await serve(json({ newTermDuration: 6 }));
    expect(
      await call(hook.url, { idempotencyKey: 'ar:pol_1:T1:create:2026-11-02T00:00:00.000Z:1' }),
    ).toEqual({
      status: 200,
      body: '{"newTermDuration":6}',
    });
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]).toMatchObject({
      method: 'POST',
      path: '/hook',
      body: '{"renewalEvent":"create"}',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': 'ar:pol_1:T1:create:2026-11-02T00:00:00.000Z:1',
      },
    });
  });

  it('refuses a private address it was not allowed, and sends it nothing', async () => {
    const hook = await serve(json({}));
    expect(await call(hook.url, { allowedHosts: [] })).toEqual({
      error:
        'The webhook host 127.0.0.1 is a loopback address (the computer making the call). NoLapse calls only public internet addresses unless the office allows the host in Settings, under “Allowed private webhook hosts”.',
      refused: true,
    });
    expect(
      await call(hook.url.replace('127.0.0.1', '[::ffff:127.0.0.1]'), { allowedHosts: [] }),
    ).toMatchObject({ refused: true, error: expect.stringContaining('loopback') });
    expect(
      await call(hook.url.replace('127.0.0.1', 'localhost'), { allowedHosts: [] }),
    ).toMatchObject({ refused: true, error: expect.stringContaining('local network name') });
    // Other spellings of 127.0.0.1 are read as the address they are.
    for (const host of ['2130706433', '0x7f.1', '127.1'])
      expect(
        await call(hook.url.replace('127.0.0.1', host), { allowedHosts: [] }),
        host,
      ).toMatchObject({ refused: true, error: expect.stringContaining('127.0.0.1 is a loopback') });
    expect(hook.received).toHaveLength(0);
  });

  it('checks what a name resolves to, and connects to the very address it checked', async () => {
    const hook = await serve(json({}));
    const lookups: string[] = [];
    const resolve: Resolve = async (name) => {
      lookups.push(name);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const named = hook.url.replace('127.0.0.1', 'hooks.agency.example');
    expect(await call(named, { allowedHosts: [], resolve })).toEqual({
      error:
        'The webhook host hooks.agency.example resolves to 127.0.0.1, a loopback address (the computer making the call). NoLapse calls only public internet addresses unless the office allows the host in Settings, under “Allowed private webhook hosts”.',
      refused: true,
    });
    expect(hook.received).toHaveLength(0);

    // Allowed by name: the request reaches the address the one lookup gave, under the name.
    expect(await call(named, { allowedHosts: ['hooks.agency.example'], resolve })).toEqual({
      status: 200,
      body: '{}',
    });
    expect(lookups).toEqual(['hooks.agency.example', 'hooks.agency.example']);
    expect(hook.received[0]?.headers.host).toBe(`hooks.agency.example:${hook.port}`);
  });

  it('refuses a name with any private address among its public ones (DNS rebinding)', async () => {
    const hook = await serve(json({}));
    const resolve: Resolve = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '169.254.169.254', family: 4 },
    ];
    expect(await call('http://rebind.example/hook', { allowedHosts: [], resolve })).toMatchObject({
      refused: true,
      error: expect.stringContaining('resolves to 169.254.169.254, a link-local address'),
    });
    expect(hook.received).toHaveLength(0);
  });

  it('refuses a 307 redirect to another host without following it', async () => {
    const elsewhere = await serve(json({ autoRenewalState: 'discarded' }));
    const hook = await serve((res) => {
      res.writeHead(307, { location: elsewhere.url.replace('127.0.0.1', 'localhost') });
      res.end();
    });
    expect(await call(hook.url)).toEqual({
      error: `The webhook answered HTTP 307, a redirect to ${elsewhere.url.replace('127.0.0.1', 'localhost')}; NoLapse does not follow redirects. Enter the final address in the plan.`,
      refused: true,
    });
    expect(hook.received).toHaveLength(1);
    expect(elsewhere.received).toHaveLength(0);
  });

  it('stops reading a 50 MB answer at 64 KiB and refuses it', async () => {
    const big = flood(50 * 1024 * 1024);
    const hook = await serve(big.answer);
    expect(await call(hook.url)).toEqual({
      error:
        "The webhook's answer is larger than 64 KiB, the most NoLapse reads; it was not used. Answer with only the fields to change.",
      refused: true,
    });
    // The connection was dropped early: the server could not push anywhere near 50 MB.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(big.sent()).toBeLessThan(10 * 1024 * 1024);
  });

  it('refuses an answer that declares more than 64 KiB before reading it', async () => {
    const hook = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 52_428_800 });
      res.write('{');
    });
    expect(await call(hook.url)).toMatchObject({
      refused: true,
      error: expect.stringContaining('larger than 64 KiB'),
    });
  });

  it('gives up on a slow drip at the deadline, body included', async () => {
    const hook = await serve(drip(20));
    expect(await call(hook.url, { timeoutMs: 300 })).toEqual({ error: 'timeout' });
  });

  it('refuses a 2xx answer that is not declared as JSON, but takes an empty one', async () => {
    const html = await serve((res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('{"autoRenewalState":"discarded"}');
    });
    expect(await call(html.url)).toEqual({
      error:
        'The webhook answered with content type text/html; NoLapse needs application/json (or an empty body for "no changes").',
      refused: true,
    });
    const empty = await serve((res) => res.writeHead(204).end());
    expect(await call(empty.url)).toEqual({ status: 204, body: '' });
    const plain = await serve((res) => res.writeHead(200, { 'content-type': 'text/plain' }).end());
    expect(await call(plain.url)).toEqual({ status: 200, body: '' });
  });

  it('takes a chat service’s plain-text "ok" when JSON is not expected', async () => {
    const chat = await serve((res) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
    );
    expect(await call(chat.url, { expectJson: false })).toEqual({ status: 200, body: 'ok' });
  });

  it('reports a failing status without reading its body, and a refused connection', async () => {
    const failing = await serve((res) =>
      res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>'),
    );
    expect(await call(failing.url)).toEqual({ status: 500, body: '' });
    await failing.close();
    servers = servers.filter((s) => s !== failing);
    expect(await call(failing.url)).toMatchObject({
      error: expect.stringMatching(/^ECONNREFUSED/),
    });
  });

  it('refuses what is not an http(s) address', async () => {
    expect(await call('ftp://files.example/hook')).toEqual({
      error: 'The webhook address must start with https:// or http://, not ftp://.',
      refused: true,
    });
    expect(await call('not a url')).toMatchObject({ refused: true });
  });
});
