import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoLapseDatabase } from './database';
import { rxdbStore } from './rxdb-store';
import { openTestDatabase } from './rxdb.test-support';

let db: NoLapseDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

/** The stored revision of the jobs' feed cursors (a local document of the database). */
const revision = async () => (await db.getLocal('job-cursors'))?.revision ?? null;

describe("the jobs' feed cursors on RxDB", () => {
  it('are written when they move, and not again when a run leaves them where they were', async () => {
    const feed = rxdbStore(db).changes!;
    await feed.write('delivery:events', { mark: 'a', me: null });
    await feed.write('sweep:instances', { mark: 'b', signed: { ins_1: '2027-01-01' } });
    const moved = await revision();
    expect(moved).not.toBeNull();

    await feed.write('delivery:events', { mark: 'a', me: null });
    await feed.write('sweep:instances', { mark: 'b', signed: { ins_1: '2027-01-01' } });
    expect(await revision()).toBe(moved);

    await feed.write('sweep:instances', { mark: 'c', signed: { ins_1: '2027-01-01' } });
    expect(await revision()).not.toBe(moved);
    expect(await feed.read('sweep:instances')).toEqual({
      mark: 'c',
      signed: { ins_1: '2027-01-01' },
    });
    expect(await feed.read('delivery:events')).toEqual({ mark: 'a', me: null });
    // A fresh store port (another run, or the app after a restart) reads what was written.
    expect(await rxdbStore(db).changes!.read('sweep:instances')).toMatchObject({ mark: 'c' });
  });
});
