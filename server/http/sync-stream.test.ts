import { aRenewal } from '../../shared/renewals/fixtures.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/schema/customer.js';
import { configFrom } from '../config.js';
import type { Database } from '../db/database.js';
import { pgliteForTest, postgresForTest } from '../db/test-databases.test-support.js';
import { startServer, type RunningServer } from '../start.js';
import { sqlStore } from '../store/sql-store.js';
import { syncExtension } from './sync-routes.js';
import { creating, customer, syncClient, syncTestServer, testOffice } from './sync.test-support.js';

/** Polls a condition the server reaches on its own (a socket closing), without fixed sleeps. */
async function eventually(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  return check();
}

describe('the change stream on one server', () => {
  let db: Database;
  let server: Awaited<ReturnType<typeof syncTestServer>>;
  beforeAll(async () => {
    db = await pgliteForTest();
    server = await syncTestServer(db, { heartbeatMs: 50 });
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  it('announces a push with the latest sequence, which a pull then reaches', async () => {
    const { token } = await testOffice(db);
    const client = syncClient(server.url, token);
    const stream = await client.stream('customers');
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    expect(await stream.next!()).toEqual({ comment: 'connected' });

    await client.push('customers', [creating(customer('streamed'))]);
    const change = await stream.nextChange!();
    const { checkpoint, documents } = await client.pullAll('customers');

    expect(change).toEqual({ seq: checkpoint });
    expect(documents.map((d) => d.id)).toEqual(['streamed']);
    stream.close();
  });

  it('carries every collection of the office on one stream, naming each change', async () => {
    const mine = await testOffice(db);
    const theirs = await testOffice(db);
    const client = syncClient(server.url, mine.token);
    const stream = await client.stream(null);
    expect(await stream.next!()).toEqual({ comment: 'connected' });

    await syncClient(server.url, theirs.token).push('customers', [creating(customer('theirs'))]);
    await client.push('customers', [creating(customer('c-1'))]);
    const first = await stream.nextChange!();
    await client.push('renewals', [
      creating({ ...aRenewal({ id: 'r-1', dueDate: '2026-03-15' }), _deleted: false }),
    ]);
    const second = await stream.nextChange!();

    expect(first).toEqual({
      collection: 'customers',
      seq: (await client.pullAll('customers')).checkpoint,
    });
    expect(second).toEqual({
      collection: 'renewals',
      seq: (await client.pullAll('renewals')).checkpoint,
    });
    stream.close();
  });

  it("announces the server's own job writes, and nothing of other offices or collections", async () => {
    const mine = await testOffice(db);
    const theirs = await testOffice(db);
    const stream = await syncClient(server.url, mine.token).stream('customers');
    await stream.next!();

    await syncClient(server.url, theirs.token).push('customers', [creating(customer('theirs'))]);
    await syncClient(server.url, mine.token).push('renewals', [
      creating({ ...aRenewal({ id: 'r1', dueDate: '2026-03-15' }), _deleted: false }),
    ]);
    await sqlStore(db, mine.officeId).insert('customers', [
      { id: 'by-job', name: 'Written by the daily job' } as unknown as Customer,
    ]);

    const change = await stream.nextChange!();
    const { checkpoint, documents } = await syncClient(server.url, mine.token).pullAll('customers');
    expect(documents.map((d) => d.id)).toEqual(['by-job']);
    expect(change).toEqual({ seq: checkpoint });
    stream.close();
  });

  it('sends a heartbeat comment while nothing changes', async () => {
    const { token } = await testOffice(db);
    const stream = await syncClient(server.url, token).stream('customers');
    expect(await stream.next!()).toEqual({ comment: 'connected' });
    expect(await stream.next!()).toEqual({ comment: 'heartbeat' });
    stream.close();
  });

  it('forgets a stream when its device disconnects', async () => {
    const { token } = await testOffice(db);
    // The earlier tests' streams are closing on their own.
    expect(await eventually(() => server.app.syncStreamCount() === 0)).toBe(true);
    const streams = await Promise.all(
      [1, 2, 3].map(() => syncClient(server.url, token).stream('customers')),
    );
    for (const stream of streams) await stream.next!();
    expect(server.app.syncStreamCount()).toBe(3);

    for (const stream of streams) stream.close();
    expect(await eventually(() => server.app.syncStreamCount() === 0)).toBe(true);
  });

  it('ends open streams when the server closes, so shutdown is not held up', async () => {
    const own = await syncTestServer(db);
    const { token } = await testOffice(db);
    const stream = await syncClient(own.url, token).stream('customers');
    await stream.next!();

    await own.close();

    expect(await stream.next!()).toBeNull();
    expect(own.app.syncStreamCount()).toBe(0);
  });
});

describe('two server instances on one PostgreSQL', () => {
  let pg: Awaited<ReturnType<typeof postgresForTest>>;
  const servers: RunningServer[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'nolapse-sync-'));
  beforeAll(async () => {
    pg = await postgresForTest();
    const config = configFrom({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: pg.url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    });
    for (let i = 0; i < 2; i++) servers.push(await startServer(config, [syncExtension()]));
  }, 60_000);
  afterAll(async () => {
    for (const server of servers) await server.close();
    await pg.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('carries a push through one instance to a device streaming from the other', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const { token } = await testOffice(pg.db);
    const stream = await syncClient(b.url, token).stream('customers');
    await stream.next!();

    await syncClient(a.url, token).push('customers', [creating(customer('via-a'))]);
    const change = await stream.nextChange!();
    const { documents, checkpoint } = await syncClient(b.url, token).pullAll('customers');

    expect(documents.map((d) => d.id)).toEqual(['via-a']);
    expect(change).toEqual({ seq: checkpoint });
    stream.close();
  });

  it("keeps announcing after the database drops an instance's listening connection", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const { token } = await testOffice(pg.db);
    const listeners = async () =>
      (
        await pg.db.query<{ pid: number }>(
          "select pid from pg_stat_activity where datname = current_database() and query ilike 'listen%'",
        )
      ).rows.map((r) => r.pid);
    const before = await listeners();
    expect(before).toHaveLength(2);
    // An administrator (or a failover) ends every listening connection.
    await pg.db.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [before]);
    let after: number[] = [];
    for (let i = 0; i < 500 && after.filter((pid) => !before.includes(pid)).length < 2; i++) {
      await new Promise((r) => setTimeout(r, 20));
      after = await listeners();
    }
    expect(after.filter((pid) => !before.includes(pid))).toHaveLength(2);

    const stream = await syncClient(b.url, token).stream('customers');
    await stream.next!();
    await syncClient(a.url, token).push('customers', [creating(customer('after-drop'))]);
    const { checkpoint } = await syncClient(b.url, token).pullAll('customers');
    expect(await stream.nextChange!()).toEqual({ seq: checkpoint });
    stream.close();
  }, 30_000);

  it('carries a write of any process on the database (a job on a third) to both', async () => {
    const { token, officeId } = await testOffice(pg.db);
    const streams = await Promise.all(
      servers.map((server) => syncClient(server.url, token).stream('customers')),
    );
    for (const stream of streams) await stream.next!();

    await sqlStore(pg.db, officeId).insert('customers', [
      { id: 'from-job', name: 'A job elsewhere' } as unknown as Customer,
    ]);

    const changes = await Promise.all(streams.map((stream) => stream.nextChange!()));
    const { checkpoint } = await syncClient(servers[0]!.url, token).pullAll('customers');
    expect(changes).toEqual([{ seq: checkpoint }, { seq: checkpoint }]);
    for (const stream of streams) stream.close();
  });
});
