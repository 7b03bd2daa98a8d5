import { afterAll, beforeAll, describe } from 'vitest';
import type { StoreFactory } from '../../shared/jobs/jobs.test-support.js';
import { defineWebhookSuite } from '../../shared/jobs/webhook-suite.test-support.js';
import { createOffice } from '../auth/offices.js';
import type { Database } from '../db/database.js';
import { pgliteForTest, postgresForTest } from '../db/test-databases.test-support.js';
import { sqlStore } from '../store/sql-store.js';

/** Each test gets its own office in one shared database, starting with no settings. */
function officeStores(database: () => Database): StoreFactory {
  return async () => {
    const db = database();
    const { officeId } = await createOffice(db, { name: 'Test office', timeZone: 'UTC' });
    await db.query("delete from docs where office_id = $1 and collection = 'config'", [officeId]);
    return { store: sqlStore(db, officeId), close: async () => undefined };
  };
}

describe('webhook plugins over SQL on PGlite', () => {
  let db: Database;
  beforeAll(async () => {
    db = await pgliteForTest();
  }, 60_000);
  afterAll(() => db.close());
  defineWebhookSuite(
    'SQL on PGlite',
    officeStores(() => db),
  );
});

describe('webhook plugins over SQL on PostgreSQL', () => {
  let pg: Awaited<ReturnType<typeof postgresForTest>>;
  beforeAll(async () => {
    pg = await postgresForTest();
  }, 60_000);
  afterAll(() => pg.drop());
  defineWebhookSuite(
    'SQL on PostgreSQL',
    officeStores(() => pg.db),
  );
});
