import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { OFFICE_CONFIG_ID } from '../../shared/office.js';
import { MAX_PUSH_BYTES, STREAM_HEARTBEAT_MS, type SyncInfo } from '../../shared/sync/protocol.js';
import type { Database } from '../db/database.js';
import type { Extension } from '../start.js';
import { callerOf, type RouteModule } from './app.js';
import { HttpError } from './errors.js';
import {
  collectionOr404,
  OFFICE_SYNC_COLLECTIONS,
  type SyncCollections,
} from './sync-collections.js';
import { pullChanges, pushChanges } from './sync-records.js';
import { changeHub } from './sync-stream.js';
import { recordCheckOf } from './record-schemas.js';
import { pullQueryOr400, pushRowsOr400 } from './sync-validation.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** How many sync streams this instance holds open (for health probes and tests). */
    syncStreamCount(): number;
  }
}

export type SyncOptions = {
  /** What replicates, and each collection's primary key (OFFICE_SYNC_COLLECTIONS in production). */
  collections: SyncCollections;
  /** How often each stream gets a comment line (STREAM_HEARTBEAT_MS in production). */
  heartbeatMs?: number;
};

type CollectionParams = { Params: { collection: string } };

/** A push larger than the route reads says so in the route's own terms. */
function pushTooLarge(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.statusCode !== 413) throw error;
  return reply.status(413).send({
    error: 'payload_too_large',
    message: `A push may be at most ${MAX_PUSH_BYTES / 1024 / 1024} MiB; send fewer rows at a time.`,
  });
}

async function officeInfo(
  db: Database,
  officeId: string,
  collections: readonly string[],
): Promise<{ name: string; hasData: boolean }> {
  // Every office is created with its settings record, so that one does not count as data.
  const { rows } = await db.query<{ name: string; has_data: boolean }>(
    `select o.name, exists (
       select 1 from docs d
       where d.office_id = o.id and d.collection = any($2::text[]) and not d.deleted
         and not (d.collection = 'config' and d.id = $3)
     ) as has_data
     from offices o where o.id = $1`,
    [officeId, collections, OFFICE_CONFIG_ID],
  );
  const row = rows[0];
  if (!row) throw new HttpError(404, 'not_found', 'The office of this token no longer exists.');
  return { name: row.name, hasData: row.has_data };
}

/**
 * The sync protocol of shared/sync/protocol.ts, one collection at a time, every query scoped to
 * the office of the caller's token: pull by server sequence, push with the assumed master
 * state, a live stream of Server-Sent Events, and what the token belongs to.
 */
export function syncRoutes(options: SyncOptions): RouteModule {
  const { collections } = options;
  return async (app, db) => {
    const hub = changeHub(db, {
      heartbeatMs: options.heartbeatMs ?? STREAM_HEARTBEAT_MS,
      log: app.log,
    });
    await hub.start();
    app.decorate('syncStreamCount', () => hub.size);
    // Before the server stops listening: open streams would otherwise hold its close forever.
    app.addHook('preClose', async () => hub.close());

    app.get('/sync/info', async (request): Promise<SyncInfo> => {
      const caller = callerOf(request);
      const office = await officeInfo(db, caller.officeId, [...collections.keys()]);
      return {
        officeId: caller.officeId,
        officeName: office.name,
        hasData: office.hasData,
        staffId: caller.staffId,
        role: caller.role,
        tokenId: caller.tokenId,
      };
    });

    app.get<CollectionParams>('/sync/:collection/pull', async (request) => {
      const caller = callerOf(request);
      const { name } = collectionOr404(collections, request.params.collection, request.headers);
      const { since, limit } = pullQueryOr400(request.query);
      return pullChanges(db, caller.officeId, name, since, limit);
    });

    app.post<CollectionParams>(
      '/sync/:collection/push',
      { bodyLimit: MAX_PUSH_BYTES, errorHandler: pushTooLarge },
      async (request) => {
        const caller = callerOf(request);
        const { name, primaryKey } = collectionOr404(
          collections,
          request.params.collection,
          request.headers,
        );
        const rows = pushRowsOr400(request.body, primaryKey, recordCheckOf(name));
        return pushChanges(db, caller.officeId, name, primaryKey, rows);
      },
    );

    /** Hands the connection to the hub as a Server-Sent Events stream. */
    function openStream(
      request: FastifyRequest,
      reply: FastifyReply,
      officeId: string,
      collection: string | null,
    ) {
      if (hub.closed)
        throw new HttpError(503, 'unavailable', 'This server is shutting down; reconnect.');
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // Proxies such as nginx would otherwise buffer the events.
        'x-accel-buffering': 'no',
        // A hijacked reply skips Fastify's hooks, so the CORS answer is written here.
        ...(request.headers.origin
          ? { 'access-control-allow-origin': request.headers.origin, vary: 'Origin' }
          : {}),
      });
      reply.raw.write(': connected\n\n');
      hub.add(officeId, collection, reply.raw);
    }

    app.get('/sync/stream', async (request, reply) => {
      openStream(request, reply, callerOf(request).officeId, null);
    });

    app.get<CollectionParams>('/sync/:collection/stream', async (request, reply) => {
      const caller = callerOf(request);
      const { name } = collectionOr404(collections, request.params.collection, request.headers);
      openStream(request, reply, caller.officeId, name);
    });
  };
}

/** The sync protocol as a server extension: the office's collections unless told otherwise. */
export function syncExtension(options: Partial<SyncOptions> = {}): Extension {
  return () => syncRoutes({ collections: OFFICE_SYNC_COLLECTIONS, ...options });
}
