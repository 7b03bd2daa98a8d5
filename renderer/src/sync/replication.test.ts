import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase, type RxCollection } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { filter, firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Records } from '../../../shared/jobs/store';
import { customerSchema, type Customer } from '../../../shared/schema/customer';
import { MAX_BATCH, MAX_PUSH_BYTES, MAX_RECORD_BYTES } from '../../../shared/sync/protocol';
import { sqlStore } from '../../../server/store/sql-store';
import { pushBatches, replicateCollection, type ReplicationOptions } from './replication';
import { useSyncServer } from './sync-server.test-support';

// The customers schema is past version 0: opening it checks for older data to migrate.
addRxPlugin(RxDBMigrationSchemaPlugin);

let counter = 0;
const opened: { close(): Promise<unknown> }[] = [];

/** A device: the real customers schema on Dexie over its own fake-indexeddb, validated. */
async function device(): Promise<RxCollection<Customer>> {
  const db = await createRxDatabase<{ customers: RxCollection<Customer> }>({
    name: `device-${++counter}`,
    storage: wrappedValidateAjvStorage({
      storage: getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange }),
    }),
    multiInstance: false,
  });
  await db.addCollections({ customers: { schema: customerSchema } });
  opened.push(db);
  return db.customers;
}

function customer(id: string, fields: Partial<Customer> = {}): Customer {
  return {
    id,
    name: `Customer ${id}`,
    assigneeId: 'ayse',
    permits: [],
    createdAt: '2025-03-01T09:00:00.000Z',
    updatedAt: '2025-03-01T09:00:00.000Z',
    ...fields,
  };
}

/** Resolves when the device holds the record and `accept` likes it. */
async function arrives(collection: RxCollection<Customer>, id: string): Promise<Customer> {
  const doc = await firstValueFrom(collection.findOne(id).$.pipe(filter((d) => d !== null)));
  return doc!.toJSON() as Customer;
}

function gone(collection: RxCollection<Customer>, id: string) {
  return firstValueFrom(collection.findOne(id).$.pipe(filter((doc) => doc === null)));
}

describe('replicateCollection against the office server', () => {
  const server = useSyncServer('PGlite');
  const options = (extra: Partial<ReplicationOptions> = {}): ReplicationOptions => ({
    url: server.url,
    token: server.token,
    retryTime: 100,
    ...extra,
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
  });

  it("keeps two devices and the server's own jobs in step through the live stream", async () => {
    await server.newOffice();
    const [a, b] = [await device(), await device()];
    const replications = [replicateCollection(a, options()), replicateCollection(b, options())];
    await Promise.all(replications.map((r) => r.awaitInitialReplication()));

    await a.insert(customer('c-1', { name: 'Ayşe Yılmaz' }));
    expect((await arrives(b, 'c-1')).name).toBe('Ayşe Yılmaz');

    // A record the server's daily job writes reaches every device without asking.
    await sqlStore(server.db, server.officeId).insert('customers', [
      customer('from-job', { name: 'Written on the server' }) as Records['customers'],
    ]);
    await Promise.all([arrives(a, 'from-job'), arrives(b, 'from-job')]);

    await (await b.findOne('c-1').exec(true)).remove();
    await gone(a, 'c-1');
    const { documents } = await server.client().pullAll('customers');
    expect(documents.find((d) => d.id === 'c-1')?._deleted).toBe(true);
  });

  it('splits a push larger than the server reads into several requests', async () => {
    await server.newOffice();
    const pushes: number[] = [];
    const counting: typeof fetch = (input, init) => {
      if (String(input).endsWith('/push')) pushes.push(String(init?.body).length);
      return fetch(input, init);
    };
    const collection = await device();
    // Near the record limit with text fields bounded (shared/limits.ts): many embedded permits.
    const permit = (j: number) => ({
      id: `p${j}`,
      kind: 'WORK_PERMIT' as const,
      number: 'W'.repeat(100),
      state: 'ISSUED' as const,
      expiresOn: '2027-01-01',
    });
    const perRecord = Math.floor((MAX_RECORD_BYTES - 4096) / JSON.stringify(permit(9999)).length);
    const permits = Array.from({ length: perRecord }, (_, j) => permit(j));
    const size = JSON.stringify(permits).length;
    const count = Math.ceil(MAX_PUSH_BYTES / size) + 2;
    const inserted = await collection.bulkInsert(
      Array.from({ length: count }, (_, i) => customer(`big-${i}`, { permits })),
    );
    expect(inserted.error).toEqual([]);
    const replication = replicateCollection(collection, options({ live: false, fetch: counting }));
    await replication.awaitInitialReplication();

    expect(pushes.length).toBeGreaterThan(1);
    const { documents } = await server.client().pullAll('customers');
    expect(documents).toHaveLength(count);
  }, 30_000);

  it('reconnects its stream after the server comes back and pulls what it missed', async () => {
    await server.newOffice();
    const collection = await device();
    const replication = replicateCollection(collection, options());
    await replication.awaitInitialReplication();

    await server.stop();
    await sqlStore(server.db, server.officeId).insert('customers', [
      customer('while-down', { name: 'Written while the server was away' }) as Records['customers'],
    ]);
    await server.start();

    await arrives(collection, 'while-down');
  });

  it('finishes a push through a lost answer and a server restart: every record once', async () => {
    await server.newOffice();
    const collection = await device();
    const records = Array.from({ length: 500 }, (_, i) =>
      customer(`c-${String(i).padStart(4, '0')}`),
    );
    await collection.bulkInsert(records);
    let pushes = 0;
    const flaky: typeof fetch = async (input, init) => {
      if (!String(input).endsWith('/push')) return fetch(input, init);
      pushes += 1;
      if (pushes === 2) {
        // The server writes the batch, but its answer never reaches the device.
        await (await fetch(input, init)).text();
        throw new TypeError('fetch failed: the connection was reset');
      }
      if (pushes === 3) {
        // The server stops as this push leaves, and is back a moment later.
        await server.stop();
        try {
          return await fetch(input, init);
        } finally {
          void server.start();
        }
      }
      return fetch(input, init);
    };
    const replication = replicateCollection(collection, options({ batchSize: 100, fetch: flaky }));
    const errors: unknown[] = [];
    replication.error$.subscribe((error) => errors.push(error));
    await replication.awaitInSync();

    expect(errors.length).toBeGreaterThanOrEqual(2);
    const { documents } = await server.client().pullAll('customers');
    expect(documents).toHaveLength(500);
    expect(new Set(documents.map((d) => d.id)).size).toBe(500);
    expect(
      documents
        .map(({ _deleted, ...record }) => record)
        .sort((x, y) => (String(x.id) < String(y.id) ? -1 : 1)),
    ).toEqual(records);
    const local = await collection.find().exec();
    expect(local.map((doc) => doc.toJSON())).toEqual(records);
  }, 60_000);

  it("reports a refused token on error$ in the server's words, and keeps retrying", async () => {
    const collection = await device();
    const replication = replicateCollection(collection, options({ token: 'nl_revoked' }));
    const error = await firstValueFrom(replication.error$);
    expect(JSON.stringify(error.parameters)).toContain('unknown or was revoked');
    expect(replication.isStopped()).toBe(false);
    await replication.cancel();
  });
});

describe('splitting pushes', () => {
  it(`keeps order and puts at most ${MAX_BATCH} rows or the byte budget in each`, () => {
    const rows = Array.from({ length: 1234 }, (_, i) => ({
      i,
      text: 'x'.repeat(i % 7 === 0 ? 900 : 10),
    }));
    const batches = pushBatches(rows, 20_000);
    expect(batches.flat()).toEqual(rows);
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(MAX_BATCH);
      expect(JSON.stringify(batch).length).toBeLessThanOrEqual(20_000);
    }
  });

  it('sends a row larger than the budget on its own rather than never', () => {
    const rows = [{ text: 'small' }, { text: 'x'.repeat(100) }, { text: 'small' }];
    expect(pushBatches(rows, 50)).toEqual([[rows[0]], [rows[1]], [rows[2]]]);
  });
});
