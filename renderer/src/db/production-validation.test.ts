import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createJobs } from '../../../shared/jobs';
import { newRenewal } from '../../../shared/renewals/create';
import { createData } from './data';
import { openDatabase } from './database';
import { rxdbStore } from './rxdb-store';
import { WriteError } from './write-error';

const NOW = '2026-03-01T09:00:00.000Z';

/**
 * Production mode: validation on, RxDB's dev-mode off, as the built app opens its data. The
 * corrupted records are written the only way one can reach a database that checks every write:
 * by a build that did not check (here: the same database opened with `validate: false`), as an
 * older build or a hand edit would leave them.
 */
async function databaseWithCorruptedRenewal() {
  const indexedDB = { indexedDB: new IDBFactory(), IDBKeyRange };
  const name = `nolapse-prod-${Math.random().toString(36).slice(2)}`;
  const unchecked = await openDatabase({ name, indexedDB, validate: false });
  const renewal = newRenewal(
    {
      id: 'ren_hand',
      customerId: 'cus_1',
      serviceType: 'WORK_PERMIT',
      dueDate: '0026-03-15',
      assigneeId: 'me',
      notes: 'n'.repeat(20_000),
    },
    NOW,
  );
  await rxdbStore(unchecked).insert('renewals', [renewal]);
  await unchecked.close();
  return { db: await openDatabase({ name, indexedDB }), renewal };
}

const jobsOn = (db: Awaited<ReturnType<typeof openDatabase>>) =>
  createJobs({
    store: rxdbStore(db),
    effects: { show: async () => undefined, postWebhook: async () => ({ error: 'none' }) },
    newId: (prefix) => `${prefix}_${Math.random().toString(36).slice(2)}`,
    defaultTimeZone: 'UTC',
  });

describe('a corrupted record in production mode', () => {
  it('is read by the store and the screens’ live queries without failing', async () => {
    const { db, renewal } = await databaseWithCorruptedRenewal();
    try {
      expect(await rxdbStore(db).get('renewals', 'ren_hand')).toEqual(renewal);
      const data = createData(db);
      const open = await firstValueFrom(data.renewals.watchOpen());
      expect(open.map((r) => r.id)).toEqual(['ren_hand']);
    } finally {
      await db.close();
    }
  });

  it('cannot be written back: the write is refused naming the record and each field', async () => {
    const { db, renewal } = await databaseWithCorruptedRenewal();
    try {
      const store = rxdbStore(db);
      const refusal = await store
        .update('renewals', [{ before: renewal, after: { ...renewal, assigneeId: 'ayse' } }])
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(refusal).toBeInstanceOf(WriteError);
      expect((refusal as WriteError).reason).toBe('invalid');
      expect((refusal as WriteError).message).toBe(
        'Could not save the renewals ren_hand: dueDate: "0026-03-15" is not a date between 1900 and 2199 written YYYY-MM-DD; notes: at most 10,000 characters (this has 20,000). Nothing you entered was lost; correct it and save again.',
      );
      // Nothing was written.
      expect(await store.get('renewals', 'ren_hand')).toEqual(renewal);
    } finally {
      await db.close();
    }
  });

  it('refuses a new record over a limit, from any writer, with the field named', async () => {
    const indexedDB = { indexedDB: new IDBFactory(), IDBKeyRange };
    const db = await openDatabase({ name: `nolapse-prod-${Math.random()}`, indexedDB });
    try {
      const customer = {
        id: 'cus_x',
        name: 'Elif Kaya',
        assigneeId: 'me',
        permits: [],
        notes: 'x'.repeat(10_001),
        createdAt: NOW,
        updatedAt: NOW,
      };
      await expect(db.customers.insert(customer)).rejects.toThrow(/VD2/);
      await expect(rxdbStore(db).insert('customers', [customer])).rejects.toThrow(
        'Could not save the customer “Elif Kaya” (cus_x): notes: at most 10,000 characters (this has 10,001). Nothing you entered was lost; correct it and save again.',
      );
      expect(await db.customers.count().exec()).toBe(0);
      // The input rule refuses it before any write, on the field, keeping what was typed.
      const jobs = jobsOn(db);
      const result = await jobs.renewals.createCustomer(NOW, {
        name: 'Elif Kaya',
        assigneeId: 'me',
        notes: 'x'.repeat(10_001),
      });
      expect(result).toEqual({
        ok: false,
        errors: { notes: 'Shorten the notes to 10,000 characters or fewer.' },
      });
    } finally {
      await db.close();
    }
  });
});
