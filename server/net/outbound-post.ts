import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import {
  contentTypeRefusal,
  IDEMPOTENCY_HEADER,
  isJsonContentType,
  MAX_WEBHOOK_REPLY_BYTES,
  redirectRefusal,
  resolvedAddressProblem,
  tooLargeRefusal,
  webhookUrlProblem,
} from '../../shared/policies/webhook-rules.js';
import type { WebhookResult } from '../../shared/policies/plugins.js';

/**
 * Resolves a host name to every address it has; the real one is the system resolver
 * (dns.lookup, as Node itself connects). Tests pass their own to play a hostile DNS.
 */
export type Resolve = (hostname: string, family: number) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname, family) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, family }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

export type OutboundPost = {
  url: string;
  /** JSON text, sent as application/json. */
  body: string;
  /** The whole exchange, the reply's body included: a server that drips its answer times out. */
  timeoutMs: number;
  /** Sent as the Idempotency-Key header; a retried call sends the same one. */
  idempotencyKey?: string;
  /** Hosts the office allows although they are private, loopback or link-local. */
  allowedHosts: readonly string[];
  /**
   * Plugins answer JSON, so a 2xx reply with a body must say application/json; chat services
   * answer 'ok' in plain text, so their calls leave this off.
   */
  expectJson: boolean;
  resolve?: Resolve;
};

/** A refusal by NoLapse's own rules, carried through the socket's error event. */
class Refusal extends Error {}

/**
 * POSTs JSON from Node (Electron's main process and the office server share this) under the
 * webhook rules of shared/policies/webhook-rules.ts: no redirect is followed; every address a
 * name resolves to is checked and the connection goes to the checked address (DNS rebinding
 * cannot slip past); at most 64 KiB of reply is read; one deadline covers the whole exchange; a
 * 2xx reply with a body must be JSON when `expectJson`. Never throws: a failure is a result.
 */
export function postOutbound(post: OutboundPost): Promise<WebhookResult> {
  let url: URL;
  try {
    url = new URL(post.url);
  } catch {
    return Promise.resolve({
      error: `The webhook address “${post.url}” is not a full http:// or https:// address.`,
      refused: true,
    });
  }
  const problem = webhookUrlProblem(url, post.allowedHosts);
  if (problem) return Promise.resolve({ error: problem, refused: true });
  const resolve = post.resolve ?? systemResolve;
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;

  // Node asks this for names only (address literals were checked above): one resolution per
  // connection, every address checked, and the socket connects to what was checked.
  const lookup: LookupFunction = (name, options, callback) => {
    const family =
      options.family === 'IPv6' ? 6 : options.family === 'IPv4' ? 4 : (options.family ?? 0);
    resolve(name, family).then(
      (addresses) => {
        const refusal = addresses
          .map((a) => resolvedAddressProblem(url.hostname, a.address, post.allowedHosts))
          .find((p) => p !== null);
        if (addresses.length === 0)
          callback(new Error(`The webhook host ${name} has no address.`), '', 4);
        else if (refusal) callback(new Refusal(refusal), '', 4);
        else if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };

  return new Promise<WebhookResult>((settle) => {
    try {
      start(settle);
    } catch (error) {
      settle({ error: (error as Error).message });
    }
  });

  function start(settle: (result: WebhookResult) => void) {
    let settled = false;
    const finish = (result: WebhookResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      req.destroy();
      settle(result);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      {
        protocol: url.protocol,
        hostname,
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        lookup,
        // A fresh connection per call: a pooled socket would skip the address check.
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(post.body),
          accept: 'application/json',
          'user-agent': 'NoLapse',
          connection: 'close',
          ...(post.idempotencyKey ? { [IDEMPOTENCY_HEADER]: post.idempotencyKey } : {}),
        },
      },
      (response) => read(response),
    );
    const deadline = setTimeout(() => finish({ error: 'timeout' }), post.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish(
        error instanceof Refusal
          ? { error: error.message, refused: true }
          : { error: error.code ? `${error.code} (${error.message})` : error.message },
      ),
    );

    function read(response: IncomingMessage) {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status <= 399) {
        const location = response.headers.location ?? null;
        let shown = location;
        try {
          if (location) shown = new URL(location, url).href;
        } catch {
          // An unreadable Location is shown as sent.
        }
        return finish({ error: redirectRefusal(status, shown), refused: true });
      }
      // Only a 2xx answer's body is used; for the rest the status says enough.
      if (status < 200 || status > 299) return finish({ status, body: '' });
      const declared = Number(response.headers['content-length'] ?? NaN);
      if (declared > MAX_WEBHOOK_REPLY_BYTES)
        return finish({ error: tooLargeRefusal(), refused: true });
      const contentType = response.headers['content-type'] ?? null;
      const json = !post.expectJson || isJsonContentType(contentType);
      const chunks: Buffer[] = [];
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (!json && bytes > 0)
          return finish({ error: contentTypeRefusal(contentType), refused: true });
        if (bytes > MAX_WEBHOOK_REPLY_BYTES)
          return finish({ error: tooLargeRefusal(), refused: true });
        chunks.push(chunk);
      });
      response.on('end', () => finish({ status, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', (error) => finish({ error: error.message }));
      response.on('close', () => {
        if (!response.complete) finish({ error: 'The webhook closed the connection mid-answer.' });
      });
    }

    req.end(post.body);
  }
}
