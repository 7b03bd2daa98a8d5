import { escalateAfterDays, supervisorsOf } from '../office.js';
import { remindersPaused } from '../renewals/acknowledge.js';
import {
  escalationDue,
  escalationIds,
  isEscalationTask,
  planEscalation,
  type Escalation,
} from '../renewals/escalation.js';
import { ids } from '../renewals/ids.js';
import { addDays, localDateIn } from '../time/index.js';
import type { JobContext } from './context.js';
import { applyPlan, insert } from './plan.js';
import type { JobProblem } from './renewals.js';

export type EscalationSummary = {
  /** OVERDUE renewals and open URGENT tasks looked at. */
  checked: number;
  /** Escalations this run wrote; one another device wrote first is not counted. */
  escalated: number;
};

/**
 * The daily escalation step, after the refresh: OVERDUE renewals and open URGENT tasks nobody
 * acknowledged for the office's number of days go to the supervisors (see planEscalation). Each
 * escalation's task is written before its event, and the event is what says it happened, so an
 * interrupted run is finished by the next one and every device plans the same ids.
 */
export async function escalateRenewals(
  ctx: JobContext,
): Promise<{ summary: EscalationSummary; problems: JobProblem[] }> {
  const { store } = ctx.ports;
  const afterDays = escalateAfterDays(ctx.office);
  const problems: JobProblem[] = [];
  const [overdue, tasks] = await Promise.all([
    store.find('renewals', {
      selector: { status: 'OVERDUE', dueDate: { $lte: addDays(ctx.today, -afterDays) } },
      sort: [{ status: 'asc' }, { dueDate: 'asc' }, { id: 'asc' }],
    }),
    // An URGENT task escalates only while its renewal is not yet overdue, that is while the
    // task's due date (the renewal's) is today or later.
    store.find('tasks', {
      selector: { status: 'OPEN', dueDate: { $gte: ctx.today } },
      sort: [{ status: 'asc' }, { dueDate: 'asc' }],
    }),
  ]);
  const urgent = tasks.filter((t) => t.priority === 'URGENT' && !isEscalationTask(t));
  const summary: EscalationSummary = { checked: overdue.length + urgent.length, escalated: 0 };

  const unpaused = overdue.filter((r) => !remindersPaused(r, ctx.today));
  const taskRenewals = new Map(
    (await store.getMany('renewals', [...new Set(urgent.map((t) => t.renewalId))])).map((r) => [
      r.id,
      r,
    ]),
  );
  const keys = [
    ...unpaused.map((r) => escalationIds.overdueKey(r.id, r.dueDate)),
    ...urgent.map((t) => escalationIds.taskKey(t.id)),
  ];
  const done = new Set(
    (await store.getMany('events', keys.map(escalationIds.event))).map((e) => e.id),
  );
  const open = (key: string) => !done.has(escalationIds.event(key));

  const todo = unpaused.filter((r) => open(escalationIds.overdueKey(r.id, r.dueDate)));
  const overdueOn = new Map(
    (
      await store.getMany(
        'events',
        todo.map((r) => ids.stageEvent(r.id, 'OVERDUE', r.dueDate)),
      )
    ).map((e) => [e.subjectId, e.occurredOn]),
  );
  const due: Escalation[] = [
    ...todo.map((renewal) =>
      escalationDue(
        { kind: 'overdue', renewal, overdueOn: overdueOn.get(renewal.id) ?? null },
        ctx.today,
        afterDays,
      ),
    ),
    ...urgent
      .filter((task) => open(escalationIds.taskKey(task.id)))
      .map((task) =>
        escalationDue(
          {
            kind: 'task',
            task,
            renewal: taskRenewals.get(task.renewalId) ?? null,
            openedOn: localDateIn(task.createdAt, ctx.office.timeZone),
          },
          ctx.today,
          afterDays,
        ),
      ),
  ].filter((e): e is Escalation => e !== null);
  if (due.length === 0) return { summary, problems };

  const context = {
    today: ctx.today,
    at: ctx.at,
    supervisors: supervisorsOf(ctx.office),
    staff: ctx.office.staff,
  };
  const planned = due.map((e) => planEscalation(e, context));
  const applied = await applyPlan(
    ctx.ports,
    {
      writes: [
        ...planned.map((p) => insert('tasks', p.task)),
        ...planned.map((p) => insert('events', p.event)),
      ],
      notices: [],
    },
    { at: ctx.at, onFailure: (p) => problems.push(p) },
  );
  summary.escalated = applied.inserted.filter((i) => i.collection === 'events').length;
  return { summary, problems };
}
