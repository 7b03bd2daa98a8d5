import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeJobs } from '../jobs/office-jobs.js';
import { sqlStore } from '../store/sql-store.js';
import {
  completionOut,
  customerOut,
  errorOut,
  refreshOut,
  renewalOut,
  timelineOut,
} from './ops-schemas.js';
import { answer, startOps, TARGETS, writeCounts, type OpsServer } from './ops.test-support.js';

describe.each(TARGETS)(
  'the ops API on $label: customers, renewals, completion, refresh',
  (target) => {
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

    /** A fresh office (so tests never see each other's records) with one customer, at 2026-03-01. */
    async function office() {
      server.clock.set('2026-03-01');
      const { officeId, token } = await server.office();
      const customer = await answer(
        await server.call('/ops/customers', { token, body: { full_name: 'Elif Kaya' } }),
        201,
        customerOut,
      );
      return { officeId, token, customerId: customer.id, store: sqlStore(server.db, officeId) };
    }

    async function addRenewal(token: string, customerId: string, body: Record<string, unknown>) {
      return answer(
        await server.call(`/ops/customers/${customerId}/renewals`, { token, body }),
        201,
        renewalOut,
      );
    }

    const complete = (token: string, renewalId: string, body?: unknown) =>
      server.call(`/ops/renewals/${encodeURIComponent(renewalId)}/complete`, {
        method: 'PATCH',
        token,
        body,
      });

    it('adds a customer whose agent is the office default unless one is named', async () => {
      const { token } = await office();
      const created = await answer(
        await server.call('/ops/customers', {
          token,
          body: { full_name: '  Ayşe Demir ', email: 'ayse.demir@example.com' },
        }),
        201,
        customerOut,
      );
      expect(created).toMatchObject({
        id: expect.stringMatching(/^cus_/),
        full_name: 'Ayşe Demir',
        email: 'ayse.demir@example.com',
        phone: null,
        assignee_id: 'ayse',
        created_at: '2026-03-01T09:00:00.000Z',
      });
      const named = await answer(
        await server.call('/ops/customers', {
          token,
          body: { full_name: 'Can Öz', assignee_id: 'mehmet', email: null },
        }),
        201,
        customerOut,
      );
      expect(named).toMatchObject({ assignee_id: 'mehmet', email: null });
    });

    it('refuses a customer with each problem named by its field', async () => {
      const { token } = await office();
      const before = await writeCounts(server);
      const refused = await answer(
        await server.call('/ops/customers', {
          token,
          body: { full_name: ' ', email: 'not-an-email' },
        }),
        400,
        errorOut,
      );
      expect(refused).toEqual({
        error: 'invalid_request',
        message: 'The customer is not valid: full_name: Enter the customer’s full name.',
        fields: {
          full_name: 'Enter the customer’s full name.',
          email: 'Enter an email like name@example.com, or leave it empty.',
        },
      });
      const stranger = await answer(
        await server.call('/ops/customers', {
          token,
          body: { full_name: 'Can Öz', assignee_id: 'zeynep' },
        }),
        400,
        errorOut,
      );
      expect(stranger.fields).toEqual({
        assignee_id: 'Choose a staff member of this office: ayse, mehmet.',
      });
      expect(await writeCounts(server)).toEqual(before);
    });

    it('adds a renewal with the stage it has already reached: its event and task at once', async () => {
      const { token, customerId, store } = await office();
      const renewal = await addRenewal(token, customerId, {
        service_type: 'RESIDENCE_PERMIT',
        due_date: '2026-03-10',
        policy_id: 'pol_abc123',
        notes: 'Standard 1-year permit',
      });
      expect(renewal).toMatchObject({
        customer_id: customerId,
        service_type: 'RESIDENCE_PERMIT',
        due_date: '2026-03-10',
        days_until_due: 9,
        urgency: 'fortnight',
        status: 'ACTIVE',
        stage: 'T14',
        assignee_id: 'ayse',
        policy_id: 'pol_abc123',
        notes: 'Standard 1-year permit',
        repeats: null,
      });
      const tasks = await store.find('tasks', { selector: { renewalId: renewal.id } });
      expect(tasks.map((t) => [t.priority, t.assigneeId, t.status])).toEqual([
        ['HIGH', 'ayse', 'OPEN'],
      ]);
      const timeline = await answer(
        await server.call(`/ops/customers/${customerId}/timeline`, { token }),
        200,
        timelineOut,
      );
      expect(timeline.items).toEqual([
        {
          id: `evt:${renewal.id}:T14:2026-03-10`,
          type: 'RENEWAL_TRIGGERED',
          stage: 'T14',
          renewal_id: renewal.id,
          subject_id: renewal.id,
          title: 'Residence permit due in 9 days (14 days alert)',
          detail: 'Due 2026-03-10',
          occurred_on: '2026-03-01',
          at: '2026-03-01T09:00:00.000Z',
        },
      ]);
    });

    it('marks a renewal created after its due date OVERDUE with its flag and an URGENT task', async () => {
      const { token, customerId, store } = await office();
      const renewal = await addRenewal(token, customerId, {
        service_type: 'WORK_PERMIT',
        due_date: '2026-02-20',
        assignee_id: 'mehmet',
      });
      expect(renewal).toMatchObject({
        days_until_due: -9,
        urgency: 'overdue',
        status: 'OVERDUE',
        stage: 'OVERDUE',
        compliance_flag: true,
        assignee_id: 'mehmet',
      });
      const tasks = await store.find('tasks', { selector: { renewalId: renewal.id } });
      expect(tasks.map((t) => [t.priority, t.assigneeId])).toEqual([['URGENT', 'mehmet']]);
    });

    it('takes yearly, monthly or an RRULE as the repeat rule, and names a bad one', async () => {
      const { token, customerId } = await office();
      const due = { service_type: 'INSURANCE_POLICY', due_date: '2026-09-01' };
      expect(await addRenewal(token, customerId, { ...due, repeats: 'Yearly' })).toMatchObject({
        repeats: 'FREQ=YEARLY;INTERVAL=1',
        stage: null,
        days_until_due: 184,
        urgency: 'later',
      });
      expect(await addRenewal(token, customerId, { ...due, repeats: 'monthly' })).toMatchObject({
        repeats: 'FREQ=MONTHLY;INTERVAL=1',
      });
      expect(
        await addRenewal(token, customerId, { ...due, repeats: 'FREQ=MONTHLY;INTERVAL=6' }),
      ).toMatchObject({ repeats: 'FREQ=MONTHLY;INTERVAL=6' });
      const bad = await answer(
        await server.call(`/ops/customers/${customerId}/renewals`, {
          token,
          body: { ...due, repeats: 'every now and then' },
        }),
        400,
        errorOut,
      );
      expect(bad.fields?.repeats).toMatch(/^Repeat rule "every now and then" is not a valid RRULE/);
    });

    it('names the field of an impossible date and of an unknown service type, writing nothing', async () => {
      const { token, customerId } = await office();
      const before = await writeCounts(server);
      const refused = await answer(
        await server.call(`/ops/customers/${customerId}/renewals`, {
          token,
          body: { service_type: 'residence permit', due_date: '2026-02-30' },
        }),
        400,
        errorOut,
      );
      expect(refused).toEqual({
        error: 'invalid_request',
        message:
          'The renewal is not valid: service_type: Use a known service type, or capital letters and underscores for your own (e.g. VISA_EXTENSION).',
        fields: {
          service_type:
            'Use a known service type, or capital letters and underscores for your own (e.g. VISA_EXTENSION).',
          due_date: 'Enter a real date as YYYY-MM-DD, for example 2026-03-15.',
        },
      });
      const missing = await answer(
        await server.call(`/ops/customers/${customerId}/renewals`, {
          token,
          body: { service_type: 'VISA_EXTENSION' },
        }),
        400,
        errorOut,
      );
      expect(missing.fields).toEqual({
        due_date: 'Give the due date as a date, YYYY-MM-DD, for example 2026-03-15.',
      });
      expect(await writeCounts(server)).toEqual(before);
    });

    it('answers 404 for a renewal of a customer this office does not have', async () => {
      const { token } = await office();
      const missing = await answer(
        await server.call('/ops/customers/cus_nobody/renewals', {
          token,
          body: { service_type: 'WORK_PERMIT', due_date: '2026-05-01' },
        }),
        404,
        errorOut,
      );
      expect(missing).toEqual({
        error: 'not_found',
        message: 'There is no customer with that id in this office.',
      });
    });

    it('completes by the repeat rule, closing its tasks and writing RENEWAL_COMPLETED', async () => {
      const { token, customerId, store } = await office();
      const renewal = await addRenewal(token, customerId, {
        service_type: 'RESIDENCE_PERMIT',
        due_date: '2026-03-10',
        repeats: 'yearly',
      });
      server.clock.set('2026-03-04');
      const done = await answer(await complete(token, renewal.id), 200, completionOut);
      expect(done.completed).toMatchObject({
        id: renewal.id,
        status: 'COMPLETED',
        completed_at: '2026-03-04T09:00:00.000Z',
        compliance_flag: false,
        urgency: 'closed',
      });
      expect(done.completed_on).toBe('2026-03-04');
      expect(done.next).toMatchObject({
        id: `${renewal.id}@2027-03-10`,
        due_date: '2027-03-10',
        status: 'ACTIVE',
        stage: null,
        repeats: 'FREQ=YEARLY;INTERVAL=1',
        previous_renewal_id: renewal.id,
        assignee_id: 'ayse',
      });
      const tasks = await store.find('tasks', { selector: { renewalId: renewal.id } });
      expect(tasks.map((t) => t.status)).toEqual(['DONE']);
      const timeline = await answer(
        await server.call(`/ops/customers/${customerId}/timeline`, { token }),
        200,
        timelineOut,
      );
      expect(timeline.items.map((e) => [e.type, e.stage, e.occurred_on, e.title])).toEqual([
        ['RENEWAL_COMPLETED', null, '2026-03-04', 'Residence permit renewed'],
        [
          'RENEWAL_TRIGGERED',
          'T14',
          '2026-03-01',
          'Residence permit due in 9 days (14 days alert)',
        ],
      ]);
    });

    it('completes into the date given, or into nothing with next_due_date null', async () => {
      const { token, customerId } = await office();
      const first = await addRenewal(token, customerId, {
        service_type: 'TAX_FILING',
        due_date: '2026-03-15',
        repeats: 'yearly',
      });
      const chosen = await answer(
        await complete(token, first.id, { next_due_date: '2027-04-30' }),
        200,
        completionOut,
      );
      expect(chosen.next).toMatchObject({
        due_date: '2027-04-30',
        repeats: 'FREQ=YEARLY;INTERVAL=1',
      });
      const second = await addRenewal(token, customerId, {
        service_type: 'TAX_FILING',
        due_date: '2026-06-15',
        repeats: 'yearly',
      });
      const none = await answer(
        await complete(token, second.id, { next_due_date: null }),
        200,
        completionOut,
      );
      expect(none.next).toBeNull();
      const third = await addRenewal(token, customerId, {
        service_type: 'TAX_FILING',
        due_date: '2026-07-01',
      });
      expect(
        (await answer(await complete(token, third.id, {}), 200, completionOut)).next,
      ).toBeNull();
    });

    it('counts a completion from completed_on, and refuses a day to come or a next date too early', async () => {
      const { token, customerId } = await office();
      const renewal = await addRenewal(token, customerId, {
        service_type: 'WORK_PERMIT',
        due_date: '2026-03-20',
      });
      const before = await writeCounts(server);
      const refused = await answer(
        await complete(token, renewal.id, {
          completed_on: '2026-03-02',
          next_due_date: '2026-03-01',
        }),
        400,
        errorOut,
      );
      expect(refused.fields).toEqual({
        completed_on:
          'The completion date cannot be later than today (2026-03-01); enter the day it was done.',
        next_due_date: 'The next due date must be after 2026-03-20, the date being renewed.',
      });
      const impossible = await answer(
        await complete(token, renewal.id, { completed_on: '2026-02-30' }),
        400,
        errorOut,
      );
      expect(impossible.fields).toEqual({
        completed_on: 'Enter the day the renewal was done as YYYY-MM-DD, for example 2026-03-15.',
      });
      expect(await writeCounts(server)).toEqual(before);

      const done = await answer(
        await complete(token, renewal.id, {
          completed_on: '2026-02-26',
          next_due_date: '2028-03-20',
        }),
        200,
        completionOut,
      );
      expect(done).toMatchObject({ completed_on: '2026-02-26', next: { due_date: '2028-03-20' } });
      const timeline = await answer(
        await server.call(`/ops/customers/${customerId}/timeline`, { token }),
        200,
        timelineOut,
      );
      expect(timeline.items.find((e) => e.type === 'RENEWAL_COMPLETED')).toMatchObject({
        occurred_on: '2026-02-26',
        at: '2026-03-01T09:00:00.000Z',
        detail: 'Next renewal due 2028-03-20',
      });
    });

    it('refuses a second completion with 409 and writes nothing', async () => {
      const { token, customerId } = await office();
      const renewal = await addRenewal(token, customerId, {
        service_type: 'RESIDENCE_PERMIT',
        due_date: '2026-04-01',
        repeats: 'yearly',
      });
      await answer(await complete(token, renewal.id), 200, completionOut);
      const before = await writeCounts(server);
      const again = await answer(await complete(token, renewal.id), 409, errorOut);
      expect(again).toEqual({
        error: 'conflict',
        message: 'This renewal is already completed; create a new renewal instead.',
      });
      expect(await writeCounts(server)).toEqual(before);
    });

    it('lets only one of two simultaneous completions through', async () => {
      const { token, customerId, store } = await office();
      const renewal = await addRenewal(token, customerId, {
        service_type: 'RESIDENCE_PERMIT',
        due_date: '2026-04-01',
        repeats: 'yearly',
      });
      // Two clicks a millisecond apart: the second finds the renewal completed, or loses its claim.
      server.clock.stepMs = 1;
      const answers = await Promise.all([complete(token, renewal.id), complete(token, renewal.id)]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const events = await store.find('events', {
        selector: { subjectId: renewal.id, type: 'RENEWAL_COMPLETED' },
      });
      expect(events).toHaveLength(1);
      const renewals = await store.find('renewals', { selector: { customerId } });
      expect(renewals.map((r) => [r.dueDate, r.status]).sort()).toEqual([
        ['2026-04-01', 'COMPLETED'],
        ['2027-04-01', 'ACTIVE'],
      ]);
    });

    it('refuses to complete a renewal of a policy kept in NoLapse, as the app does', async () => {
      const { officeId, token, customerId } = await office();
      const created = await officeJobs(server.db, officeId).policies.createPolicy(
        '2026-03-01T09:00:00.000Z',
        customerId,
        {
          number: 'P-1',
          productName: 'Home',
          startDate: '2026-01-01',
          endDate: '2027-01-01',
          assigneeId: 'ayse',
        },
      );
      if (!created.ok) throw new Error(JSON.stringify(created.errors));
      const before = await writeCounts(server);
      const refused = await answer(
        await complete(token, `ren:policy:${created.value.id}@2027-01-01`),
        409,
        errorOut,
      );
      expect(refused).toEqual({
        error: 'conflict',
        message:
          'This renewal belongs to a policy kept in NoLapse: renew the policy on its page, and issuing its renewal completes this one.',
      });
      expect(await writeCounts(server)).toEqual(before);
      expect((await complete(token, 'ren_nothing')).status).toBe(404);
    });

    it('refreshes the day’s crossings in the office’s zone, once a day', async () => {
      const { token, customerId } = await office();
      await addRenewal(token, customerId, { service_type: 'WORK_PERMIT', due_date: '2026-04-05' });
      const refresh = () => server.call('/ops/renewals/refresh', { method: 'POST', token });
      // 22:30 UTC on March 5th is already March 6th in Istanbul: 30 days before the due date.
      server.clock.at = '2026-03-05T22:30:00.000Z';
      expect(await answer(await refresh(), 200, refreshOut)).toEqual({
        today: '2026-03-06',
        checked: 1,
        updated: 1,
        events: 1,
        tasks: 0,
        problems: [],
      });
      expect(await answer(await refresh(), 200, refreshOut)).toMatchObject({
        today: '2026-03-06',
        checked: 0,
        updated: 0,
        events: 0,
        tasks: 0,
      });
      server.clock.set('2026-03-22');
      expect(await answer(await refresh(), 200, refreshOut)).toMatchObject({ events: 1, tasks: 1 });
      server.clock.set('2026-04-06');
      expect(await answer(await refresh(), 200, refreshOut)).toMatchObject({ events: 1, tasks: 1 });
      const timeline = await answer(
        await server.call(`/ops/customers/${customerId}/timeline`, { token }),
        200,
        timelineOut,
      );
      expect(timeline.items.map((e) => [e.occurred_on, e.stage])).toEqual([
        ['2026-04-06', 'OVERDUE'],
        ['2026-03-22', 'T14'],
        ['2026-03-06', 'T30'],
        ['2026-03-01', 'T60'],
      ]);
      // The body may be empty, or empty JSON; anything else in it is refused.
      expect(
        (
          await server.call('/ops/renewals/refresh', {
            method: 'POST',
            token,
            headers: { 'content-type': 'application/json' },
          })
        ).status,
      ).toBe(200);
      expect((await server.call('/ops/renewals/refresh', { token, body: {} })).status).toBe(200);
      expect(
        (await server.call('/ops/renewals/refresh', { token, body: { force: true } })).status,
      ).toBe(400);
    });

    it('runs two refreshes called at once one after the other, never together', async () => {
      const { token, customerId } = await office();
      // On March 2nd each crosses a threshold: 90, 60, 30, 14 and 7 days, and overdue.
      for (const due of [
        '2026-05-31',
        '2026-05-01',
        '2026-04-01',
        '2026-03-16',
        '2026-03-09',
        '2026-03-01',
      ])
        await addRenewal(token, customerId, { service_type: 'WORK_PERMIT', due_date: due });
      server.clock.set('2026-03-02');
      const log: string[] = [];
      const lock = server.db.lock;
      const locked = lock.bind(server.db);
      server.db.lock = (name, task) =>
        locked(name, async () => {
          log.push(`start ${name}`);
          try {
            return await task();
          } finally {
            log.push(`end ${name}`);
          }
        });
      try {
        const both = await Promise.all(
          [1, 2].map(async () =>
            answer(
              await server.call('/ops/renewals/refresh', { method: 'POST', token }),
              200,
              refreshOut,
            ),
          ),
        );
        // The first run fires every crossing; the second, waiting for the lock, finds none left.
        expect(both.map((b) => [b.checked, b.events, b.tasks]).sort()).toEqual([
          [0, 0, 0],
          [6, 6, 2],
        ]);
        const daily = log.filter((l) => l.endsWith('nolapse-daily'));
        expect(daily.map((l) => l.split(' ')[0])).toEqual(['start', 'end', 'start', 'end']);
      } finally {
        server.db.lock = lock;
      }
    });
  },
);
