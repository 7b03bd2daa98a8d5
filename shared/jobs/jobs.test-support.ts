import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Notice } from '../notice.js';
import type { WebhookResult } from '../policies/plugins.js';
import { createMemoryStore } from './memory-store.js';
import { inProcessLock, type DevicePort, type JobPorts, type WebhookCall } from './ports.js';
import { createJobs } from './runner.js';
import type { StorePort } from './store.js';

/** Opens a fresh store for one test and closes it afterwards. */
export type StoreFactory = () => Promise<{ store: StorePort; close(): Promise<void> }>;

export const memoryStores: StoreFactory = async () => ({
  store: createMemoryStore(),
  close: async () => undefined,
});

/** The same, with a change feed: the jobs read what changed instead of look-back windows. */
export const memoryFeedStores: StoreFactory = async () => ({
  store: createMemoryStore({ changes: true }),
  close: async () => undefined,
});

/** POSTs a webhook over real HTTP with fetch and a timeout, as the platform adapters do. */
export async function postOverHttp(call: WebhookCall): Promise<WebhookResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), call.timeoutMs);
  try {
    const response = await fetch(call.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: call.body,
      signal: controller.signal,
    });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    if (controller.signal.aborted) return { error: 'timeout' };
    return { error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** A shared office desktop: nobody in particular uses it, no office server. */
export const sharedDevice: DevicePort = { me: () => null };

/**
 * Ports for a test: the given store, an effects port that records what would reach the tray
 * (no tray exists in Node), real HTTP for webhooks, and counting ids. The jobs run as on a
 * shared desktop unless `device` says otherwise (null: as on the server, no device).
 */
export function testJobs(
  store: StorePort,
  options: {
    timeZone?: string;
    idPrefix?: string;
    shown?: Notice[];
    device?: DevicePort | null;
  } = {},
) {
  const shown: Notice[] = options.shown ?? [];
  const webhookCalls: WebhookCall[] = [];
  let ids = 0;
  const ports: JobPorts = {
    store,
    effects: {
      show: async (notice) => void shown.push(notice),
      postWebhook: async (call) => {
        webhookCalls.push(call);
        return postOverHttp(call);
      },
    },
    newId: (prefix) => `${prefix}_${options.idPrefix ?? ''}${++ids}`,
    lock: inProcessLock(),
    defaultTimeZone: options.timeZone ?? 'UTC',
    ...(options.device === null ? {} : { device: options.device ?? sharedDevice }),
  };
  return { ports, jobs: createJobs(ports), shown, webhookCalls };
}

/** A real HTTP server on 127.0.0.1 (ephemeral port) answering with `handler`. */
export async function webhookServer(
  handler: (request: IncomingMessage, body: string, response: ServerResponse) => void,
): Promise<{ url: string; bodies: string[]; close(): Promise<void> }> {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(body);
      handler(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A tick of the scheduler clock at 09:00 UTC on `date`. */
export const tickAt = (date: string, time = '09:00') => ({
  reason: 'daily' as const,
  at: `${date}T${time}:00.000Z`,
});
