import { afterEach, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from '../net/hostile-servers.test-support.js';
import { postChatMessage } from './sender.js';

// Staff chat webhooks ({"text": …} to Slack- or Teams-style URLs) follow the plugins' target
// rules; real servers on 127.0.0.1, allow-listed except where the rule under test says not.
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
const BODY = '{"text":"Renewal due in 7 days"}';

describe('postChatMessage', () => {
  it('posts the message with the outbox id as its Idempotency-Key and takes a plain "ok"', async () => {
    const chat = await serve((res) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
    );
    await postChatMessage(chat.url, BODY, {
      allowedHosts: ['127.0.0.1'],
      idempotencyKey: 'hook:evt_1:deniz',
    });
    expect(chat.received[0]).toMatchObject({
      body: BODY,
      headers: { 'idempotency-key': 'hook:evt_1:deniz', 'content-type': 'application/json' },
    });
  });

  it('refuses a private address the office did not allow, so the outbox keeps the reason', async () => {
    const chat = await serve((res) => res.end('ok'));
    await expect(
      postChatMessage(chat.url, BODY, { allowedHosts: [], idempotencyKey: 'hook:evt_1:deniz' }),
    ).rejects.toThrow('The webhook host 127.0.0.1 is a loopback address');
    expect(chat.received).toHaveLength(0);
  });

  it('refuses a redirect and fails on a non-2xx answer', async () => {
    const moved = await serve((res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest' }).end(),
    );
    await expect(
      postChatMessage(moved.url, BODY, { allowedHosts: ['127.0.0.1'], idempotencyKey: 'k' }),
    ).rejects.toThrow(
      'The webhook answered HTTP 302, a redirect to http://169.254.169.254/latest; NoLapse does not follow redirects.',
    );
    const down = await serve((res) => res.writeHead(503).end());
    await expect(
      postChatMessage(down.url, BODY, { allowedHosts: ['127.0.0.1'], idempotencyKey: 'k' }),
    ).rejects.toThrow('The webhook answered 503.');
  });
});
