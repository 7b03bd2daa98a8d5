import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeJobs } from '../jobs/office-jobs.js';
import { complianceOut, customerOut, errorOut, refreshOut, timelineOut } from './ops-schemas.js';
import { answer, startOps, TARGETS, type OpsServer } from './ops.test-support.js';

const SIGNATURE = 'data:image/png;base64,iVBORw0KGgo=';
const at = (date: string) => `${date}T09:00:00.000Z`;

/** A blocking NDA: renewed 12 months after signing, 7 days of grace. */
const NDA = {
  name: 'NDA',
  fields: [
    { key: 'name', label: 'Full name', type: 'text', required: true, profileKey: 'fullName' },
  ],
  body: 'I, {{name}}, keep secrets.',
  renewalModel: { kind: 'signature', renewalDurationMonths: 12 },
  reminderDaysBefore: [30, 14, 7, 1],
  gracePeriodDays: 7,
  blocking: true,
};

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: unknown }): V {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

describe.each(TARGETS)('the ops API on $label: timelines and worker compliance', (target) => {
  let server: OpsServer;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const opened = await target.open();
    drop = opened.drop;
    server = await startOps(opened.env);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  /** Maria's NDA, signed 2025-02-10, expires 2026-02-10; Jon's, signed 2025-06-01, is valid. */
  async function staffingOffice() {
    const { officeId, token } = await server.office('Staffing Co', 'UTC');
    const documents = officeJobs(server.db, officeId).documents;
    const { template } = valueOf(await documents.createTemplate(at('2025-01-01'), NDA));
    const signed = async (fullName: string, on: string) => {
      const worker = valueOf(
        await documents.createWorker(at(on), {
          fullName,
          email: '',
          phone: '',
          address: '',
          taxId: '',
        }),
      );
      const [assigned] = valueOf(await documents.assign(at(on), template.id, [worker.id]));
      const opened = valueOf(await documents.open(at(on), assigned!.instanceId!));
      const instance = valueOf(
        await documents.sign(at(on), opened.id, {
          data: opened.data,
          signatureName: fullName,
          signatureImage: SIGNATURE,
        }),
      );
      return { worker, instance };
    };
    const maria = await signed('Maria Lopez', '2025-02-10');
    const jon = await signed('Jon Berg', '2025-06-01');
    // The daily run the day after Maria's NDA expired archives it and asks her to sign again.
    server.clock.set('2026-02-11');
    await answer(
      await server.call('/ops/renewals/refresh', { method: 'POST', token }),
      200,
      refreshOut,
    );
    return { token, template, maria, jon };
  }

  const compliance = (token: string, workerId: string) =>
    server.call(`/ops/workers/${workerId}/compliance`, { token });

  it('says a worker is in grace after a document expired, then blocked, with why', async () => {
    const { token, template, maria } = await staffingOffice();
    server.clock.set('2026-02-14');
    const grace = await answer(await compliance(token, maria.worker.id), 200, complianceOut);
    expect(grace).toMatchObject({
      worker_id: maria.worker.id,
      full_name: 'Maria Lopez',
      active: true,
      state: 'grace',
      checked_on: '2026-02-14',
    });
    expect(grace.reasons).toEqual([
      {
        template_id: template.id,
        document: 'NDA',
        instance_id: maria.instance.id,
        state: 'grace',
        expires_on: '2026-02-10',
        blocked_from: '2026-02-17',
        message: 'Your NDA has expired. Renew within 3 days.',
      },
    ]);
    server.clock.set('2026-03-01');
    const blocked = await answer(await compliance(token, maria.worker.id), 200, complianceOut);
    expect(blocked.state).toBe('blocked');
    expect(blocked.reasons[0]).toMatchObject({
      state: 'blocked',
      message:
        'NDA expired on 2026-02-10 and its grace period is over: blocked from job assignment until it is renewed.',
    });
    // Her current NDA is the renewal waiting for her signature.
    expect(blocked.documents).toEqual([
      {
        instance_id: expect.not.stringMatching(`^${maria.instance.id}$`),
        template_id: template.id,
        name: 'NDA',
        status: 'required',
        signed_on: null,
        expires_on: null,
        renewal_number: 1,
      },
    ]);
  });

  it('says a worker with signed, current documents is valid', async () => {
    const { token, jon } = await staffingOffice();
    server.clock.set('2026-03-01');
    const valid = await answer(await compliance(token, jon.worker.id), 200, complianceOut);
    expect(valid).toMatchObject({ state: 'valid', reasons: [] });
    expect(valid.documents).toEqual([
      expect.objectContaining({
        instance_id: jon.instance.id,
        status: 'completed',
        signed_on: '2025-06-01',
        expires_on: '2026-06-01',
        renewal_number: 0,
      }),
    ]);
  });

  it('answers 404 for a worker or customer the office does not have', async () => {
    const { token } = await server.office();
    expect(await answer(await compliance(token, 'wrk_nobody'), 404, errorOut)).toEqual({
      error: 'not_found',
      message: 'There is no worker with that id in this office.',
    });
    expect(
      await answer(
        await server.call('/ops/customers/cus_nobody/timeline', { token }),
        404,
        errorOut,
      ),
    ).toEqual({ error: 'not_found', message: 'There is no customer with that id in this office.' });
  });

  it('shows a customer’s timeline newest first, an empty one as empty', async () => {
    server.clock.set('2026-03-01');
    const { token } = await server.office();
    const customer = await answer(
      await server.call('/ops/customers', { token, body: { full_name: 'Elif Kaya' } }),
      201,
      customerOut,
    );
    const timeline = () =>
      server
        .call(`/ops/customers/${customer.id}/timeline`, { token })
        .then((r) => answer(r, 200, timelineOut));
    expect(await timeline()).toEqual({ customer_id: customer.id, items: [] });
    for (const [due, time] of [
      ['2026-03-05', '09:00'],
      ['2026-05-20', '09:05'],
    ] as const) {
      server.clock.set('2026-03-01', time);
      await server.call(`/ops/customers/${customer.id}/renewals`, {
        token,
        body: { service_type: 'WORK_PERMIT', due_date: due },
      });
    }
    server.clock.set('2026-03-10');
    await server.call('/ops/renewals/refresh', { method: 'POST', token });
    expect((await timeline()).items.map((e) => [e.occurred_on, e.stage, e.title])).toEqual([
      ['2026-03-10', 'OVERDUE', 'Work permit overdue since 2026-03-05'],
      ['2026-03-01', 'T90', 'Work permit due in 80 days (90 days alert)'],
      ['2026-03-01', 'T7', 'Work permit due in 4 days (7 days alert)'],
    ]);
  });
});
