import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What one request brought to a test server: its headers and body. */
export type Received = {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
};

export type TestServer = {
  url: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
};

/**
 * A real HTTP server on 127.0.0.1 (an ephemeral port) that answers every request with
 * `answer`, after reading the request's body; it keeps what it was sent.
 */
export async function testServer(
  answer: (response: ServerResponse, request: Received) => void,
): Promise<TestServer> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const got = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      received.push(got);
      answer(res, got);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers 200 JSON with `body`. */
export const json =
  (body: unknown, status = 200) =>
  (res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

/**
 * Streams `totalBytes` of JSON-looking filler without a length, as fast as the client takes it;
 * `sent()` says how much went out before the client hung up.
 */
export function flood(totalBytes: number) {
  let written = 0;
  const answer = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let closed = false;
    res.on('close', () => (closed = true));
    const pump = () => {
      while (!closed && written < totalBytes) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!closed) res.end();
    };
    pump();
  };
  return { answer, sent: () => written };
}

/** Sends the headers at once, then one byte of the body every `everyMs` until the client leaves. */
export function drip(everyMs: number) {
  return (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{');
    const timer = setInterval(() => res.write(' '), everyMs);
    res.on('close', () => clearInterval(timer));
  };
}
