import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStore } from '../store/sql-store.js';
import { completionOut, customerOut, errorOut, queueOut, renewalOut } from './ops-schemas.js';
import { answer, startOps, TARGETS, writeCounts, type OpsServer } from './ops.test-support.js';

const DROP = "'; drop table docs; --";

describe.each(TARGETS)('the ops API’s defences on $label', (target) => {
  let server: OpsServer;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const opened = await target.open();
    drop = opened.drop;
    server = await startOps(opened.env);
    server.clock.set('2026-03-01');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  /** An office with a customer, an open renewal and a worker. */
  async function office() {
    const { officeId, token } = await server.office();
    const customer = await answer(
      await server.call('/ops/customers', { token, body: { full_name: 'Elif Kaya' } }),
      201,
      customerOut,
    );
    const renewal = await answer(
      await server.call(`/ops/customers/${customer.id}/renewals`, {
        token,
        body: { service_type: 'WORK_PERMIT', due_date: '2026-04-01', repeats: 'yearly' },
      }),
      201,
      renewalOut,
    );
    const workerId = `wrk_${officeId}`;
    await sqlStore(server.db, officeId).insert('workers', [
      {
        id: workerId,
        fullName: 'Maria Lopez',
        active: true,
        profile: {},
        placements: [],
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
    ]);
    return { officeId, token, customerId: customer.id, renewalId: renewal.id, workerId };
  }

  /** One request of every ops endpoint, on the records of `o`. */
  const everyEndpoint = (o: { customerId: string; renewalId: string; workerId: string }) => [
    { path: '/ops/customers', init: { body: { full_name: 'Can Öz' } } },
    {
      path: `/ops/customers/${o.customerId}/renewals`,
      init: { body: { service_type: 'WORK_PERMIT', due_date: '2026-06-01' } },
    },
    { path: `/ops/renewals/${o.renewalId}/complete`, init: { method: 'PATCH', body: {} } },
    { path: '/ops/renewals/refresh', init: { method: 'POST' } },
    { path: '/ops/renewals?window=all', init: {} },
    { path: `/ops/customers/${o.customerId}/timeline`, init: {} },
    { path: `/ops/workers/${o.workerId}/compliance`, init: {} },
  ];

  it('refuses every endpoint without a token, or with an unknown one, and writes nothing', async () => {
    const o = await office();
    const before = await writeCounts(server);
    for (const { path, init } of everyEndpoint(o)) {
      const none = await answer(await server.call(path, init), 401, errorOut);
      expect(none).toEqual({
        error: 'unauthorized',
        message: 'Send a token: Authorization: Bearer <token>. An office admin creates one.',
      });
      await answer(await server.call(path, { ...init, token: 'nl_forged' }), 401, errorOut);
    }
    expect(await writeCounts(server)).toEqual(before);
  });

  it('refuses a revoked token', async () => {
    const { token } = await office();
    const device = (await (
      await server.call('/admin/tokens', { token, body: { label: 'Front desk PC' } })
    ).json()) as { id: string; token: string };
    await answer(await server.call('/ops/renewals', { token: device.token }), 200, queueOut);
    expect(
      (await server.call(`/admin/tokens/${device.id}`, { method: 'DELETE', token })).status,
    ).toBe(204);
    expect(
      await answer(await server.call('/ops/renewals', { token: device.token }), 401, errorOut),
    ).toEqual({
      error: 'unauthorized',
      message: 'This token is unknown or was revoked; ask an office admin for a new one.',
    });
  });

  it('shows another office’s records to no one: 404, never 403, and nothing written', async () => {
    const a = await office();
    const b = await office();
    const before = await writeCounts(server);
    const records = everyEndpoint(a).filter(({ path }) => /(cus_|ren_|wrk_)/.test(path));
    expect(records).toHaveLength(4);
    for (const { path, init } of records) {
      const refused = await answer(
        await server.call(path, { ...init, token: b.token }),
        404,
        errorOut,
      );
      expect(refused.error).toBe('not_found');
    }
    expect(await writeCounts(server)).toEqual(before);
    const queue = await answer(
      await server.call('/ops/renewals?window=all&status=all', { token: b.token }),
      200,
      queueOut,
    );
    expect(queue.items.map((r) => r.customer_id)).toEqual([b.customerId]);
    expect(queue.total).toBe(1);
    // A's renewal is still open, and A can still complete it.
    await answer(
      await server.call(`/ops/renewals/${a.renewalId}/complete`, {
        method: 'PATCH',
        token: a.token,
      }),
      200,
      completionOut,
    );
  });

  it('refuses malformed JSON, a body that is not an object, and unknown fields', async () => {
    const { token, customerId } = await office();
    const before = await writeCounts(server);
    const malformed = await answer(
      await server.call('/ops/customers', { token, body: '{"full_name": "Elif' }),
      400,
      errorOut,
    );
    expect(malformed.error).toBe('bad_request');
    expect(malformed.message).toMatch(/JSON/);
    expect(
      await answer(await server.call('/ops/customers', { token, body: [] }), 400, errorOut),
    ).toMatchObject({ fields: { form: 'Send the customer as a JSON object.' } });
    const unknown = await answer(
      await server.call(`/ops/customers/${customerId}/renewals`, {
        token,
        body: { service_type: 'WORK_PERMIT', due_date: '2026-06-01', status: 'COMPLETED' },
      }),
      400,
      errorOut,
    );
    expect(unknown).toEqual({
      error: 'invalid_request',
      message: 'The renewal is not valid: Unknown field status: remove it.',
      fields: { form: 'Unknown field status: remove it.' },
    });
    expect(
      await answer(
        await server.call('/ops/customers', {
          token,
          body: '{"full_name": "Elif", "__proto__": {"admin": true}}',
        }),
        400,
        errorOut,
      ),
    ).toMatchObject({ error: 'bad_request' });
    expect(await writeCounts(server)).toEqual(before);
  });

  it('refuses a body over the limit with 413', async () => {
    const { token } = await office();
    const before = await writeCounts(server);
    const huge = await answer(
      await server.call('/ops/customers', {
        token,
        body: { full_name: 'x'.repeat(1_100_000) },
      }),
      413,
      errorOut,
    );
    expect(huge).toEqual({
      error: 'payload_too_large',
      message: 'The request body is larger than 1048576 bytes; send less at a time.',
    });
    expect(await writeCounts(server)).toEqual(before);
  });

  it('stores SQL-looking text as text, and finds no record by an SQL-looking id', async () => {
    const { officeId, token } = await office();
    const customer = await answer(
      await server.call('/ops/customers', { token, body: { full_name: DROP, notes: DROP } }),
      201,
      customerOut,
    );
    expect(customer).toMatchObject({ full_name: DROP, notes: DROP });
    expect(await sqlStore(server.db, officeId).get('customers', customer.id)).toMatchObject({
      name: DROP,
    });
    const before = await writeCounts(server);
    const id = encodeURIComponent(DROP);
    for (const path of [`/ops/customers/${id}/timeline`, `/ops/workers/${id}/compliance`])
      await answer(await server.call(path, { token }), 404, errorOut);
    await answer(
      await server.call(`/ops/renewals/${id}/complete`, { method: 'PATCH', token }),
      404,
      errorOut,
    );
    await answer(
      await server.call(`/ops/customers/${id}/renewals`, {
        token,
        body: { service_type: 'WORK_PERMIT', due_date: '2026-06-01' },
      }),
      404,
      errorOut,
    );
    const filtered = await answer(
      await server.call(
        `/ops/renewals?service_type=${id}&assignee=${encodeURIComponent("' or 1=1 --")}`,
        { token },
      ),
      200,
      queueOut,
    );
    expect(filtered.items).toEqual([]);
    expect(await writeCounts(server)).toEqual(before);
    const { rows } = await server.db.query('select count(*)::int as n from docs');
    expect(rows[0]!.n).toBeGreaterThan(0);
  });
});

describe.each(TARGETS)('the ops API’s rate limit on $label', (target) => {
  let server: OpsServer;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const opened = await target.open();
    drop = opened.drop;
    server = await startOps({ ...opened.env, RATE_LIMIT_PER_MINUTE: '5' });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  it('answers 429 once a token passes its limit for the minute; other tokens go on', async () => {
    const a = await server.office('A');
    const b = await server.office('B');
    for (let i = 0; i < 5; i++)
      await answer(await server.call('/ops/renewals', { token: a.token }), 200, queueOut);
    const limited = await server.call('/ops/renewals', { token: a.token });
    expect(await answer(limited, 429, errorOut)).toEqual({
      error: 'rate_limited',
      message: 'This token made more than 5 requests in a minute; try again in 1 minute.',
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await answer(await server.call('/ops/renewals', { token: b.token }), 200, queueOut);
    // Without a token the answer is still 401: the limit counts tokens, not guesses.
    await answer(await server.call('/ops/renewals'), 401, errorOut);
  });
});
