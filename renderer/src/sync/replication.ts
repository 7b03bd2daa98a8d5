import type { RxCollection, RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { filter, map, Observable, share } from 'rxjs';
import {
  MAX_BATCH,
  MAX_PUSH_BYTES,
  SCHEMA_HEADER,
  type Checkpoint,
  type OfficeStreamChange,
  type PullResponse,
  type PushResponse,
} from '../../../shared/sync/protocol';
import { serverSentEvents } from './server-sent-events';

export type ReplicationOptions = {
  /** The office server, e.g. 'https://nolapse.example-office.com'. */
  url: string;
  /** The device's bearer token, made by an office admin. */
  token: string;
  /** The collection's name on the server; the RxDB collection's own name when omitted. */
  collectionName?: string;
  /** Keep replicating and follow the server's stream (default), or sync once and stop. */
  live?: boolean;
  /** Records per pull and per push; at most MAX_BATCH (default 100). */
  batchSize?: number;
  /** How long to wait after a failed request or a dropped stream, in ms (default 5000). */
  retryTime?: number;
  /**
   * Where RxDB keeps this replication's checkpoints on the device (default: server URL and
   * collection). Give a new one when the device joins another office on the same server.
   */
  replicationIdentifier?: string;
  /** The fetch to use (default: the global one); the token travels in its Authorization header. */
  fetch?: typeof fetch;
  /** Where changes are announced when live (default: the collection's own stream). */
  stream$?: Observable<'RESYNC'>;
};

type Row<T> = RxReplicationWriteToMasterRow<T>;

/** A server refusal as an Error whose message is the server's own sentence. */
async function failure(response: Response, action: string): Promise<Error> {
  const body = (await response.json().catch(() => null)) as { message?: string } | null;
  return Object.assign(
    new Error(`${action} failed (${response.status}): ${body?.message ?? response.statusText}`),
    { status: response.status },
  );
}

const encoder = new TextEncoder();

/** Rows in pushes of at most MAX_BATCH rows and MAX_PUSH_BYTES of JSON, in order. */
export function pushBatches<R>(rows: readonly R[], maxBytes = MAX_PUSH_BYTES): R[][] {
  const batches: R[][] = [];
  let batch: R[] = [];
  let bytes = 2;
  for (const row of rows) {
    const size = encoder.encode(JSON.stringify(row)).length + 1;
    if (batch.length > 0 && (batch.length === MAX_BATCH || bytes + size > maxBytes)) {
      batches.push(batch);
      batch = [];
      bytes = 2;
    }
    batch.push(row);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** One event of a server's stream, or 'OPEN' each time the stream (re)connects. */
export type StreamEvent = { event: string; data: string } | 'OPEN';

/**
 * The Server-Sent Events of `endpoint`, read with fetch (EventSource cannot send the token),
 * with 'OPEN' on every (re)connection, so a subscriber can pull what was written while the
 * stream was down. It reconnects after `retryTime` until unsubscribed.
 */
export function serverEvents(
  endpoint: string,
  headers: Record<string, string>,
  options: { fetch: typeof fetch; retryTime: number },
): Observable<StreamEvent> {
  return new Observable<StreamEvent>((subscriber) => {
    const stop = new AbortController();
    const pause = () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.retryTime);
        stop.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), {
          once: true,
        });
      });
    void (async () => {
      while (!stop.signal.aborted) {
        try {
          const response = await options.fetch(endpoint, {
            headers: { ...headers, accept: 'text/event-stream' },
            signal: stop.signal,
            cache: 'no-store',
          });
          if (response.ok && response.body) {
            subscriber.next('OPEN');
            const reader = response.body.getReader();
            const decoder = new TextDecoder();
            const events = serverSentEvents();
            for (;;) {
              const chunk = await reader.read();
              if (chunk.done) break;
              for (const event of events.push(decoder.decode(chunk.value, { stream: true })))
                subscriber.next({ event: event.event, data: event.data });
            }
          } else await response.body?.cancel();
        } catch {
          // A dropped connection or an unreachable server: the pull reports it; retry below.
        }
        if (!stop.signal.aborted) await pause();
      }
    })();
    return () => stop.abort();
  });
}

/**
 * 'RESYNC' each time the server's stream of one collection announces a change, and each time
 * it (re)connects, so what was written while it was down is pulled too.
 */
export function changeStream(
  endpoint: string,
  headers: Record<string, string>,
  options: { fetch: typeof fetch; retryTime: number },
): Observable<'RESYNC'> {
  return serverEvents(endpoint, headers, options).pipe(
    filter((event) => event === 'OPEN' || event.event === 'change'),
    map(() => 'RESYNC' as const),
  );
}

/**
 * One stream for every collection of the office (GET /sync/stream): a browser holds at most
 * six connections to one server, so a device cannot keep a stream per collection open. Each
 * collection's replication takes the changes of its own collection from this one stream.
 */
export function officeChangeStream(
  url: string,
  token: string,
  options: { fetch?: typeof fetch; retryTime?: number } = {},
) {
  const events = serverEvents(
    `${url.replace(/\/+$/, '')}/sync/stream`,
    { authorization: `Bearer ${token}` },
    {
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      retryTime: options.retryTime ?? 5000,
    },
  ).pipe(share());
  return {
    /** 'RESYNC' for each change of `collection`, and on every (re)connection. */
    of(collection: string): Observable<'RESYNC'> {
      return events.pipe(
        filter(
          (event) =>
            event === 'OPEN' ||
            (event.event === 'change' &&
              (JSON.parse(event.data) as OfficeStreamChange).collection === collection),
        ),
        map(() => 'RESYNC' as const),
      );
    },
  };
}

/**
 * Replicates one RxDB collection with the office server's sync protocol
 * (shared/sync/protocol.ts): pulls by the server's sequence checkpoint, pushes with the assumed
 * master state (the server returns its state for every conflict, which the collection's
 * conflict handler resolves), and, when live, follows the server's change stream. Errors of
 * each request are retried after `retryTime` and reported on the returned state's `error$`.
 */
export function replicateCollection<T>(
  collection: RxCollection<T>,
  options: ReplicationOptions,
): RxReplicationState<T, Checkpoint> {
  const base = options.url.replace(/\/+$/, '');
  const name = encodeURIComponent(options.collectionName ?? collection.name);
  const endpoint = `${base}/sync/${name}`;
  // The schema version travels with every request, so a device and a server that store the
  // collection differently refuse to mix records (409) instead of corrupting each other's.
  const headers = {
    authorization: `Bearer ${options.token}`,
    [SCHEMA_HEADER]: String(collection.schema.version),
  };
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const batchSize = Math.min(Math.max(options.batchSize ?? 100, 1), MAX_BATCH);
  const retryTime = options.retryTime ?? 5000;
  const live = options.live ?? true;

  return replicateRxCollection<T, Checkpoint>({
    collection,
    replicationIdentifier:
      options.replicationIdentifier ??
      `nolapse-sync:${base}:${options.collectionName ?? collection.name}`,
    live,
    retryTime,
    pull: {
      batchSize,
      async handler(checkpoint, limit) {
        const response = await send(
          `${endpoint}/pull?seq=${checkpoint?.seq ?? 0}&limit=${Math.min(limit, MAX_BATCH)}`,
          { headers, cache: 'no-store' },
        );
        if (!response.ok) throw await failure(response, 'Pull');
        const page = (await response.json()) as PullResponse<T>;
        return { documents: page.documents as WithDeleted<T>[], checkpoint: page.checkpoint };
      },
      ...(live
        ? {
            stream$:
              options.stream$ ??
              changeStream(`${endpoint}/stream`, headers, { fetch: send, retryTime }),
          }
        : {}),
    },
    push: {
      batchSize,
      async handler(rows: Row<T>[]) {
        const conflicts: WithDeleted<T>[] = [];
        for (const batch of pushBatches(rows)) {
          const response = await send(`${endpoint}/push`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify(batch),
          });
          if (!response.ok) throw await failure(response, 'Push');
          conflicts.push(...((await response.json()) as PushResponse<T>));
        }
        return conflicts;
      },
    },
  });
}
