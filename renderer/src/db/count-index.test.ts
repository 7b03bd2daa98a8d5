import { Dexie } from 'dexie';
import { filter, firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aRenewal } from '../../../shared/renewals/fixtures';
import {
  bucketSegments,
  buildQueue,
  DEFAULT_FILTERS,
  type QueueFilters,
  type Urgency,
} from '../../../shared/renewals/queue';
import type { Renewal, RenewalStatus } from '../../../shared/schema/renewal';
import { addDays } from '../../../shared/time';
import { binRange, createCountIndex, deleteCountIndex } from './count-index';
import type { NoLapseDatabase } from './database';
import { createQueueReader } from './queue';
import { rxdbStore } from './rxdb-store';
import { openTestDatabase } from './rxdb.test-support';

const today = '2026-11-23';
const TYPES = ['WORK_PERMIT', 'RESIDENCE_PERMIT', 'VISA_EXTENSION'];
const STAFF = ['ayse', 'mehmet', undefined];
const STATUSES: RenewalStatus[] = ['ACTIVE', 'OVERDUE', 'ACTIVE', 'COMPLETED', 'CANCELLED'];

/** 400 renewals over 200 days around today, every status, some with nobody assigned. */
const office = (): Renewal[] =>
  Array.from({ length: 400 }, (_, i) =>
    aRenewal({
      id: `r${String(i).padStart(4, '0')}`,
      customerId: `c${i % 40}`,
      dueDate: addDays(today, ((i * 37) % 200) - 40),
      status: STATUSES[i % STATUSES.length]!,
      serviceType: TYPES[i % TYPES.length]!,
      ...(STAFF[i % 3] ? { assigneeId: STAFF[i % 3] } : {}),
    }),
  );

const FILTERS: QueueFilters[] = [
  DEFAULT_FILTERS,
  { ...DEFAULT_FILTERS, status: 'all' },
  { ...DEFAULT_FILTERS, status: 'COMPLETED' },
  { ...DEFAULT_FILTERS, serviceType: 'WORK_PERMIT' },
  { ...DEFAULT_FILTERS, status: 'all', assigneeId: 'mehmet' },
];

let db: NoLapseDatabase;
beforeEach(async () => {
  db = await openTestDatabase();
  await rxdbStore(db).insert('renewals', office());
}, 30_000);
afterEach(async () => {
  await db.close();
});

const stored = async () => (await db.renewals.find().exec()).map((d) => d.toJSON() as Renewal);
const expected = async (filters: QueueFilters) =>
  buildQueue(await stored(), filters, today, () => '').counts;
const segmentsOf = (filters: QueueFilters) => Object.values(bucketSegments(filters, today)).flat();

/** The bucket counts the index gives now (its own catch-up first), summed as the queue does. */
async function binCounts(index: ReturnType<typeof createCountIndex>, filters: QueueFilters) {
  const buckets = bucketSegments(filters, today);
  const names = Object.keys(buckets) as Urgency[];
  await index.catchUp();
  expect(await index.counts(names.flatMap((n) => buckets[n]))).toBe(true);
  const counts = await firstValueFrom(index.watch(names.flatMap((n) => buckets[n])));
  let at = 0;
  return Object.fromEntries(
    names.map((n) => {
      const of = buckets[n].length;
      const sum = counts.slice(at, at + of).reduce((a, b) => a + b, 0);
      at += of;
      return [n, sum];
    }),
  );
}

describe('the queue count index', { timeout: 30_000 }, () => {
  it('keeps every bucket of one filter in key ranges, and no segment of two', () => {
    for (const filters of FILTERS)
      for (const segment of segmentsOf(filters)) expect(binRange(segment)).not.toBeNull();
    const both = { ...DEFAULT_FILTERS, serviceType: 'WORK_PERMIT', assigneeId: 'ayse' };
    for (const segment of segmentsOf(both)) expect(binRange(segment)).toBeNull();
  });

  it('is not used before it was built, and counts as buildQueue does once it is', async () => {
    const index = createCountIndex(db.renewals as never);
    expect(await index.counts(segmentsOf(DEFAULT_FILTERS))).toBe(false);
    for (const filters of FILTERS)
      expect(await binCounts(index, filters)).toEqual(await expected(filters));
    index.stop();
  });

  it('counts a range with two bounds on a side (a jump within a window) as an index does', async () => {
    const index = createCountIndex(db.renewals as never);
    await index.catchUp();
    const days = [-41, -40, -1, 0, 1, 30, 159, 160].map((d) => addDays(today, d));
    const ranges: Record<string, string>[] = [];
    for (const a of days)
      for (const b of days) {
        ranges.push({ $gte: a, $lte: today, $lt: b });
        ranges.push({ $gt: a, $gte: b });
        ranges.push({ $gte: a, $gt: b, $lt: addDays(today, 100), $lte: addDays(today, 100) });
      }
    for (const status of ['ACTIVE', 'OVERDUE'])
      for (const dueDate of ranges) {
        const selector = { status, dueDate };
        const segment = { ...segmentsOf(DEFAULT_FILTERS)[0]!, selector } as never;
        const want = await db.renewals.count({ selector } as never).exec();
        expect([dueDate, (await index.count([segment]))[0]]).toEqual([dueDate, want]);
      }
    index.stop();
  });

  it('is not counted from after a build that stopped halfway (a checkpoint alone)', async () => {
    const settings = (db.storage as unknown as { settings: ConstructorParameters<typeof Dexie>[1] })
      .settings;
    const dexie = new Dexie(`${db.name}-count-index`, settings);
    dexie.version(1).stores({ bins: 'k', seen: 'id', marks: 'feed' });
    await dexie.table('marks').put({ feed: 'storage', storageToken: await db.storageToken });
    await dexie.table('marks').put({ feed: 'renewals', checkpoint: { id: 'r0100', lwt: 1 } });
    dexie.close();
    const index = createCountIndex(db.renewals as never);
    expect(await index.counts(segmentsOf(DEFAULT_FILTERS))).toBe(false);
  });

  it('moves renewals between bins as they are added, changed and deleted', async () => {
    const index = createCountIndex(db.renewals as never);
    await index.catchUp();
    const store = rxdbStore(db);
    await store.insert('renewals', [
      aRenewal({ id: 'new1', dueDate: today, status: 'ACTIVE', serviceType: 'WORK_PERMIT' }),
    ]);
    const change = async (id: string, patch: Partial<Renewal>) => {
      const before = (await store.get('renewals', id))!;
      await store.update('renewals', [{ before, after: { ...before, ...patch } as Renewal }]);
    };
    await change('r0000', { dueDate: addDays(today, 150) });
    await change('r0001', { status: 'COMPLETED' });
    await change('r0002', { serviceType: 'VISA_EXTENSION' });
    await change('r0003', { assigneeId: 'ayse' });
    await (await db.renewals.findOne('r0006').exec())!.remove();
    for (const filters of FILTERS)
      expect(await binCounts(index, filters)).toEqual(await expected(filters));
    index.stop();
  });

  it('never counts a change twice: the feed read again, or two tabs following it', async () => {
    const one = createCountIndex(db.renewals as never);
    const two = createCountIndex(db.renewals as never);
    await Promise.all([one.catchUp(), two.catchUp()]);
    const store = rxdbStore(db);
    const before = (await store.get('renewals', 'r0010'))!;
    await store.update('renewals', [{ before, after: { ...before, status: 'CANCELLED' } }]);
    await Promise.all([one.catchUp(), two.catchUp(), one.catchUp()]);
    // Everything written in the last moments is read again by each catch-up (the feed margin).
    await two.catchUp();
    for (const filters of FILTERS) {
      expect(await binCounts(one, filters)).toEqual(await expected(filters));
      expect(await binCounts(two, filters)).toEqual(await expected(filters));
    }
    one.stop();
    two.stop();
  });

  it('gives the queue live counts from the bins once built', async () => {
    const reader = createQueueReader(db.renewals as never);
    await reader.counter.catchUp();
    const buckets = bucketSegments(DEFAULT_FILTERS, today);
    const first = await firstValueFrom(reader.watchBucketCounts(buckets));
    expect(first).toEqual(await expected(DEFAULT_FILTERS));
    // A bin only the index holds: counts from RxDB's indexes would not see it.
    await putStraightIntoIndex([`a\u0001ACTIVE\u0001\u0001${addDays(today, 200)}`, 5]);
    const seen: number[] = [];
    const live = reader
      .watchBucketCounts(buckets)
      .pipe(filter((c) => c.later !== undefined))
      .subscribe((c) => seen.push(c.later));
    await expect.poll(() => seen.at(-1)).toBe(first.later + 5);
    await rxdbStore(db).insert('renewals', [
      aRenewal({ id: 'new2', dueDate: addDays(today, 300), status: 'ACTIVE' }),
    ]);
    await expect.poll(() => seen.at(-1)).toBe(first.later + 6);
    live.unsubscribe();
    reader.counter.stop();
  });

  it("is deleted with the device's data, and starts again for another storage", async () => {
    const index = createCountIndex(db.renewals as never);
    await index.catchUp();
    const factory = (db.storage as unknown as { settings: { indexedDB: IDBFactory } }).settings
      .indexedDB;
    const names = async () => (await factory.databases()).map((d) => d.name);
    expect(await names()).toContain(`${db.name}-count-index`);
    await deleteCountIndex(db);
    expect(await names()).not.toContain(`${db.name}-count-index`);

    const again = createCountIndex(db.renewals as never);
    await again.catchUp();
    await putStraightIntoIndex([`a\u0001ACTIVE\u0001\u0001${today}`, 1000]);
    const token = await db.storageToken;
    Object.defineProperty(db, 'storageToken', { value: Promise.resolve(`${token}-other`) });
    const fresh = createCountIndex(db.renewals as never);
    expect(await fresh.counts(segmentsOf(DEFAULT_FILTERS))).toBe(false);
    expect(await binCounts(fresh, DEFAULT_FILTERS)).toEqual(await expected(DEFAULT_FILTERS));
  });
});

/** Adds `n` to the bin `k` in the index's own IndexedDB database, past RxDB. */
async function putStraightIntoIndex([k, n]: [string, number]) {
  const settings = (db.storage as unknown as { settings: ConstructorParameters<typeof Dexie>[1] })
    .settings;
  const dexie = new Dexie(`${db.name}-count-index`, settings);
  dexie.version(1).stores({ bins: 'k', seen: 'id', marks: 'feed' });
  const bin = (await dexie.table('bins').get(k)) as { n: number } | undefined;
  await dexie.table('bins').put({ k, n: (bin?.n ?? 0) + n });
  dexie.close();
}
