import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createOffice } from '../auth/offices.js';
import { configFrom } from '../config.js';
import { SERVER_EXTENSIONS } from '../extensions.js';
import { startServer, type RunningServer } from '../start.js';
import { completionOut, customerOut, queueOut, renewalOut, timelineOut } from './ops-schemas.js';
import { answer } from './ops.test-support.js';

describe('the ops API’s data across a restart, on PGlite in a data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nolapse-ops-restart-'));
  let server: RunningServer | null = null;
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // The server as `npm run server` starts it: the configured extensions and the real clock.
  const start = () =>
    startServer(
      configFrom({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
      SERVER_EXTENSIONS,
    );
  const call = (token: string, path: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${server!.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  it('keeps customers, renewals, completions and timelines, and the token still works', async () => {
    server = await start();
    const { adminToken: token } = await createOffice(server.db, {
      name: 'Ikamet',
      timeZone: 'UTC',
    });
    const customer = await answer(
      await call(token, '/ops/customers', { body: { full_name: 'Elif Kaya' } }),
      201,
      customerOut,
    );
    const renewal = await answer(
      await call(token, `/ops/customers/${customer.id}/renewals`, {
        body: { service_type: 'RESIDENCE_PERMIT', due_date: '2030-03-15', repeats: 'yearly' },
      }),
      201,
      renewalOut,
    );
    const done = await answer(
      await call(token, `/ops/renewals/${renewal.id}/complete`, { method: 'PATCH' }),
      200,
      completionOut,
    );
    expect(done.next).toMatchObject({ due_date: '2031-03-15' });
    const read = async () => ({
      queue: await answer(await call(token, '/ops/renewals?window=all&status=all'), 200, queueOut),
      timeline: await answer(
        await call(token, `/ops/customers/${customer.id}/timeline`),
        200,
        timelineOut,
      ),
    });
    const before = await read();
    expect(before.queue.items.map((r) => [r.id, r.status])).toEqual([
      [done.next!.id, 'ACTIVE'],
      [renewal.id, 'COMPLETED'],
    ]);
    expect(before.timeline.items.map((e) => e.type)).toEqual(['RENEWAL_COMPLETED']);

    await server.close();
    server = null;
    server = await start();
    expect(await read()).toEqual(before);
    // A second completion after the restart is still refused: the state was kept, not rebuilt.
    expect(
      (await call(token, `/ops/renewals/${renewal.id}/complete`, { method: 'PATCH' })).status,
    ).toBe(409);
  }, 120_000);
});
