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
import { openTestDatabase } from './rxdb.test-support';

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
