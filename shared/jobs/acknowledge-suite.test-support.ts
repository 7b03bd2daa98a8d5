import { afterEach, describe, expect, it } from 'vitest';
import type { OfficeSettings } from '../office.js';
import { testJobs, tickAt, type StoreFactory } from './jobs.test-support.js';
import type { StorePort } from './store.js';

const at = (date: string, time = '09:00') => `${date}T${time}:00.000Z`;

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: unknown }): V {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

const OFFICE: OfficeSettings = {
  officeName: 'Ikamet',
  timeZone: 'UTC',
  dailyRefreshTime: '07:00',
  staff: [
    { id: 'ayse', name: 'Ayşe' },
    { id: 'selin', name: 'Selin', supervisor: true },
    { id: 'omer', name: 'Ömer', supervisor: true },
  ],
  escalateAfterDays: 3,
};

/**
 * "Handled for now" and "nobody acted": a renewal marked in progress or snoozed holds its alerts
 * and resumes them when the pause ends; one nobody acknowledged escalates to the supervisors,
 * once per stage. Run on every store adapter (memory, RxDB, SQL), as the other job suites.
 */
export function defineAcknowledgeSuite(label: string, stores: StoreFactory) {
  let opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(opened.map((o) => o.close()));
    opened = [];
  });

  async function office(settings: OfficeSettings = OFFICE) {
    const open = await stores();
    opened.push(open);
    const h = testJobs(open.store);
    valueOf(await h.jobs.settings.saveOffice(at('2026-01-01'), settings));
    const customer = valueOf(
      await h.jobs.renewals.createCustomer(at('2026-01-01'), {
        name: 'Elif Kaya',
        assigneeId: 'ayse',
      }),
    );
    const renewalDue = async (createdOn: string, dueDate: string) =>
      valueOf(
        await h.jobs.renewals.createRenewal(at(createdOn), customer.id, {
          serviceType: 'RESIDENCE_PERMIT',
          dueDate,
          assigneeId: 'ayse',
        }),
      );
    const eventsOf = async (renewalId: string, type: string) =>
      (await open.store.find('events', { selector: { subjectId: renewalId, type } })).sort(
        (a, b) => (a.at < b.at ? -1 : 1),
      );
    const titles = () => h.shown.map((n) => n.title);
    return { ...h, store: open.store as StorePort, renewalDue, eventsOf, titles };
  }

  describe(`snoozing and marking renewals in progress on ${label}`, () => {
    it('holds the alert that fires during a two-week snooze and delivers it once when it ends', async () => {
      const h = await office();
      const renewal = await h.renewalDue('2026-02-13', '2026-03-15');
      expect(h.titles()).toEqual(['Elif Kaya: Residence permit due in 30 days (30 days alert)']);
      const snoozed = valueOf(
        await h.jobs.renewals.snooze(at('2026-02-20'), renewal.id, {
          until: '2026-03-06',
          note: 'Client abroad until March',
        }),
      );
      expect(snoozed).toMatchObject({ snoozedUntil: '2026-03-06', nextStageOn: '2026-03-01' });

      // T14 fires on 2026-03-01 (its event and HIGH task are written), but nobody hears of it.
      const t14 = await h.jobs.runDaily(tickAt('2026-03-01'));
      expect(t14.renewals).toMatchObject({ events: 1, tasks: 1 });
      expect(t14.notified).toBe(0);
      expect(await h.store.get('renewals', renewal.id)).toMatchObject({
        stage: 'T14',
        nextStageOn: '2026-03-06',
      });
      expect((await h.jobs.runDaily(tickAt('2026-03-05'))).notified).toBe(0);
      expect(h.shown).toHaveLength(1);

      // The snooze ends on 2026-03-06, five days after T14 fired: the held alert arrives once.
      const resumed = await h.jobs.runDaily(tickAt('2026-03-06'));
      expect(resumed.notified).toBe(1);
      expect(h.titles().at(-1)).toBe('Elif Kaya: Residence permit due in 14 days (14 days alert)');
      expect(await h.eventsOf(renewal.id, 'RENEWAL_SNOOZE_ENDED')).toEqual([
        expect.objectContaining({ occurredOn: '2026-03-06' }),
      ]);
      expect(await h.store.get('renewals', renewal.id)).toMatchObject({
        nextStageOn: '2026-03-08',
      });
      expect((await h.jobs.runDaily(tickAt('2026-03-07'))).notified).toBe(0);
      // Reminders flow again as usual: T7 on its day.
      expect((await h.jobs.runDaily(tickAt('2026-03-08'))).notified).toBe(1);
      expect(h.titles().at(-1)).toBe('Elif Kaya: Residence permit due in 7 days (7 days alert)');
      expect(h.shown).toHaveLength(3);
    });

    it('delivers the held alert when the snooze is cleared, once, and shows nothing more later', async () => {
      const h = await office();
      const renewal = await h.renewalDue('2026-02-13', '2026-03-15');
      valueOf(await h.jobs.renewals.snooze(at('2026-02-20'), renewal.id, { until: '2026-03-20' }));
      await h.jobs.runDaily(tickAt('2026-03-01'));
      await h.jobs.runDaily(tickAt('2026-03-04'));
      expect(h.shown).toHaveLength(1);

      // Four days after T14 fired, beyond the window in which new alerts are looked for.
      const cleared = valueOf(await h.jobs.renewals.clearSnooze(at('2026-03-05'), renewal.id));
      expect(cleared).not.toHaveProperty('snoozedUntil');
      expect(cleared.nextStageOn).toBe('2026-03-08');
      expect(h.titles().at(-1)).toBe('Elif Kaya: Residence permit due in 14 days (14 days alert)');
      expect((await h.jobs.runDaily(tickAt('2026-03-06'))).notified).toBe(0);
      expect(h.shown).toHaveLength(2);
      expect(await h.eventsOf(renewal.id, 'RENEWAL_SNOOZE_CLEARED')).toHaveLength(1);
      expect(await h.jobs.renewals.clearSnooze(at('2026-03-06'), renewal.id)).toEqual({
        ok: false,
        errors: { form: 'This renewal is not snoozed: its reminders already reach people.' },
      });
    });

    it('refuses a snooze into the past and an in-progress mark without a note, saving nothing', async () => {
      const h = await office();
      const renewal = await h.renewalDue('2026-02-13', '2026-03-15');
      const stored = await h.store.get('renewals', renewal.id);
      expect(
        await h.jobs.renewals.snooze(at('2026-02-20'), renewal.id, { until: '2026-02-19' }),
      ).toEqual({
        ok: false,
        errors: { until: 'Choose a day after today (2026-02-20): reminders resume on that day.' },
      });
      expect(
        await h.jobs.renewals.markInProgress(at('2026-02-20'), renewal.id, { note: ' ' }),
      ).toMatchObject({
        ok: false,
        errors: { note: expect.stringMatching(/^Say what is under way/) },
      });
      expect(await h.store.get('renewals', renewal.id)).toEqual(stored);
      valueOf(await h.jobs.renewals.completeRenewal(at('2026-02-21'), renewal.id));
      expect(
        await h.jobs.renewals.snooze(at('2026-02-22'), renewal.id, { until: '2026-03-01' }),
      ).toEqual({
        ok: false,
        errors: {
          form: 'This renewal is already completed: only open renewals can be snoozed or marked in progress.',
        },
      });
    });

    it('pauses reminders and escalation while in progress, still turns OVERDUE, and resumes when cleared', async () => {
      const h = await office();
      const renewal = await h.renewalDue('2026-03-01', '2026-03-15');
      expect(h.shown).toHaveLength(1);
      const marked = valueOf(
        await h.jobs.renewals.markInProgress(at('2026-03-02'), renewal.id, {
          note: 'Application filed at the migration office',
          by: 'ayse',
        }),
      );
      expect(marked).toMatchObject({
        inProgressNote: 'Application filed at the migration office',
        inProgressSince: at('2026-03-02'),
        inProgressBy: 'ayse',
      });

      await h.jobs.runDaily(tickAt('2026-03-08'));
      const overdue = await h.jobs.runDaily(tickAt('2026-03-16'));
      expect(overdue.renewals.events).toBe(1);
      expect(await h.store.get('renewals', renewal.id)).toMatchObject({
        status: 'OVERDUE',
        stage: 'OVERDUE',
        complianceFlag: true,
        inProgressNote: 'Application filed at the migration office',
      });
      const quiet = await h.jobs.runDaily(tickAt('2026-03-25'));
      expect(quiet.escalations.escalated).toBe(0);
      expect(h.shown).toHaveLength(1);
      expect(await h.eventsOf(renewal.id, 'RENEWAL_IN_PROGRESS')).toEqual([
        expect.objectContaining({
          title: 'Residence permit marked in progress by Ayşe',
          detail: 'Application filed at the migration office',
        }),
      ]);

      // Cleared: the latest alert held meanwhile (overdue) arrives; the earlier T7 does not.
      valueOf(await h.jobs.renewals.clearInProgress(at('2026-03-25', '10:00'), renewal.id));
      expect(h.titles().slice(1)).toEqual(['Elif Kaya: Residence permit overdue since 2026-03-15']);
      // Nobody acted since, and it has been overdue longer than three days: it escalates.
      expect((await h.jobs.runDaily(tickAt('2026-03-26'))).escalations.escalated).toBe(1);
    });
  });

  describe(`escalating what nobody acknowledged on ${label}`, () => {
    it('escalates the URGENT task, then the OVERDUE renewal, each once after three days', async () => {
      const h = await office();
      const renewal = await h.renewalDue('2026-03-08', '2026-03-15');
      expect(await h.store.find('tasks', { selector: { renewalId: renewal.id } })).toEqual([
        expect.objectContaining({ priority: 'URGENT', assigneeId: 'ayse' }),
      ]);

      expect((await h.jobs.runDaily(tickAt('2026-03-10'))).escalations.escalated).toBe(0);
      const t7 = await h.jobs.runDaily(tickAt('2026-03-11'));
      expect(t7.escalations.escalated).toBe(1);
      expect((await h.jobs.runDaily(tickAt('2026-03-11', '15:00'))).escalations.escalated).toBe(0);
      expect(h.shown.at(-1)).toMatchObject({
        id: `notif:evt:esc:task:${renewal.id}:URGENT:2026-03-15`,
        title:
          'Elif Kaya: Residence permit due 2026-03-15: urgent task open 3 days, escalated to the supervisors',
        audience: { kind: 'supervisors' },
        urgent: true,
        route: `/renewals/${renewal.id}`,
      });

      await h.jobs.runDaily(tickAt('2026-03-16'));
      expect((await h.jobs.runDaily(tickAt('2026-03-17'))).escalations.escalated).toBe(0);
      expect((await h.jobs.runDaily(tickAt('2026-03-18'))).escalations.escalated).toBe(1);
      expect((await h.jobs.runDaily(tickAt('2026-03-19'))).escalations.escalated).toBe(0);

      const escalations = await h.eventsOf(renewal.id, 'RENEWAL_ESCALATED');
      expect(escalations.map((e) => [e.stage, e.occurredOn])).toEqual([
        ['T7', '2026-03-11'],
        ['OVERDUE', '2026-03-18'],
      ]);
      const tasks = await h.store.find('tasks', { selector: { renewalId: renewal.id } });
      expect(
        tasks
          .filter((t) => t.id.startsWith('task:esc:'))
          .map((t) => [t.assigneeId, t.priority, t.status]),
      ).toEqual([
        ['selin', 'URGENT', 'OPEN'],
        ['selin', 'URGENT', 'OPEN'],
      ]);
      const toSupervisors = h.shown.filter((n) => n.audience?.kind === 'supervisors');
      expect(toSupervisors).toHaveLength(2);

      // Completing the renewal closes the follow-up tasks with the rest.
      valueOf(await h.jobs.renewals.completeRenewal(at('2026-03-19'), renewal.id));
      const after = await h.store.find('tasks', { selector: { renewalId: renewal.id } });
      expect(after.every((t) => t.status === 'DONE')).toBe(true);
    });

    it('does not escalate a snoozed renewal, and escalates it once the snooze is over', async () => {
      const h = await office();
      const renewal = await h.renewalDue('2026-03-10', '2026-03-12');
      valueOf(await h.jobs.renewals.snooze(at('2026-03-10'), renewal.id, { until: '2026-03-20' }));
      await h.jobs.runDaily(tickAt('2026-03-13'));
      expect((await h.jobs.runDaily(tickAt('2026-03-19'))).escalations.escalated).toBe(0);
      const over = await h.jobs.runDaily(tickAt('2026-03-20'));
      expect(over.escalations.escalated).toBe(1);
      expect((await h.eventsOf(renewal.id, 'RENEWAL_ESCALATED')).map((e) => e.stage)).toEqual([
        'OVERDUE',
      ]);
      // The held overdue alert came back with the snooze's end, then the escalation.
      expect(h.titles().slice(-2)).toEqual([
        'Elif Kaya: Residence permit overdue since 2026-03-12',
        'Elif Kaya: Residence permit overdue since 2026-03-12: escalated to the supervisors',
      ]);
    });

    it('plans the same escalation records on two devices running apart', async () => {
      const recordsOf = async () => {
        const h = await office();
        const renewal = await h.renewalDue('2026-03-08', '2026-03-15');
        for (const day of ['2026-03-11', '2026-03-16', '2026-03-18'])
          await h.jobs.runDaily(tickAt(day));
        const events = await h.eventsOf(renewal.id, 'RENEWAL_ESCALATED');
        const tasks = await h.store.find('tasks', { selector: { renewalId: renewal.id } });
        // One device at a time: RxDB's open-source collection limit allows one database.
        await opened.pop()!.close();
        return {
          events: events.map((e) => e.id.replace(renewal.id, '<renewal>')),
          tasks: tasks
            .map((t) => `${t.id.replace(renewal.id, '<renewal>')} → ${t.assigneeId}`)
            .sort(),
        };
      };
      const [first, second] = [await recordsOf(), await recordsOf()];
      expect(first).toEqual(second);
      expect(first.events).toEqual([
        'evt:esc:task:<renewal>:URGENT:2026-03-15',
        'evt:esc:<renewal>:OVERDUE:2026-03-15',
      ]);
    });
  });
}
