import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { testJobs } from '../../../shared/jobs/jobs.test-support';
import { OFFICE_CONFIG_ID, type OfficeSettings } from '../../../shared/office';
import { createToken } from '../../../server/auth/offices';
import { OFFICE_SYNC_COLLECTIONS } from '../../../server/http/sync-collections';
import { creating, customer } from '../../../server/http/sync.test-support';
import type { NoLapseDatabase } from '../db/database';
import { rxdbStore } from '../db/rxdb-store';
import { openTestDatabase } from '../db/rxdb.test-support';
import { memoryStorage } from './connection';
import { createSyncManager, type SyncManager, type SyncStatus } from './manager';
import { useSyncServer } from './sync-server.test-support';

const opened: { manager: SyncManager; db: NoLapseDatabase }[] = [];
afterEach(async () => {
  for (const { manager, db } of opened.splice(0)) {
    await manager.stop();
    await db.close();
  }
});

/** A device: the app's own database (fake-indexeddb) and its sync manager. */
async function device() {
  const db = await openTestDatabase();
  const storage = memoryStorage();
  const manager = createSyncManager({ db, storage, retryTime: 100 });
  opened.push({ manager, db });
  return { db, storage, manager, jobs: testJobs(rxdbStore(db)).jobs };
}

function statusOf(manager: SyncManager, state: SyncStatus['state']) {
  return firstValueFrom(
    manager.status$.pipe(
      filter((s) => s.state === state),
      timeout(20_000),
    ),
  );
}

async function valueOf<V>(
  result: Promise<{ ok: true; value: V } | { ok: false; errors: unknown }>,
) {
  const settled = await result;
  if (!settled.ok) throw new Error(JSON.stringify(settled.errors));
  return settled.value;
}

async function eventually<T>(read: () => Promise<T | null | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('never arrived');
}

const AT = '2026-03-02T09:00:00.000Z';

/** A customer as another device of the office writes it, valid for the app's schema. */
const fullCustomer = (id: string, name: string) =>
  customer(id, { name, assigneeId: 'me', permits: [], createdAt: AT, updatedAt: AT });

describe('a device joining its office server', { timeout: 30_000 }, () => {
  const server = useSyncServer('PGlite', { collections: OFFICE_SYNC_COLLECTIONS });

  it('says what is wrong with the address or the token, under the right field', async () => {
    await server.newOffice();
    const { manager } = await device();
    expect(await manager.plan('', server.token)).toMatchObject({
      ok: false,
      errors: { url: /address/ },
    });
    expect(await manager.plan('ftp://office', server.token)).toMatchObject({
      errors: { url: /http:\/\/ or https:\/\// },
    });
    expect(await manager.plan(server.url, 'nl_wrong')).toMatchObject({
      errors: { token: /does not accept this token/ },
    });
    expect(await manager.plan('127.0.0.1:9', server.token)).toMatchObject({
      errors: { url: /Could not reach http:\/\/127\.0\.0\.1:9/ },
    });
    const plan = await valueOf(manager.plan(server.url.replace('http://', ''), server.token));
    expect(plan).toMatchObject({ url: server.url, kind: 'download', localRecords: 0 });
  });

  // RxDB's open-source build allows 13 collections per process, so one NoLapse device (12)
  // is open at a time here; the other device is the protocol spoken by hand. Two full devices
  // side by side are proven in Chromium (e2e/web/office-sync.spec.ts).
  it('uploads a device to an empty office with its settings, then stays in step live', async () => {
    await server.newOffice();
    const a = await device();
    await valueOf(
      a.jobs.settings.saveOffice(AT, {
        officeName: 'Ikamet Istanbul',
        timeZone: 'Europe/Istanbul',
        dailyRefreshTime: '07:00',
        staff: [
          { id: 'ayse', name: 'Ayşe' },
          { id: 'mehmet', name: 'Mehmet' },
        ],
      }),
    );
    await valueOf(a.jobs.renewals.createCustomer(AT, { name: 'Elif Kaya', assigneeId: 'ayse' }));
    const planA = await valueOf(a.manager.plan(server.url, server.token));
    expect(planA).toMatchObject({ kind: 'upload', localRecords: 1 });
    await valueOf(a.manager.join(planA));
    expect(await statusOf(a.manager, 'synced')).toMatchObject({ office: 'Sync office' });

    const client = server.client();
    const office = (await client.pullAll('config')).documents.find(
      (d) => d.id === OFFICE_CONFIG_ID,
    );
    expect((office?.value as OfficeSettings).officeName).toBe('Ikamet Istanbul');
    expect((await client.pullAll('customers')).documents.map((d) => d.name)).toEqual(['Elif Kaya']);

    // Another device writes: this one hears of it on the stream and pulls it.
    await client.push('customers', [creating(fullCustomer('cus_other', 'Kemal Öztürk'))]);
    await eventually(() => a.db.customers.findOne('cus_other').exec());
  });

  it('downloads an office into an empty device, and asks before merging into one with records', async () => {
    await server.newOffice();
    await server
      .client()
      .push('customers', [creating(fullCustomer('cus_office', 'Office record'))]);

    const empty = await device();
    const download = await valueOf(empty.manager.plan(server.url, server.token));
    expect(download).toMatchObject({ kind: 'download', info: { hasData: true } });
    await valueOf(empty.manager.join(download));
    await eventually(() => empty.db.customers.findOne('cus_office').exec());
    // The office it already syncs with: joined again without a question.
    expect((await valueOf(empty.manager.plan(server.url, server.token))).kind).toBe('rejoin');
    await empty.manager.stop();
    await empty.db.close();
    opened.length = 0;

    const other = await device();
    await valueOf(other.jobs.renewals.createCustomer(AT, { name: 'Mine', assigneeId: 'me' }));
    expect(await valueOf(other.manager.plan(server.url, server.token))).toMatchObject({
      kind: 'merge',
      localRecords: 1,
    });
  });

  it('stops on a revoked token and says what to do', async () => {
    const office = await server.newOffice();
    const staff = await createToken(server.db, office.officeId, {
      role: 'staff',
      staffId: null,
      label: 'Laptop',
    });
    const d = await device();
    await valueOf(d.manager.join(await valueOf(d.manager.plan(server.url, staff.token))));
    await statusOf(d.manager, 'synced');
    await server.db.query('update tokens set revoked_at = now() where id = $1', [staff.id]);
    d.manager.syncNow();
    const status = await statusOf(d.manager, 'error');
    expect(status).toMatchObject({
      stopped: true,
      reason: expect.stringMatching(/no longer accepts/),
      action: expect.stringMatching(/new token/),
    });
  });

  it('works offline: edits stay on the device and go up when the server is back', async () => {
    await server.newOffice();
    const d = await device();
    await valueOf(d.manager.join(await valueOf(d.manager.plan(server.url, server.token))));
    await statusOf(d.manager, 'synced');

    await server.stop();
    d.manager.syncNow();
    const offline = await statusOf(d.manager, 'offline');
    expect(offline).toMatchObject({ office: 'Sync office' });
    const customer = await valueOf(
      d.jobs.renewals.createCustomer(AT, { name: 'Written offline', assigneeId: 'me' }),
    );

    await server.start();
    d.manager.syncNow();
    await statusOf(d.manager, 'synced');
    await eventually(async () =>
      (await server.client().pullAll('customers')).documents.find((c) => c.id === customer.id),
    );
  });
});
