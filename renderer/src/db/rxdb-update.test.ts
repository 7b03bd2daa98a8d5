import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { RxDocumentData, RxStorageInstance } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Customer } from '../../../shared/schema/customer';
import { openDatabase, type NoLapseDatabase } from './database';
import { rxdbStore } from './rxdb-store';

const at = '2026-03-01T09:00:00.000Z';
const customer = (id: string, name: string) =>
  ({ id, name, assigneeId: 'me', permits: [], createdAt: at, updatedAt: at }) as Customer;

const opened: { close: () => Promise<unknown> }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

/**
 * A database, and a second writer on the same IndexedDB that this database does not hear of:
 * another tab whose change has not reached this one yet (RxDB's own storage instance over the
 * same Dexie database, without its broadcast).
 */
async function databaseAndOtherTab() {
  const indexedDB = new IDBFactory();
  const name = `rxdb-update-${Math.random().toString(36).slice(2)}`;
  const db: NoLapseDatabase = await openDatabase({
    name,
    indexedDB: { indexedDB, IDBKeyRange },
    devMode: true,
  });
  opened.push(db);
  const collection = db.collections.customers;
  const other = (await getRxStorageDexie({ indexedDB, IDBKeyRange }).createStorageInstance({
    databaseInstanceToken: 'other-tab',
    databaseName: name,
    collectionName: 'customers',
    schema: collection.storageInstance.schema as never,
    options: {},
    multiInstance: false,
    devMode: false,
  })) as unknown as RxStorageInstance<Customer, unknown, unknown>;
  opened.push(other);
  const stored = async (id: string) =>
    (await other.findDocumentsById([id], true))[0] as RxDocumentData<Customer> | undefined;
  /** Writes `record` on the stored revision from the other tab. */
  const otherWrites = async (record: Customer, deleted = false) => {
    const previous = (await stored(record.id))!;
    const result = await other.bulkWrite(
      [
        {
          previous,
          document: {
            ...record,
            _deleted: deleted,
            _attachments: {},
            _meta: { lwt: Date.now() },
            _rev: `${Number(previous._rev.split('-')[0]) + 1}-othertab`,
          },
        },
      ],
      'other-tab',
    );
    expect(result.error).toEqual([]);
  };
  const reads = vi.spyOn(collection.storageInstance, 'findDocumentsById');
  return { db, store: rxdbStore(db), stored, otherWrites, reads };
}

describe('RxDB store update', () => {
  it('writes on the revision the job read, without reading the storage again', async () => {
    const { store, stored, reads } = await databaseAndOtherTab();
    await store.insert('customers', [customer('cus_1', 'Jana Novák')]);
    const before = (await store.get('customers', 'cus_1'))!;
    reads.mockClear();
    const after = { ...before, name: 'Jana Dvořák' };
    expect(await store.update('customers', [{ before, after }])).toEqual({ conflicts: [] });
    expect(reads).not.toHaveBeenCalled();
    expect((await stored('cus_1'))!.name).toBe('Jana Dvořák');
    // And again on the revision that write left (the cache heard of its own write).
    const renamed = (await store.get('customers', 'cus_1'))!;
    expect(
      await store.update('customers', [{ before: renamed, after: { ...renamed, name: 'J. D.' } }]),
    ).toEqual({ conflicts: [] });
    expect((await stored('cus_1'))!.name).toBe('J. D.');
  });

  it('reads from the storage a record this database has not read', async () => {
    const { store, stored, reads, otherWrites } = await databaseAndOtherTab();
    await store.insert('customers', [customer('cus_1', 'Jana Novák')]);
    // Changed by the other tab before this one read it: the job read it there.
    await otherWrites(customer('cus_1', 'Jana Nová'));
    const before = customer('cus_1', 'Jana Nová');
    reads.mockClear();
    expect(
      await store.update('customers', [{ before, after: { ...before, name: 'Jana Dvořák' } }]),
    ).toEqual({ conflicts: [] });
    expect(reads).toHaveBeenCalledTimes(1);
    expect((await stored('cus_1'))!.name).toBe('Jana Dvořák');
  });

  it('makes a change another tab made since the read a conflict, with its record', async () => {
    const { store, stored, otherWrites } = await databaseAndOtherTab();
    await store.insert('customers', [customer('cus_1', 'Jana Novák'), customer('cus_2', 'Petr')]);
    const jana = (await store.get('customers', 'cus_1'))!;
    const petr = (await store.get('customers', 'cus_2'))!;
    await otherWrites({ ...jana, assigneeId: 'ayse' });
    const result = await store.update('customers', [
      { before: jana, after: { ...jana, name: 'Jana Dvořák' } },
      { before: petr, after: { ...petr, name: 'Petr Novotný' } },
    ]);
    expect(result.conflicts).toEqual([{ id: 'cus_1', current: { ...jana, assigneeId: 'ayse' } }]);
    // The other tab's change stands; the change without a conflict is written.
    expect(await stored('cus_1')).toMatchObject({ name: 'Jana Novák', assigneeId: 'ayse' });
    expect((await stored('cus_2'))!.name).toBe('Petr Novotný');
  });

  it('writes over a rewrite of the same record by another tab: nothing changed', async () => {
    const { store, stored, otherWrites } = await databaseAndOtherTab();
    await store.insert('customers', [customer('cus_1', 'Jana Novák')]);
    const before = (await store.get('customers', 'cus_1'))!;
    await otherWrites({ ...before });
    expect(
      await store.update('customers', [{ before, after: { ...before, name: 'Jana Dvořák' } }]),
    ).toEqual({ conflicts: [] });
    expect(await stored('cus_1')).toMatchObject({ name: 'Jana Dvořák', _rev: expect.any(String) });
    expect((await stored('cus_1'))!._rev.startsWith('3-')).toBe(true);
  });

  it('makes a record another tab deleted a conflict with nothing current', async () => {
    const { store, stored, otherWrites } = await databaseAndOtherTab();
    await store.insert('customers', [customer('cus_1', 'Jana Novák')]);
    const before = (await store.get('customers', 'cus_1'))!;
    await otherWrites(before, true);
    expect(
      await store.update('customers', [{ before, after: { ...before, name: 'Jana Dvořák' } }]),
    ).toEqual({ conflicts: [{ id: 'cus_1', current: null }] });
    expect(await stored('cus_1')).toMatchObject({ name: 'Jana Novák', _deleted: true });
  });
});
