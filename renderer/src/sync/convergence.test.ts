import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { testJobs } from '../../../shared/jobs/jobs.test-support';
import { OFFICE_SYNC_COLLECTIONS } from '../../../server/http/sync-collections';
import { officeJobs } from '../../../server/jobs/office-jobs';
import { sqlStore } from '../../../server/store/sql-store';
import type { NoLapseDatabase } from '../db/database';
import { rxdbStore } from '../db/rxdb-store';
import { openTestDatabase } from '../db/rxdb.test-support';
import { memoryStorage } from './connection';
import { createSyncManager, type SyncManager } from './manager';
import { SYNC_SERVER_KINDS, useSyncServer } from './sync-server.test-support';

const at = (date: string, time = '07:00') => `${date}T${time}:00.000Z`;

async function valueOf<V>(
  result: Promise<{ ok: true; value: V } | { ok: false; errors: unknown }>,
) {
  const settled = await result;
  if (!settled.ok) throw new Error(JSON.stringify(settled.errors));
  return settled.value;
}

const synced = (manager: SyncManager) =>
  firstValueFrom(
    manager.status$.pipe(
      filter((s) => s.state === 'synced'),
      timeout(30_000),
    ),
  );

let open: { manager: SyncManager; db: NoLapseDatabase } | null = null;
afterEach(async () => {
  await open?.manager.stop();
  await open?.db.close();
  open = null;
});

describe.each(SYNC_SERVER_KINDS)(
  'the server and a desktop running the same day on %s',
  { timeout: 60_000 },
  (kind) => {
    const server = useSyncServer(kind, { collections: OFFICE_SYNC_COLLECTIONS });

    it('converge to one set of events and tasks: same ids, nothing twice', async () => {
      const office = await server.newOffice();
      const db = await openTestDatabase();
      const manager = createSyncManager({ db, storage: memoryStorage(), retryTime: 100 });
      open = { manager, db };
      const desktop = testJobs(rxdbStore(db)).jobs;
      const customer = await valueOf(
        desktop.renewals.createCustomer(at('2026-03-01'), { name: 'Elif Kaya', assigneeId: 'me' }),
      );
      for (const [serviceType, dueDate] of [
        ['WORK_PERMIT', '2026-03-16'],
        ['RESIDENCE_PERMIT', '2026-03-23'],
        ['TAX_FILING', '2026-04-01'],
      ] as const)
        await valueOf(
          desktop.renewals.createRenewal(at('2026-03-01'), customer.id, {
            serviceType,
            dueDate,
            assigneeId: 'me',
          }),
        );
      await valueOf(manager.join(await valueOf(manager.plan(server.url, server.token))));
      await synced(manager);

      // Both run the day's job apart (the desktop is offline from the server meanwhile).
      await manager.stop();
      const tick = { reason: 'daily' as const, at: at('2026-03-09') };
      const onDesktop = await desktop.runDaily(tick);
      const onServer = await officeJobs(server.db, office.officeId).runDaily(tick);
      expect(onDesktop.renewals.events).toBeGreaterThan(0);
      expect(onServer.renewals.events).toBe(onDesktop.renewals.events);
      expect(onServer.renewals.tasks).toBe(onDesktop.renewals.tasks);

      manager.resume();
      await synced(manager);
      const store = sqlStore(server.db, office.officeId);
      const ids = async (collection: 'events' | 'tasks') => ({
        desktop: (await db[collection].find().exec()).map((d) => d.id).sort(),
        server: (await store.find(collection, { selector: {} })).map((r) => r.id).sort(),
      });
      const events = await ids('events');
      const tasks = await ids('tasks');
      expect(events.desktop).toEqual(events.server);
      expect(tasks.desktop).toEqual(tasks.server);
      expect(new Set(events.server).size).toBe(events.server.length);
      // One alert per renewal and stage that day: 7 days (URGENT), 14 days (HIGH), 30 days.
      const triggered = (await store.find('events', { selector: { type: 'RENEWAL_TRIGGERED' } }))
        .map((e) => `${e.subjectId} ${e.stage}`)
        .sort();
      expect(triggered).toEqual([...new Set(triggered)]);
      expect(tasks.server.map((id) => id.split(':')[2]).sort()).toEqual(['HIGH', 'URGENT']);
      // The renewals agree on the stage they reached.
      const stages = async () =>
        (await db.renewals.find().exec()).map((r) => `${r.id} ${r.stage}`).sort();
      const serverStages = (await store.find('renewals', { selector: {} }))
        .map((r) => `${r.id} ${r.stage}`)
        .sort();
      expect(await stages()).toEqual(serverStages);
    });
  },
);
