import { addRxPlugin, createRxDatabase, type RxCollection } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { customerSchema, type Customer } from '../../../shared/schema/customer';
import { replicateCollection } from './replication';

/**
 * The page e2e/web/sync-client.spec.ts bundles and opens in Chromium, on the sync server's own
 * origin: a device with the customers collection on the browser's IndexedDB, replicating live
 * with the real client, driven by the spec through `window.syncCheck`.
 */
// The customers schema is past version 0: opening it checks for older data to migrate.
addRxPlugin(RxDBMigrationSchemaPlugin);

let customers: RxCollection<Customer> | null = null;
let replication: ReturnType<typeof replicateCollection<Customer>> | null = null;
const errors: string[] = [];

const syncCheck = {
  async start(token: string) {
    const db = await createRxDatabase<{ customers: RxCollection<Customer> }>({
      name: 'sync-check',
      storage: getRxStorageDexie(),
      multiInstance: false,
    });
    await db.addCollections({ customers: { schema: customerSchema } });
    customers = db.customers;
    replication = replicateCollection(customers, {
      url: location.origin,
      token,
      retryTime: 200,
    });
    replication.error$.subscribe((error) => errors.push(error.message));
    await replication.awaitInitialReplication();
  },
  async names(): Promise<string[]> {
    const docs = await customers!.find().exec();
    return docs.map((doc) => doc.name).sort();
  },
  async add(id: string, name: string) {
    await customers!.insert({
      id,
      name,
      assigneeId: 'ayse',
      permits: [],
      createdAt: '2025-03-01T09:00:00.000Z',
      updatedAt: '2025-03-01T09:00:00.000Z',
    });
    await replication!.awaitInSync();
  },
  errors: () => errors,
};

(window as unknown as { syncCheck: typeof syncCheck }).syncCheck = syncCheck;
