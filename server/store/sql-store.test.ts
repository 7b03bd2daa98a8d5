import { afterAll, beforeAll, describe } from 'vitest';
import { defineAcknowledgeSuite } from '../../shared/jobs/acknowledge-suite.test-support.js';
import { defineJobSuite } from '../../shared/jobs/job-suite.test-support.js';
import type { StoreFactory } from '../../shared/jobs/jobs.test-support.js';
import { defineRenewalWorkSuite } from '../../shared/jobs/renewal-work.test-support.js';
import { createOffice } from '../auth/offices.js';
import type { Database } from '../db/database.js';
import { pgliteForTest, postgresForTest } from '../db/test-databases.test-support.js';
import { sqlStore } from './sql-store.js';

/** Each test gets its own office in one shared database: the same isolation offices have. */
function officeStores(database: () => Database): StoreFactory {
  return async () => {
    const db = database();
    const { officeId } = await createOffice(db, { name: 'Test office', timeZone: 'UTC' });
    // The job suite sets its own office settings; start from none, as the other stores do.
    await db.query("delete from docs where office_id = $1 and collection = 'config'", [officeId]);
    return { store: sqlStore(db, officeId), close: async () => undefined };
  };
}

describe('the SQL store on PGlite', () => {
  let db: Database;
  beforeAll(async () => {
    db = await pgliteForTest();
  }, 60_000);
  afterAll(() => db.close());
  defineJobSuite(
    'SQL on PGlite',
    officeStores(() => db),
  );
  defineRenewalWorkSuite(
    'SQL on PGlite',
    officeStores(() => db),
  );
  defineAcknowledgeSuite(
    'SQL on PGlite',
    officeStores(() => db),
  );
});

describe('the SQL store on PostgreSQL', () => {
  let pg: Awaited<ReturnType<typeof postgresForTest>>;
  beforeAll(async () => {
    pg = await postgresForTest();
  }, 60_000);
  afterAll(() => pg.drop());
  defineJobSuite(
    'SQL on PostgreSQL',
    officeStores(() => pg.db),
  );
  defineRenewalWorkSuite(
    'SQL on PostgreSQL',
    officeStores(() => pg.db),
  );
  defineAcknowledgeSuite(
    'SQL on PostgreSQL',
    officeStores(() => pg.db),
  );
});
