import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NoLapseDatabase } from './database';
import { createNameIndex, deleteNameIndex } from './name-index';
import { rxdbStore } from './rxdb-store';
import { openTestDatabase } from './rxdb.test-support';

const at = '2026-06-01T00:00:00.000Z';
const customer = (id: string, name: string) =>
  ({ id, name, assigneeId: 'me', permits: [], createdAt: at, updatedAt: at }) as never;
const worker = (id: string, fullName: string) =>
  ({
    id,
    fullName,
    active: true,
    profile: {},
    placements: [],
    createdAt: at,
    updatedAt: at,
  }) as never;

let db: NoLapseDatabase;
beforeEach(async () => {
  db = await openTestDatabase();
  await rxdbStore(db).insert('customers', [
    customer('cus_1', 'Jana Novák'),
    customer('cus_2', 'Petr Novotný'),
    customer('cus_3', 'Ayşe Şahin'),
    customer('cus_4', 'Customer 1234 Kaya'),
  ]);
  await rxdbStore(db).insert('workers', [worker('wrk_1', 'Emre Yılmaz')]);
}, 30_000);
afterEach(async () => {
  await db.close();
});

const ids = async (index: ReturnType<typeof createNameIndex>, search: string) =>
  [...(await index.find(search)).ids].sort();

describe('the name search index', { timeout: 30_000 }, () => {
  it("is deleted with the device's data, even while a search holds it open", async () => {
    const index = createNameIndex(db);
    expect(await ids(index, 'novak')).toEqual(['cus_1']);
    const factory = (db.storage as unknown as { settings: { indexedDB: IDBFactory } }).settings
      .indexedDB;
    const names = async () => (await factory.databases()).map((d) => d.name);
    expect(await names()).toContain(`${db.name}-name-index`);
    await deleteNameIndex(db);
    expect(await names()).not.toContain(`${db.name}-name-index`);
  });

  it('finds customers and workers by the beginning of a word, without accents', async () => {
    const index = createNameIndex(db);
    expect(await ids(index, 'novak')).toEqual(['cus_1']);
    expect(await ids(index, 'nov')).toEqual(['cus_1', 'cus_2']);
    expect(await ids(index, 'sahin')).toEqual(['cus_3']);
    expect(await ids(index, 'yilmaz')).toEqual(['wrk_1']);
    expect(await ids(index, 'kaya 12')).toEqual(['cus_4']);
    expect(await ids(index, 'ovak')).toEqual([]);
    const jana = await index.find('jana');
    expect((await jana.names(jana.ids)).get('cus_1')).toBe('Jana Novák');
    expect(jana.of).toBe(5);
    const two = await index.find('novák jana');
    expect((await two.names(['cus_1', 'wrk_1'])).get('wrk_1')).toBe('Emre Yılmaz');
  });

  it('follows names added, renamed and deleted after it was built', async () => {
    const index = createNameIndex(db);
    expect(await ids(index, 'novak')).toEqual(['cus_1']);
    const store = rxdbStore(db);
    await store.insert('customers', [customer('cus_5', 'Marek Novak')]);
    const jana = (await store.get('customers', 'cus_1'))!;
    await store.update('customers', [{ before: jana, after: { ...jana, name: 'Jana Dvořák' } }]);
    expect(await ids(index, 'novak')).toEqual(['cus_5']);
    expect(await ids(index, 'dvorak')).toEqual(['cus_1']);
    await (await db.customers.findOne('cus_5').exec())!.remove();
    expect(await ids(index, 'novak')).toEqual([]);
  });

  it('tells a watched search of a name changed while it is shown', async () => {
    const index = createNameIndex(db);
    const seen: string[][] = [];
    const subscription = index.watch('novak').subscribe((r) => seen.push([...r.ids].sort()));
    await expect.poll(() => seen.at(-1)).toEqual(['cus_1']);
    await rxdbStore(db).insert('customers', [customer('cus_7', 'Tomáš Novák')]);
    await expect.poll(() => seen.at(-1)).toEqual(['cus_1', 'cus_7']);
    subscription.unsubscribe();
    index.stop();
  });

  it('answers a watched search from what it indexed before, then with what changed since', async () => {
    await createNameIndex(db).find('novak');
    await rxdbStore(db).insert('customers', [customer('cus_8', 'Ivo Novák')]);
    const again = createNameIndex(db);
    const seen: string[][] = [];
    const subscription = again.watch('novak').subscribe((r) => seen.push([...r.ids].sort()));
    await expect.poll(() => seen.at(-1)).toEqual(['cus_1', 'cus_8']);
    expect(seen[0]).toEqual(['cus_1']);
    subscription.unsubscribe();
    again.stop();
  });

  it('is not answered from after a build that stopped halfway (checkpoints alone)', async () => {
    const settings = (db.storage as unknown as { settings: ConstructorParameters<typeof Dexie>[1] })
      .settings;
    const dexie = new Dexie(`${db.name}-name-index`, settings);
    dexie.version(1).stores({ people: 'id, *words', marks: 'feed' });
    await dexie.table('marks').put({ feed: 'storage', storageToken: await db.storageToken });
    // The first step of a build: one customer indexed, both feeds with a checkpoint.
    await dexie.table('people').put({ id: 'cus_1', name: 'Jana Novák', words: ['jana', 'novak'] });
    await dexie.table('marks').put({ feed: 'customers', checkpoint: { id: 'cus_1', lwt: 1 } });
    await dexie.table('marks').put({ feed: 'workers', checkpoint: { id: '', lwt: 1 } });
    dexie.close();
    const index = createNameIndex(db);
    const seen: string[][] = [];
    const subscription = index.watch('nov').subscribe((r) => seen.push([...r.ids].sort()));
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    // The first answer already waited for the rest of the build.
    expect(seen[0]).toEqual(['cus_1', 'cus_2']);
    subscription.unsubscribe();
    index.stop();
  });

  it('keeps what it indexed for the next start, and reads only what changed since', async () => {
    await createNameIndex(db).find('novak');
    // A name only the index holds: a start that rebuilt the index from RxDB would lose it.
    await putStraightIntoIndex({ id: 'ghost', name: 'Ghost Novak', words: ['ghost', 'novak'] });
    await rxdbStore(db).insert('customers', [customer('cus_6', 'Eva Nováková')]);
    const again = createNameIndex(db);
    expect(await ids(again, 'novak')).toEqual(['cus_1', 'cus_6', 'ghost']);
  });

  it('starts again from empty for a database of another storage', async () => {
    await createNameIndex(db).find('novak');
    await putStraightIntoIndex({ id: 'ghost', name: 'Ghost Novak', words: ['ghost', 'novak'] });
    const token = await db.storageToken;
    Object.defineProperty(db, 'storageToken', { value: Promise.resolve(`${token}-other`) });
    const fresh = createNameIndex(db);
    expect(await ids(fresh, 'novak')).toEqual(['cus_1']);
    expect((await fresh.find('')).of).toBe(5);
  });
});

/** Writes a person into the index's own IndexedDB database, past RxDB. */
async function putStraightIntoIndex(person: { id: string; name: string; words: string[] }) {
  const settings = (db.storage as unknown as { settings: ConstructorParameters<typeof Dexie>[1] })
    .settings;
  const dexie = new Dexie(`${db.name}-name-index`, settings);
  dexie.version(1).stores({ people: 'id, *words', marks: 'feed' });
  await dexie.table('people').put(person);
  dexie.close();
}
