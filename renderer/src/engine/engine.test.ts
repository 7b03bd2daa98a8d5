import { afterEach, describe, expect, it } from 'vitest';
import { renewalForDocument } from '../../../shared/renewals/create';
import { engineForTest } from './test-support';

type Harness = Awaited<ReturnType<typeof engineForTest>>;
let harness: Harness;
afterEach(async () => harness?.close());

async function withCustomer(start?: string) {
  harness = await engineForTest(start);
  const created = await harness.engine.createCustomer({
    name: 'Ayşe Demir',
    assigneeId: 'agent_1',
  });
  if (!created.ok) throw new Error('customer not created');
  return created.value.id;
}

describe('the renewals engine on RxDB', () => {
  it('fires the reached stage when a renewal is created and notifies once', async () => {
    const customerId = await withCustomer('2026-01-29T09:00:00.000Z');
    const result = await harness.engine.createRenewal(customerId, {
      serviceType: 'RESIDENCE_PERMIT',
      dueDate: '2026-03-15',
      assigneeId: 'agent_1',
    });
    expect(result.ok).toBe(true);
    const [renewal] = await harness.data.renewals.ofCustomer(customerId);
    expect(renewal).toMatchObject({ stage: 'T60', nextStageOn: '2026-02-13' });
    expect(harness.notified.map((n) => n.title)).toEqual([
      'Ayşe Demir: Residence permit due in 45 days (60 days alert)',
    ]);
    await harness.engine.refresh();
    await harness.engine.deliverNotifications();
    expect(harness.notified).toHaveLength(1);
  });

  it('reads only renewals whose stage changes and writes nothing on an ordinary day', async () => {
    const customerId = await withCustomer('2026-01-10T09:00:00.000Z');
    for (const dueDate of ['2026-06-01', '2026-07-01', '2026-02-20']) {
      await harness.engine.createRenewal(customerId, {
        serviceType: 'WORK_PERMIT',
        dueDate,
        assigneeId: 'agent_1',
      });
    }
    harness.setNow('2026-01-11T09:00:00.000Z');
    expect(await harness.engine.refresh()).toMatchObject({ checked: 0, updated: 0, events: 0 });
    harness.setNow('2026-01-21T09:00:00.000Z');
    expect(await harness.engine.refresh()).toMatchObject({
      checked: 1,
      updated: 1,
      events: 1,
      notified: 1,
    });
  });

  it('walks a renewal through T14, T7 and OVERDUE, then completes it into the next one', async () => {
    const customerId = await withCustomer('2026-02-01T09:00:00.000Z');
    await harness.engine.createRenewal(customerId, {
      serviceType: 'INSURANCE_POLICY',
      dueDate: '2026-03-15',
      assigneeId: 'agent_1',
      recurrence: 'FREQ=YEARLY',
    });
    const [renewal] = await harness.data.renewals.ofCustomer(customerId);
    harness.setNow('2026-03-01T09:00:00.000Z');
    await harness.engine.refresh();
    harness.setNow('2026-03-08T09:00:00.000Z');
    await harness.engine.refresh();
    const tasks = await harness.data.tasks.ofRenewal(renewal!.id);
    expect(tasks.map((t) => t.priority).sort()).toEqual(['HIGH', 'URGENT']);
    harness.setNow('2026-03-16T09:00:00.000Z');
    await harness.engine.refresh();
    expect(await harness.data.renewals.get(renewal!.id)).toMatchObject({
      status: 'OVERDUE',
      complianceFlag: true,
    });

    const { next } = await harness.engine.completeRenewal(renewal!.id);
    expect(next).toMatchObject({ dueDate: '2027-03-15', previousRenewalId: renewal!.id });
    expect(await harness.data.renewals.get(renewal!.id)).toMatchObject({ status: 'COMPLETED' });
    expect(
      (await harness.data.tasks.ofRenewal(renewal!.id)).every((t) => t.status === 'DONE'),
    ).toBe(true);
    await expect(harness.engine.completeRenewal(renewal!.id)).rejects.toThrow(/already completed/);
  });

  it('creates a renewal when a residence permit is approved, once', async () => {
    const customerId = await withCustomer();
    const permit = await harness.engine.addPermit(customerId, {
      kind: 'RESIDENCE_PERMIT',
      number: 'RP-1',
      state: 'APPLIED',
      expiresOn: '2027-01-31',
    });
    expect(await harness.data.renewals.ofCustomer(customerId)).toEqual([]);
    if (!permit.ok) throw new Error('permit refused');
    await harness.engine.setPermitState(customerId, permit.value.id, 'APPROVED');
    await harness.engine.setPermitState(customerId, permit.value.id, 'APPROVED');
    const renewals = await harness.data.renewals.ofCustomer(customerId);
    expect(renewals).toHaveLength(1);
    expect(renewals[0]).toMatchObject({
      serviceType: 'RESIDENCE_PERMIT',
      dueDate: '2027-01-31',
      permitId: permit.value.id,
    });
  });

  it('keeps a bad due date out and reports it against the field', async () => {
    const customerId = await withCustomer();
    const result = await harness.engine.createRenewal(customerId, {
      serviceType: 'WORK_PERMIT',
      dueDate: '2026-13-01',
      assigneeId: 'agent_1',
    });
    expect(result).toEqual({
      ok: false,
      errors: { dueDate: 'Enter a real date as YYYY-MM-DD, for example 2026-03-15.' },
    });
    expect(await harness.data.renewals.ofCustomer(customerId)).toEqual([]);
  });

  it('uses the office time zone for today', async () => {
    const customerId = await withCustomer('2026-03-01T22:30:00.000Z');
    await harness.engine.saveOffice({
      officeName: 'Ikamet',
      timeZone: 'Europe/Istanbul',
      dailyRefreshTime: '07:00',
      staff: [{ id: 'agent_1', name: 'Mehmet' }],
    });
    expect(await harness.engine.today()).toBe('2026-03-02');
    await harness.engine.createRenewal(customerId, {
      serviceType: 'WORK_PERMIT',
      dueDate: '2026-03-01',
      assigneeId: 'agent_1',
    });
    expect((await harness.data.renewals.ofCustomer(customerId))[0]).toMatchObject({
      status: 'OVERDUE',
    });
  });
});

describe('document renewals in the queue', () => {
  it('move through stages without a second reminder: the documents sweep sends those', async () => {
    harness = await engineForTest('2026-01-10T09:00:00.000Z');
    await harness.data.renewals.insert([
      {
        ...renewalForDocument(
          {
            ownerId: 'wrk_1',
            instanceId: 'doc:nda:wrk_1',
            documentName: 'NDA',
            expiresOn: '2026-01-30',
            assigneeId: 'me',
          },
          '2026-01-10T09:00:00.000Z',
        ),
      },
    ]);
    const summary = await harness.engine.refresh();
    expect(summary).toMatchObject({ updated: 1, events: 1, notified: 0 });
    expect(harness.notified).toEqual([]);
  });
});
