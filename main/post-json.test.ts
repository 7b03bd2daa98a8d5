import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postJson } from './post-json';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/hook`),
    ),
  );
}

describe('postJson from the main process', () => {
  it('posts the JSON body and returns the status and reply', async () => {
    const url = await listen((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ echoed: JSON.parse(body), type: req.headers['content-type'] }));
      });
    });
    const reply = await postJson({ url, body: '{"renewalEvent":"create"}', timeoutMs: 2000 });
    expect(reply).toEqual({
      status: 200,
      body: '{"echoed":{"renewalEvent":"create"},"type":"application/json"}',
    });
  });

  it('gives up after the timeout and says so instead of throwing', async () => {
    const url = await listen((_req, res) => setTimeout(() => res.end('{}'), 1500));
    expect(await postJson({ url, body: '{}', timeoutMs: 200 })).toEqual({ error: 'timeout' });
  });

  it('reports a refused connection as an error result', async () => {
    const url = await listen((_req, res) => res.end());
    await new Promise<void>((done) => server!.close(() => done()));
    server = undefined;
    const reply = await postJson({ url, body: '{}', timeoutMs: 2000 });
    expect(reply).toMatchObject({ error: expect.stringMatching(/ECONNREFUSED|fetch failed/) });
  });
});
