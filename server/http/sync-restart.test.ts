import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PushRow } from '../../shared/sync/protocol.js';
import { configFrom } from '../config.js';
import type { Database } from '../db/database.js';
import { startServer, type Extension, type RunningServer } from '../start.js';
import { OFFICE_SYNC_COLLECTIONS } from './sync-collections.js';
import { syncRoutes } from './sync-routes.js';
import { creating, customer, syncClient, testOffice } from './sync.test-support.js';

/**
 * Holds a push's transaction open just before it commits, when armed, so a test can stop the
 * server while that push is under way, or make the commit fail as a dropped connection would.
 */
function commitGate() {
  let armed: { entered: () => void; outcome: Promise<'commit' | 'fail'> } | null = null;
  return {
    /** Arms the gate for the next transaction; resolves when one reaches it. */
    arm(outcome: Promise<'commit' | 'fail'>) {
      return new Promise<void>((entered) => {
        armed = { entered, outcome };
      });
    },
    extension: ((_context) => (app, db: Database) =>
      syncRoutes({ collections: OFFICE_SYNC_COLLECTIONS })(app, {
        ...db,
        transaction: (work) =>
          db.transaction(async (tx) => {
            const result = await work(tx);
            const gate = armed;
            armed = null;
            if (gate) {
              gate.entered();
              if ((await gate.outcome) === 'fail')
                throw new Error('connection to the database lost');
            }
            return result;
          }),
      })) satisfies Extension,
  };
}

describe('a server restarted in the middle of a push', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nolapse-restart-'));
  const config = configFrom({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
  });
  let server: RunningServer | null = null;
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing and duplicates nothing when the device retries as RxDB does', async () => {
    const gate = commitGate();
    server = await startServer(config, [gate.extension]);
    const { token } = await testOffice(server.db);
    const records = Array.from({ length: 3000 }, (_, i) =>
      customer(`c-${String(i).padStart(4, '0')}`, { notes: `record ${i}` }),
    );
    const batches: PushRow[][] = [];
    for (let i = 0; i < records.length; i += 250)
      batches.push(records.slice(i, i + 250).map(creating));

    // The device pushes batch after batch, as RxDB's upstream does.
    let device = syncClient(server.url, token);
    for (const batch of batches.slice(0, 4))
      expect(await device.push('customers', batch)).toEqual([]);

    // Batch 4 is under way when the server is told to stop, and the device loses the answer.
    let release!: (outcome: 'commit' | 'fail') => void;
    const reached = gate.arm(new Promise((resolve) => (release = resolve)));
    const lost = new AbortController();
    const inFlight = device
      .request('/sync/customers/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batches[4]),
        signal: lost.signal,
      })
      .catch((error: Error) => error);
    await reached;
    lost.abort();
    const stopping = server.close();
    release('commit');
    await stopping;
    expect(await inFlight).toBeInstanceOf(Error);
    // The device cannot reach it now; RxDB keeps the batch and retries later.
    await expect(device.push('customers', batches[4]!)).rejects.toThrow();

    // The server comes back on the same data folder.
    server = await startServer(config, [gate.extension]);
    device = syncClient(server.url, token);
    // The retry of the unanswered batch: the server already holds exactly what the device sent,
    // so every row comes back as a "conflict" equal to the device's own state, which RxDB's
    // conflict handler resolves as nothing to do.
    expect(await device.push('customers', batches[4]!)).toEqual(
      batches[4]!.map((row) => row.newDocumentState),
    );

    // Batch 5's transaction fails instead (a dropped database connection): nothing of it is
    // written, the device is told, and its retry writes it.
    const failing = gate.arm(Promise.resolve('fail'));
    await expect(device.push('customers', batches[5]!)).rejects.toThrow(/internal/);
    await failing;
    const { checkpoint } = await device.pullAll('customers');
    expect((await device.pull('customers', checkpoint)).documents).toEqual([]);
    for (const batch of batches.slice(5)) expect(await device.push('customers', batch)).toEqual([]);

    const { documents } = await device.pullAll('customers');
    expect(documents).toHaveLength(records.length);
    expect(new Set(documents.map((d) => d.id)).size).toBe(records.length);
    expect([...documents].sort((a, b) => (a.id as string).localeCompare(b.id as string))).toEqual(
      records,
    );
  }, 120_000);
});
