import type {
  PullResponse,
  PushResponse,
  PushRow,
  StreamChange,
  SyncDocument,
} from '../../shared/sync/protocol.js';
import { createOffice, createToken } from '../auth/offices.js';
import type { Database } from '../db/database.js';
import { buildApp } from './app.js';
import { syncCollections, type SyncCollections } from './sync-collections.js';
import { syncRoutes } from './sync-routes.js';

/** The office's collections plus RxDB's test collection, as the replication tests use them. */
export const TEST_SYNC_COLLECTIONS: SyncCollections = syncCollections({
  customers: { primaryKey: 'id' },
  renewals: { primaryKey: 'id' },
  config: { primaryKey: 'id' },
  humans: { primaryKey: 'passportId' },
});

/** The sync routes alone on a real local HTTP port, over `db`. */
export async function syncTestServer(
  db: Database,
  options: { collections?: SyncCollections; heartbeatMs?: number; port?: number } = {},
) {
  const app = await buildApp({ db }, [
    syncRoutes({
      collections: options.collections ?? TEST_SYNC_COLLECTIONS,
      heartbeatMs: options.heartbeatMs,
    }),
  ]);
  const address = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  return { app, url: address, close: () => app.close() };
}

/** A new office with an admin token, and a staff token of the same office. */
export async function testOffice(db: Database, name = 'Sync office') {
  const { officeId, adminToken } = await createOffice(db, { name, timeZone: 'UTC' });
  const staff = await createToken(db, officeId, {
    role: 'staff',
    staffId: 'ayse',
    label: 'Front desk PC',
  });
  return { officeId, token: adminToken, staffToken: staff.token };
}

/** A device speaking the protocol with plain fetch, as any client would. */
export function syncClient(url: string, token: string | null) {
  const headers = (extra: Record<string, string> = {}) => ({
    ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    ...extra,
  });
  async function json<T>(response: Response): Promise<T> {
    const body = (await response.json()) as T;
    if (!response.ok)
      throw Object.assign(new Error(JSON.stringify(body)), { status: response.status, body });
    return body;
  }
  return {
    request: (path: string, init: RequestInit = {}) =>
      fetch(`${url}${path}`, { ...init, headers: headers(init.headers as Record<string, string>) }),
    pull: async (collection: string, seq: number, limit?: number) =>
      json<PullResponse>(
        await fetch(
          `${url}/sync/${collection}/pull?seq=${seq}${limit === undefined ? '' : `&limit=${limit}`}`,
          { headers: headers() },
        ),
      ),
    push: async (collection: string, rows: PushRow[]) =>
      json<PushResponse>(
        await fetch(`${url}/sync/${collection}/push`, {
          method: 'POST',
          headers: headers({ 'content-type': 'application/json' }),
          body: JSON.stringify(rows),
        }),
      ),
    /** Every write after `seq`, page by page, and the checkpoint of the last page. */
    async pullAll(collection: string, seq = 0, limit?: number) {
      const documents: SyncDocument[] = [];
      const checkpoints: number[] = [];
      let checkpoint = seq;
      for (;;) {
        const page = await this.pull(collection, checkpoint, limit);
        if (page.documents.length === 0) return { documents, checkpoint, checkpoints };
        documents.push(...page.documents);
        checkpoints.push(page.checkpoint.seq);
        checkpoint = page.checkpoint.seq;
      }
    },
    /**
     * Opens the stream of one collection, or of the whole office when `collection` is null;
     * `next()` resolves with the next event or comment as it arrives.
     */
    async stream(collection: string | null) {
      const controller = new AbortController();
      const path = collection === null ? '/sync/stream' : `/sync/${collection}/stream`;
      const response = await fetch(`${url}${path}`, {
        headers: headers(),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) return { response, next: null, close: () => undefined };
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      async function next(): Promise<{ comment: string } | { change: StreamChange } | null> {
        for (;;) {
          const end = buffer.indexOf('\n\n');
          if (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith(':')) return { comment: block.slice(1).trim() };
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (/^event: change$/m.test(block) && data)
              return { change: JSON.parse(data) as StreamChange };
            continue;
          }
          const chunk = await reader.read();
          if (chunk.done) return null;
          buffer += chunk.value;
        }
      }
      return {
        response,
        next,
        /** The next change event, skipping comments; null when the stream ends. */
        async nextChange(): Promise<StreamChange | null> {
          for (;;) {
            const item = await next();
            if (item === null) return null;
            if ('change' in item) return item.change;
          }
        },
        close: () => controller.abort(),
      };
    },
  };
}

/** A customer record as a device writes it: valid for the app's schema. */
export function customer(id: string, fields: Record<string, unknown> = {}): SyncDocument {
  return {
    id,
    name: `Customer ${id}`,
    assigneeId: 'ayse',
    permits: [],
    createdAt: '2025-03-01T09:00:00.000Z',
    updatedAt: '2025-03-01T09:00:00.000Z',
    ...fields,
    _deleted: false,
  };
}

/** A push row creating `record` (the device believes it does not exist yet). */
export const creating = (record: SyncDocument): PushRow => ({
  assumedMasterState: null,
  newDocumentState: record,
});
