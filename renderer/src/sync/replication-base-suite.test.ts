import { addRxPlugin, type RxCollection } from 'rxdb';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { runReplicationBaseTestSuite, setConfig } from 'rxdb/plugins/test-utils';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, it } from 'vitest';
import { replicateCollection } from './replication';
import { SYNC_SERVER_KINDS, useSyncServer } from './sync-server.test-support';

/**
 * RxDB's own base test suite for replication plugins (live push, two collections converging
 * through the server, the default conflict handler keeping the master state), run through real
 * HTTP against the office server on PGlite and on PostgreSQL. Its `humans` collection is keyed
 * by `passportId`, which the test server's collections include.
 */
// The suite's databases use `ignoreDuplicate`, which RxDB allows in dev-mode only, and dev-mode
// wants a schema validator: what pulls in from the server is checked against the schema too.
disableWarnings();
addRxPlugin(RxDBDevModePlugin);
setConfig({
  storage: {
    name: 'memory',
    getStorage: () => wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    getPerformanceStorage: () => ({ storage: getRxStorageMemory(), description: 'memory' }),
    hasPersistence: false,
    hasMultiInstance: false,
    hasAttachments: true,
    hasReplication: true,
  },
});

// The suite is written for mocha's globals; vitest's, with room for its 8-second waits.
const mochaGlobals = {
  describe,
  it: (name: string, test: () => Promise<void>) => it(name, test, 60_000),
};

for (const kind of SYNC_SERVER_KINDS)
  describe(`RxDB's replication base test suite against the office server on ${kind}`, () => {
    const server = useSyncServer(kind);
    const options = (live: boolean) => ({
      url: server.url,
      token: server.token,
      collectionName: 'humans',
      live,
      retryTime: 200,
    });
    Object.assign(globalThis, mochaGlobals);
    runReplicationBaseTestSuite({
      startReplication: (collection: RxCollection) =>
        replicateCollection(collection, options(true)),
      async syncOnce(collection: RxCollection) {
        const replication = replicateCollection(collection, options(false));
        await replication.awaitInitialReplication();
        await replication.cancel();
      },
      async getAllServerDocs() {
        return (await server.client().pullAll('humans')).documents;
      },
      // A fresh office is a server with nothing in it, as each test expects.
      async cleanUpServer() {
        await server.newOffice();
      },
      softDeletes: true,
      isDeleted: (doc: { _deleted: boolean }) => doc._deleted,
      getPrimaryOfServerDoc: (doc: { passportId: string }) => doc.passportId,
    });
  });
