import { IDBCursor } from 'fake-indexeddb';
import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../../shared/notice';
import { defaultOfficeSettings, type OfficeSettings } from '../../../shared/office';
import { testJobs } from '../../../shared/jobs/jobs.test-support';
import { deliver, deliverDigests } from '../../../shared/jobs/plan';
import { createData, type Data } from './data';
import type { NoLapseDatabase } from './database';
import { rxdbStore } from './rxdb-store';
import { countPlan, openTestDatabase } from './rxdb.test-support';

const office: OfficeSettings = {
  ...defaultOfficeSettings('UTC'),
  officeName: 'Ikamet',
  staff: [
    { id: 'can', name: 'Can', reminders: { desktop: { mode: 'daily', at: '08:00', weekday: 1 } } },
  ],
};
const reminder = (id: string): Notice => ({
  id,
  title: `Title ${id}`,
  body: `Body ${id}`,
  route: '/queue',
  audience: { kind: 'staff', staffId: 'can' },
});

/** How many records IndexedDB cursors stepped over while `during` ran. */
async function cursorSteps(during: () => Promise<unknown>): Promise<number> {
  const original = IDBCursor.prototype.continue;
  let steps = 0;
  IDBCursor.prototype.continue = function (this: IDBCursor, key?: IDBValidKey) {
    steps++;
    return original.call(this, key);
  };
  try {
    await during();
  } finally {
    IDBCursor.prototype.continue = original;
  }
  return steps;
}

let db: NoLapseDatabase;
let data: Data;
let h: ReturnType<typeof testJobs>;

beforeAll(async () => {
  db = await openTestDatabase();
  data = createData(db);
  h = testJobs(rxdbStore(db), { device: { me: () => 'can' } });
  await h.jobs.settings.saveOffice('2026-11-20T07:00:00.000Z', office);
  // Three days of digests taken: 40 reminders each, then 3 that wait for tomorrow's.
  for (const day of ['20', '21', '22']) {
    const ids = Array.from({ length: 40 }, (_, i) => `d${day}-${i}`);
    await deliver(h.ports, ids.map(reminder), `2026-11-${day}T09:00:00.000Z`);
    expect(await deliverDigests(h.ports, `2026-11-${Number(day) + 1}T08:00:00.000Z`)).toBe(1);
  }
  await deliver(h.ports, ['w1', 'w2', 'w3'].map(reminder), '2026-11-23T09:00:00.000Z');
});
afterAll(async () => {
  await db.close();
});

describe('the notices that wait for a digest, on RxDB', () => {
  it('are read without stepping over the notices digests already took', async () => {
    let waiting: { id: string }[] = [];
    const steps = await cursorSteps(async () => {
      waiting = await firstValueFrom(data.notifications.watchWaitingDigests());
    });
    expect(waiting.map((n) => n.id).sort()).toEqual(['w1', 'w2', 'w3']);
    // The three waiting notices (and the cursor's end), not the 120 taken before them.
    expect(steps).toBeLessThanOrEqual(4);
  });

  it("are the digest's, which reads them the same way and then lets them wait no more", async () => {
    let shown = 0;
    const steps = await cursorSteps(async () => {
      shown = await deliverDigests(h.ports, '2026-11-24T08:00:00.000Z');
    });
    expect(shown).toBe(1);
    expect(steps).toBeLessThanOrEqual(4);
    const taken = await db.notifications.find({ selector: { id: { $in: ['w1', 'w2'] } } }).exec();
    expect(taken.map((n) => [n.digestDue, n.digestedAt])).toEqual([
      ['', '2026-11-24T08:00:00.000Z'],
      ['', '2026-11-24T08:00:00.000Z'],
    ]);
    expect(await firstValueFrom(data.notifications.watchWaitingDigests())).toEqual([]);
  });
});

describe('the unread count on RxDB (notifications v4)', () => {
  it('counts the unread notices in the readAt index alone, not by reading every notice', async () => {
    expect(countPlan(db.notifications, { readAt: '' })).toMatchObject({
      index: ['_deleted', 'readAt', 'id'],
      selectorSatisfiedByIndex: true,
    });
    const all = (await db.notifications.find().exec()).map((n) => n.toJSON());
    let unread = -1;
    const steps = await cursorSteps(async () => {
      unread = await firstValueFrom(data.notifications.watchUnreadCount());
    });
    expect(unread).toBe(all.filter((n) => n.readAt === '').length);
    expect(unread).toBeGreaterThan(120);
    expect(steps).toBe(0);
  });

  it('reads only the unread ones to mark them read, and then counts none', async () => {
    const marked = await h.jobs.notifications.markAllRead('2026-11-24T10:00:00.000Z');
    expect(marked.ok && marked.value).toBeGreaterThan(120);
    expect(await firstValueFrom(data.notifications.watchUnreadCount())).toBe(0);
    const read = await db.notifications.find().exec();
    expect(new Set(read.map((n) => n.readAt))).toEqual(new Set(['2026-11-24T10:00:00.000Z']));
    // A notice delivered after that is unread again.
    await deliver(h.ports, [reminder('late')], '2026-11-24T11:00:00.000Z');
    expect(await firstValueFrom(data.notifications.watchUnreadCount())).toBe(1);
  });
});
