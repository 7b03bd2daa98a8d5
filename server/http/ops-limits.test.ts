import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerOut, errorOut } from './ops-schemas.js';
import { answer, startOps, TARGETS, writeCounts, type OpsServer } from './ops.test-support.js';

/** The ops API takes the same records the app's forms make: it holds them to the same limits. */
describe('oversized and out-of-range input on the ops API', () => {
  let server: OpsServer;
  let drop: () => Promise<void>;
  let token: string;
  let customerId: string;
  beforeAll(async () => {
    const opened = await TARGETS[0]!.open();
    drop = opened.drop;
    server = await startOps(opened.env);
    ({ token } = await server.office());
    customerId = (
      await answer(
        await server.call('/ops/customers', { token, body: { full_name: 'Elif Kaya' } }),
        201,
        customerOut,
      )
    ).id;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  const refused = async (path: string, body: unknown) => {
    const before = await writeCounts(server);
    const error = await answer(await server.call(path, { token, body }), 400, errorOut);
    expect(await writeCounts(server)).toEqual(before);
    return error;
  };

  it('refuses text over its limit with 400 naming the field, and writes nothing', async () => {
    expect(await refused('/ops/customers', { full_name: 'x'.repeat(201), notes: 'ok' })).toEqual({
      error: 'invalid_request',
      message:
        'The customer is not valid: full_name: Shorten the customer’s full name to 200 characters or fewer.',
      fields: { full_name: 'Shorten the customer’s full name to 200 characters or fewer.' },
    });
    expect(
      (await refused('/ops/customers', { full_name: 'Jan Novak', notes: 'n'.repeat(10_001) }))
        .fields,
    ).toEqual({ notes: 'Shorten the notes to 10,000 characters or fewer.' });
    expect(
      (
        await refused(`/ops/customers/${customerId}/renewals`, {
          service_type: 'WORK_PERMIT',
          due_date: '2026-03-15',
          repeats: `FREQ=YEARLY;${'INTERVAL=1;'.repeat(50)}`,
        })
      ).fields,
    ).toEqual({ repeats: 'Shorten the repeat rule to 500 characters or fewer.' });
  });

  it('refuses a due date outside 1900-2199, suggesting the likely one', async () => {
    for (const [dueDate, message] of [
      ['0026-03-15', 'The year must be between 1900 and 2199. Did you mean 2026-03-15?'],
      ['2200-01-01', 'The year must be between 1900 and 2199.'],
    ] as const) {
      const error = await refused(`/ops/customers/${customerId}/renewals`, {
        service_type: 'WORK_PERMIT',
        due_date: dueDate,
      });
      expect(error.fields).toEqual({ due_date: message });
    }
    const completion = await answer(
      await server.call(`/ops/customers/${customerId}/renewals`, {
        token,
        body: { service_type: 'WORK_PERMIT', due_date: '2199-12-31' },
      }),
      201,
      customerOut.pick({ id: true }).loose(),
    );
    expect(completion.id).toBeTruthy();
  });
});
