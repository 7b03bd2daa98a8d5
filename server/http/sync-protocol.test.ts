import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/schema/customer.js';
import { MAX_BATCH, type SyncDocument } from '../../shared/sync/protocol.js';
import type { Database } from '../db/database.js';
import { pgliteForTest, postgresForTest } from '../db/test-databases.test-support.js';
import { sqlStore } from '../store/sql-store.js';
import { creating, customer, syncClient, syncTestServer, testOffice } from './sync.test-support.js';

const SAME_TIME = '2025-03-01T09:00:00.000Z';

function withoutDeleted({ _deleted, ...record }: SyncDocument) {
  return record;
}

function defineProtocolSuite(name: string, database: () => Database) {
  describe(`the sync protocol on ${name}`, () => {
    let server: Awaited<ReturnType<typeof syncTestServer>>;
    beforeAll(async () => {
      server = await syncTestServer(database());
    });
    afterAll(() => server.close());

    async function device() {
      const office = await testOffice(database());
      return { ...office, client: syncClient(server.url, office.token) };
    }

    it('pages records with one updatedAt by sequence: each exactly once, in write order', async () => {
      const { client } = await device();
      const ids = Array.from({ length: 23 }, (_, i) => `c${String(i).padStart(2, '0')}`);
      // Three pushes, so pages straddle push boundaries too.
      for (const part of [ids.slice(0, 7), ids.slice(7, 15), ids.slice(15)])
        expect(
          await client.push(
            'customers',
            part.map((id) => creating(customer(id, { updatedAt: SAME_TIME }))),
          ),
        ).toEqual([]);

      const { documents, checkpoints, checkpoint } = await client.pullAll('customers', 0, 4);

      expect(documents.map((d) => d.id)).toEqual(ids);
      expect(checkpoints).toHaveLength(6);
      expect([...checkpoints].sort((a, b) => a - b)).toEqual(checkpoints);
      expect(new Set(checkpoints).size).toBe(checkpoints.length);
      expect(documents.every((d) => d.updatedAt === SAME_TIME && d._deleted === false)).toBe(true);
      // Nothing newer: the same checkpoint comes back with no records.
      expect(await client.pull('customers', checkpoint, 4)).toEqual({
        documents: [],
        checkpoint: { seq: checkpoint },
      });
    });

    it('refuses a push whose assumed state is stale: the master comes back, nothing is written', async () => {
      const { client } = await device();
      const v1 = customer('c1', { name: 'Ayşe Yılmaz' });
      expect(await client.push('customers', [creating(v1)])).toEqual([]);
      const { checkpoint } = await client.pullAll('customers');

      const v2 = customer('c1', { name: 'Ayşe Demir', updatedAt: '2025-03-02T10:00:00.000Z' });
      const stale = customer('c1', { name: 'Ayse Yilmaz (old)' });
      // Another device creates the same record, and one edits from a state it never saw.
      expect(await client.push('customers', [creating(v2)])).toEqual([v1]);
      expect(
        await client.push('customers', [{ assumedMasterState: stale, newDocumentState: v2 }]),
      ).toEqual([v1]);
      // `_deleted` is part of the state: assuming a deleted record is not assuming this one.
      expect(
        await client.push('customers', [
          { assumedMasterState: { ...v1, _deleted: true }, newDocumentState: v2 },
        ]),
      ).toEqual([v1]);
      expect((await client.pull('customers', checkpoint)).documents).toEqual([]);

      // Assumed right (with keys in another order, as jsonb compares): written.
      const reordered = Object.fromEntries(Object.entries(v1).reverse()) as SyncDocument;
      expect(
        await client.push('customers', [{ assumedMasterState: reordered, newDocumentState: v2 }]),
      ).toEqual([]);
      expect((await client.pull('customers', checkpoint)).documents).toEqual([v2]);
    });

    it('answers each row of a mixed push on its own: conflicts back, the rest written', async () => {
      const { client } = await device();
      await client.push('customers', [creating(customer('a')), creating(customer('b'))]);
      const rows = [
        { assumedMasterState: customer('a'), newDocumentState: customer('a', { name: 'A2' }) },
        {
          assumedMasterState: customer('b', { name: 'old' }),
          newDocumentState: customer('b', { name: 'B2' }),
        },
        creating(customer('c')),
      ];
      expect(await client.push('customers', rows)).toEqual([customer('b')]);
      const { documents } = await client.pullAll('customers');
      expect(documents.map((d) => [d.id, d.name])).toEqual([
        ['b', 'Customer b'],
        ['a', 'A2'],
        ['c', 'Customer c'],
      ]);
    });

    it('keeps deleted records as tombstones that pull returns and a new state can revive', async () => {
      const { client, officeId } = await device();
      const record = customer('gone');
      await client.push('customers', [creating(record)]);
      const deleted = { ...record, _deleted: true };
      expect(
        await client.push('customers', [{ assumedMasterState: record, newDocumentState: deleted }]),
      ).toEqual([]);

      expect((await client.pullAll('customers')).documents).toEqual([deleted]);
      // The jobs treat it as gone; a device that thinks it never existed conflicts with the tombstone.
      expect(await sqlStore(database(), officeId).get('customers', 'gone')).toBeNull();
      expect(await client.push('customers', [creating(customer('gone'))])).toEqual([deleted]);

      const revived = customer('gone', { name: 'Back again' });
      expect(
        await client.push('customers', [
          { assumedMasterState: deleted, newDocumentState: revived },
        ]),
      ).toEqual([]);
      expect((await client.pullAll('customers')).documents).toEqual([revived]);
      expect(await sqlStore(database(), officeId).get('customers', 'gone')).toEqual(
        withoutDeleted(revived),
      );
    });

    it('takes 10,000 records pushed in batches and pulls every one back', async () => {
      const { client } = await device();
      const records = Array.from({ length: 10_000 }, (_, i) =>
        customer(`bulk-${String(i).padStart(5, '0')}`, {
          notes: `record ${i}`,
          updatedAt: SAME_TIME,
        }),
      );
      for (let i = 0; i < records.length; i += MAX_BATCH)
        expect(
          await client.push('customers', records.slice(i, i + MAX_BATCH).map(creating)),
        ).toEqual([]);

      const { documents } = await client.pullAll('customers');

      expect(documents).toHaveLength(10_000);
      expect(documents).toEqual(records);
    }, 120_000);

    it('brings a device back from days offline: every change since its checkpoint, latest state once', async () => {
      const { client, officeId } = await device();
      const store = sqlStore(database(), officeId);
      await client.push('customers', [creating(customer('kept')), creating(customer('edited'))]);
      const { checkpoint } = await client.pullAll('customers');

      // Days of writes without this device: the server's jobs and other devices.
      const other = syncClient(server.url, (await testOffice(database())).token);
      const days = ['2025-03-02', '2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06'];
      let edited = customer('edited');
      for (const day of days) {
        await store.insert(
          'customers',
          Array.from({ length: 40 }, (_, i) => ({
            id: `${day}-${i}`,
            name: `New on ${day}`,
            updatedAt: `${day}T08:00:00.000Z`,
          })) as unknown as Customer[],
        );
        const after = { ...edited, notes: `seen ${day}`, updatedAt: `${day}T09:00:00.000Z` };
        expect(
          await client.push('customers', [{ assumedMasterState: edited, newDocumentState: after }]),
        ).toEqual([]);
        edited = after;
      }
      await client.push('customers', [
        {
          assumedMasterState: customer('kept'),
          newDocumentState: { ...customer('kept'), _deleted: true },
        },
      ]);
      // Another office's writes meanwhile are not this office's.
      await other.push('customers', [creating(customer('elsewhere'))]);

      const { documents } = await client.pullAll('customers', checkpoint, 37);

      expect(documents).toHaveLength(5 * 40 + 2);
      expect(new Set(documents.map((d) => d.id)).size).toBe(documents.length);
      expect(documents.find((d) => d.id === 'edited')).toEqual(edited);
      expect(documents.at(-1)).toEqual({ ...customer('kept'), _deleted: true });
      expect(documents.some((d) => d.id === 'elsewhere')).toBe(false);
    }, 30_000);

    it('shares its rows with the jobs: what a device pushes is what a job reads and may update', async () => {
      const { client, officeId } = await device();
      const store = sqlStore(database(), officeId);
      const pushed = customer('shared', {
        name: 'Kemal Öztürk',
        nationality: 'TR',
        notes: 'Visits: 3',
      });
      await client.push('customers', [creating(pushed)]);
      const { checkpoint } = await client.pullAll('customers');

      const read = await store.get('customers', 'shared');
      expect(read).toEqual(withoutDeleted(pushed));
      const after = { ...read!, name: 'Kemal Öztürk Bey' };
      expect(await store.update('customers', [{ before: read!, after }])).toEqual({
        conflicts: [],
      });

      const { documents } = await client.pullAll('customers', checkpoint);
      expect(documents).toEqual([{ ...after, _deleted: false }]);
      // The device's old assumption is now stale.
      expect(
        await client.push('customers', [
          { assumedMasterState: pushed, newDocumentState: { ...pushed, notes: 'Visits: 4' } },
        ]),
      ).toEqual([{ ...after, _deleted: false }]);
    });

    it('replicates any configured collection by its own primary key', async () => {
      const { client } = await device();
      const human = { passportId: 'TR-123', firstName: 'Elif', age: 31, _deleted: false };
      expect(await client.push('humans', [creating(human)])).toEqual([]);
      expect((await client.pullAll('humans')).documents).toEqual([human]);
      expect((await client.pullAll('customers')).documents).toEqual([]);
    });
  });
}

describe('on PGlite', () => {
  let db: Database;
  beforeAll(async () => {
    db = await pgliteForTest();
  }, 60_000);
  afterAll(() => db.close());
  defineProtocolSuite('PGlite', () => db);
});

describe('on PostgreSQL', () => {
  let pg: Awaited<ReturnType<typeof postgresForTest>>;
  beforeAll(async () => {
    pg = await postgresForTest();
  }, 60_000);
  afterAll(() => pg.drop());
  defineProtocolSuite('PostgreSQL', () => pg.db);
});
