import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookServer } from '../../../shared/jobs/jobs.test-support';
import { createMemoryStore } from '../../../shared/jobs/memory-store';
import { allRecords, liveThroughTheYear } from '../../../shared/jobs/year.test-support';
import { rxdbStore } from './rxdb-store';
import { openTestDatabase } from './rxdb.test-support';

let hook: Awaited<ReturnType<typeof webhookServer>>;
beforeAll(async () => {
  hook = await webhookServer((_req, body, res) => {
    const { renewalEvent } = JSON.parse(body) as { renewalEvent: string };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      renewalEvent === 'create' ? JSON.stringify({ renewalTransactionType: 'reviewed' }) : '{}',
    );
  });
});
afterAll(() => hook.close());

describe('the year of daily ticks on RxDB', () => {
  it(
    'ends with exactly the records the in-memory reference ends with',
    { timeout: 240_000 },
    async () => {
      const memory = createMemoryStore();
      await liveThroughTheYear(memory, hook.url);
      const db = await openTestDatabase();
      try {
        await liveThroughTheYear(rxdbStore(db), hook.url);
        const [expected, actual] = [await allRecords(memory), await allRecords(rxdbStore(db))];
        expect(actual.renewals!.length).toBeGreaterThan(5);
        expect(actual).toEqual(expected);
      } finally {
        await db.close();
      }
    },
  );
});
