import { afterEach, describe, expect, it } from 'vitest';
import { testJobs, type StoreFactory } from './jobs.test-support.js';
import type { StorePort } from './store.js';

const at = (date: string, time = '09:00') => `${date}T${time}:00.000Z`;

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: unknown }): V {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/**
 * How people finish and hand over renewal work: completing with a chosen next renewal (a due
 * date, a new permit, or none), renewals of policies kept in NoLapse left to the policy page,
 * tasks marked done or reassigned with a note, and a renewal's tasks following its assignee.
 */
export function defineRenewalWorkSuite(label: string, stores: StoreFactory) {
  let opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(opened.map((o) => o.close()));
    opened = [];
  });

  async function office() {
    const open = await stores();
    opened.push(open);
    const h = testJobs(open.store);
    valueOf(
      await h.jobs.settings.saveOffice(at('2026-01-01'), {
        officeName: 'Ikamet',
        timeZone: 'UTC',
        dailyRefreshTime: '07:00',
        staff: [
          { id: 'ayse', name: 'Ayşe' },
          { id: 'mehmet', name: 'Mehmet' },
        ],
      }),
    );
    const customer = valueOf(
      await h.jobs.renewals.createCustomer(at('2026-01-01'), {
        name: 'Elif Kaya',
        assigneeId: 'ayse',
      }),
    );
    return { ...h, customerId: customer.id, store: open.store as StorePort };
  }

  describe(`completing and handing over renewals on ${label}`, () => {
    it('completes into the next due date people chose, keeping the repeat rule', async () => {
      const h = await office();
      const renewal = valueOf(
        await h.jobs.renewals.createRenewal(at('2026-03-01'), h.customerId, {
          serviceType: 'TAX_FILING',
          dueDate: '2026-03-15',
          assigneeId: 'ayse',
          recurrence: 'FREQ=YEARLY',
        }),
      );
      expect(valueOf(await h.jobs.renewals.completionOffer(at('2026-03-10'), renewal.id))).toEqual({
        kind: 'date',
        suggestedDueDate: '2027-03-15',
      });
      const { next } = valueOf(
        await h.jobs.renewals.completeRenewal(at('2026-03-10'), renewal.id, {
          kind: 'date',
          dueDate: '2027-04-30',
        }),
      );
      expect(next).toMatchObject({ dueDate: '2027-04-30', recurrence: 'FREQ=YEARLY' });
      expect(await h.store.get('renewals', next!.id)).toMatchObject({ status: 'ACTIVE' });
    });

    it('counts a completion from the day it was done, and refuses a day still to come', async () => {
      const h = await office();
      const renewal = valueOf(
        await h.jobs.renewals.createRenewal(at('2026-03-01'), h.customerId, {
          serviceType: 'TAX_FILING',
          dueDate: '2026-03-15',
          assigneeId: 'ayse',
          recurrence: 'FREQ=YEARLY',
        }),
      );
      expect(
        await h.jobs.renewals.completeRenewal(at('2026-03-12'), renewal.id, undefined, {
          completedOn: '2026-03-13',
        }),
      ).toEqual({
        ok: false,
        errors: {
          completedOn:
            'The completion date cannot be later than today (2026-03-12); enter the day it was done.',
        },
      });
      expect(await h.store.get('renewals', renewal.id)).toMatchObject({ status: 'ACTIVE' });
      const done = valueOf(
        await h.jobs.renewals.completeRenewal(at('2026-03-12'), renewal.id, undefined, {
          completedOn: '2026-03-09',
        }),
      );
      expect(done.completed).toMatchObject({
        status: 'COMPLETED',
        completedAt: at('2026-03-12'),
      });
      expect(done.next).toMatchObject({ dueDate: '2027-03-15' });
      const [event] = await h.store.find('events', {
        selector: { subjectId: renewal.id, type: 'RENEWAL_COMPLETED' },
      });
      expect(event).toMatchObject({ occurredOn: '2026-03-09', at: at('2026-03-12') });
    });

    it('records the new permit on the customer and gives it its own renewal', async () => {
      const h = await office();
      const permit = valueOf(
        await h.jobs.renewals.addPermit(at('2026-03-01'), h.customerId, {
          kind: 'WORK_PERMIT',
          number: 'WP-1',
          state: 'ISSUED',
          expiresOn: '2026-04-01',
        }),
      );
      const [renewal] = await h.store.find('renewals', { selector: { customerId: h.customerId } });
      const offer = valueOf(await h.jobs.renewals.completionOffer(at('2026-03-10'), renewal!.id));
      expect(offer).toMatchObject({ kind: 'permit', permit: { number: 'WP-1' } });
      const refusedChoice = await h.jobs.renewals.completeRenewal(at('2026-03-10'), renewal!.id, {
        kind: 'permit',
        number: '',
        expiresOn: '2026-03-01',
      });
      expect(refusedChoice).toMatchObject({ ok: false, errors: { number: expect.any(String) } });
      expect(await h.store.get('renewals', renewal!.id)).toMatchObject({ status: 'ACTIVE' });

      const { next } = valueOf(
        await h.jobs.renewals.completeRenewal(at('2026-03-10'), renewal!.id, {
          kind: 'permit',
          number: 'WP-2',
          expiresOn: '2028-04-01',
        }),
      );
      const customer = await h.store.get('customers', h.customerId);
      const added = customer!.permits.find((p) => p.number === 'WP-2');
      expect(added).toMatchObject({
        kind: 'WORK_PERMIT',
        state: 'ISSUED',
        expiresOn: '2028-04-01',
      });
      expect(customer!.permits.find((p) => p.id === permit.id)).toBeDefined();
      expect(next).toMatchObject({
        id: `ren:permit:${added!.id}@2028-04-01`,
        permitId: added!.id,
        previousRenewalId: renewal!.id,
        assigneeId: 'ayse',
      });
    });

    it('completes into nothing when people say nothing follows', async () => {
      const h = await office();
      const renewal = valueOf(
        await h.jobs.renewals.createRenewal(at('2026-03-01'), h.customerId, {
          serviceType: 'TAX_FILING',
          dueDate: '2026-03-15',
          assigneeId: 'ayse',
          recurrence: 'FREQ=YEARLY',
        }),
      );
      const done = valueOf(
        await h.jobs.renewals.completeRenewal(at('2026-03-10'), renewal.id, { kind: 'none' }),
      );
      expect(done.next).toBeUndefined();
      expect(
        await h.store.find('renewals', { selector: { customerId: h.customerId } }),
      ).toHaveLength(1);
    });

    it('leaves a renewal of a policy kept in NoLapse to the policy page', async () => {
      const h = await office();
      const policy = valueOf(
        await h.jobs.policies.createPolicy(at('2026-03-01'), h.customerId, {
          number: 'P-1',
          productName: 'Home',
          startDate: '2026-01-01',
          endDate: '2027-01-01',
          assigneeId: 'ayse',
        }),
      );
      const id = `ren:policy:${policy.id}@2027-01-01`;
      expect(valueOf(await h.jobs.renewals.completionOffer(at('2026-03-10'), id))).toEqual({
        kind: 'policy',
        policyId: policy.id,
      });
      expect(await h.jobs.renewals.completeRenewal(at('2026-03-10'), id, { kind: 'none' })).toEqual(
        {
          ok: false,
          errors: {
            form: 'This renewal belongs to a policy kept in NoLapse: renew the policy on its page, and issuing its renewal completes this one.',
          },
        },
      );
    });

    it('hands a renewal and its open tasks to someone else, with the note on the timeline', async () => {
      const h = await office();
      const renewal = valueOf(
        await h.jobs.renewals.createRenewal(at('2026-03-10'), h.customerId, {
          serviceType: 'WORK_PERMIT',
          dueDate: '2026-03-15',
          assigneeId: 'ayse',
        }),
      );
      const tasks = () => h.store.find('tasks', { selector: { renewalId: renewal.id } });
      expect((await tasks()).map((t) => [t.priority, t.assigneeId])).toEqual([['URGENT', 'ayse']]);
      expect(
        await h.jobs.renewals.reassignRenewal(at('2026-03-10'), renewal.id, {
          assigneeId: 'nobody',
          note: '',
        }),
      ).toEqual({ ok: false, errors: { assigneeId: 'Choose a staff member of this office.' } });
      valueOf(
        await h.jobs.renewals.reassignRenewal(at('2026-03-10', '10:00'), renewal.id, {
          assigneeId: 'mehmet',
          note: 'Ayşe is on leave',
        }),
      );
      expect(await h.store.get('renewals', renewal.id)).toMatchObject({ assigneeId: 'mehmet' });
      expect((await tasks()).map((t) => t.assigneeId)).toEqual(['mehmet']);
      const [event] = await h.store.find('events', {
        selector: { subjectId: renewal.id, type: 'RENEWAL_REASSIGNED' },
      });
      expect(event).toMatchObject({ detail: 'Ayşe is on leave', customerId: h.customerId });
    });

    it('cancels a renewal by hand: alerts stop, tasks close, the timeline says so, once', async () => {
      const h = await office();
      const renewal = valueOf(
        await h.jobs.renewals.createRenewal(at('2026-03-10'), h.customerId, {
          serviceType: 'WORK_PERMIT',
          dueDate: '2026-03-15',
          assigneeId: 'ayse',
        }),
      );
      const cancelled = valueOf(await h.jobs.renewals.cancelRenewal(at('2026-03-11'), renewal.id));
      expect(cancelled).toMatchObject({ status: 'CANCELLED' });
      const tasks = await h.store.find('tasks', { selector: { renewalId: renewal.id } });
      expect(tasks.map((t) => t.status)).toEqual(['DONE']);
      const events = await h.store.find('events', {
        selector: { subjectId: renewal.id, type: 'RENEWAL_CANCELLED' },
      });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ customerId: h.customerId, occurredOn: '2026-03-11' });
      expect(await h.jobs.renewals.cancelRenewal(at('2026-03-12'), renewal.id)).toMatchObject({
        ok: false,
      });
      await h.jobs.runDaily({ at: at('2026-03-20'), reason: 'daily' });
      expect(await h.store.get('renewals', renewal.id)).toMatchObject({ status: 'CANCELLED' });
    });

    it('marks a task done, and reassigns another with a note, once', async () => {
      const h = await office();
      const renewal = valueOf(
        await h.jobs.renewals.createRenewal(at('2026-03-10'), h.customerId, {
          serviceType: 'WORK_PERMIT',
          dueDate: '2026-03-20',
          assigneeId: 'ayse',
        }),
      );
      const [task] = await h.store.find('tasks', { selector: { renewalId: renewal.id } });
      valueOf(
        await h.jobs.tasks.reassignTask(at('2026-03-10', '10:00'), task!.id, {
          assigneeId: 'mehmet',
          note: 'Mehmet knows this customer',
        }),
      );
      expect(await h.store.get('tasks', task!.id)).toMatchObject({ assigneeId: 'mehmet' });
      expect(valueOf(await h.jobs.tasks.completeTask(at('2026-03-11'), task!.id))).toMatchObject({
        status: 'DONE',
      });
      expect(await h.jobs.tasks.completeTask(at('2026-03-11'), task!.id)).toEqual({
        ok: false,
        errors: { form: 'This task is already done.' },
      });
      const events = await h.store.find('events', { selector: { subjectId: task!.id } });
      expect(events.map((e) => [e.type, e.detail])).toEqual([
        ['TASK_REASSIGNED', 'Mehmet knows this customer'],
      ]);
    });

    it('gives every new renewal someone responsible, even when nobody was named', async () => {
      const h = await office();
      // A customer record without an agent, as an import or an older version could leave one.
      await h.store.insert('customers', [
        {
          id: 'cus_imported',
          name: 'Imported Customer',
          assigneeId: '',
          permits: [],
          createdAt: at('2026-01-01'),
          updatedAt: at('2026-01-01'),
        },
      ]);
      valueOf(
        await h.jobs.renewals.addPermit(at('2026-03-01'), 'cus_imported', {
          kind: 'RESIDENCE_PERMIT',
          number: 'RP-9',
          state: 'APPROVED',
          expiresOn: '2027-01-01',
        }),
      );
      const renewals = await h.store.find('renewals', { selector: { customerId: 'cus_imported' } });
      // The office default: the first staff member.
      expect(renewals.map((r) => r.assigneeId)).toEqual(['ayse']);
    });
  });
}
