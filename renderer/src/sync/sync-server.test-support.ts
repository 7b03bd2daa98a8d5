import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../../server/db/database';
import { pgliteForTest, postgresForTest } from '../../../server/db/test-databases.test-support';
import type { SyncCollections } from '../../../server/http/sync-collections';
import { syncClient, syncTestServer, testOffice } from '../../../server/http/sync.test-support';

export type SyncServerKind = 'PGlite' | 'PostgreSQL';
export const SYNC_SERVER_KINDS: readonly SyncServerKind[] = ['PGlite', 'PostgreSQL'];

/**
 * A real office server with the sync routes on a local port, over a fresh PGlite or a fresh
 * database on the local PostgreSQL, for the duration of the enclosing describe block.
 * `newOffice()` switches to an office of its own: a clean server for the next test.
 */
export function useSyncServer(
  kind: SyncServerKind,
  options: { collections?: SyncCollections } = {},
) {
  let db: Database;
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof syncTestServer>>;
  const current = { url: '', token: '', officeId: '' };

  beforeAll(async () => {
    if (kind === 'PGlite') {
      db = await pgliteForTest();
      drop = () => db.close();
    } else {
      const pg = await postgresForTest();
      db = pg.db;
      drop = pg.drop;
    }
    server = await syncTestServer(db, { collections: options.collections });
    current.url = server.url;
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await drop();
  });

  return {
    get url() {
      return current.url;
    },
    get token() {
      return current.token;
    },
    get db() {
      return db;
    },
    async newOffice() {
      const office = await testOffice(db);
      current.token = office.token;
      current.officeId = office.officeId;
      return office;
    },
    get officeId() {
      return current.officeId;
    },
    /** Stops the HTTP server (the database stays), as a restart or a network outage does. */
    async stop() {
      await server.close();
    },
    /** Starts it again on the same address. */
    async start() {
      server = await syncTestServer(db, {
        collections: options.collections,
        port: Number(new URL(current.url).port),
      });
    },
    /** The protocol spoken by hand, for checking what the server holds. */
    client: () => syncClient(current.url, current.token),
  };
}
