import { escalateAfterDays, supervisorsOf } from '../office.js';
import { remindersPaused, RESUMING_EVENT_TYPES } from '../renewals/acknowledge.js';
import {
  escalationDue,
  escalationIds,
  isEscalationTask,
  planEscalation,
  type Escalation,
} from '../renewals/escalation.js';
import { ids } from '../renewals/ids.js';
import type { Renewal } from '../schema/renewal.js';
import type { TimelineEvent } from '../schema/timeline-event.js';
import { addDays, localDateIn, type LocalDate } from '../time/index.js';
import type { JobContext } from './context.js';
import { applyPlan, insert } from './plan.js';
import type { JobProblem } from './renewals.js';
import { readFeed, type FeedMark } from './store.js';

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
 *
 * What it reads follows what changed, not the office's size:
 * - URGENT tasks open at T7 or later, so only those due within 8 − afterDays days can have been
 *   open long enough (by index, no state kept).
 * - OVERDUE renewals, with a change feed: the ones written since the last run (turned OVERDUE,
 *   acknowledged, cleared, synced), the subjects of resuming and OVERDUE events since, and a
 *   device-local watch list of those waiting for their day. Everything only on the first run, or
 *   when the office's days or time zone changed; without a feed (the server), every OVERDUE
 *   renewal past the days, as before.
 */
export async function escalateRenewals(
  ctx: JobContext,
): Promise<{ summary: EscalationSummary; problems: JobProblem[] }> {
  const { store } = ctx.ports;
  const afterDays = escalateAfterDays(ctx.office);
  const problems: JobProblem[] = [];
  const lastTaskDue = addDays(ctx.today, 8 - afterDays);
  const [watched, tasks] = await Promise.all([
    overdueToCheck(ctx, afterDays),
    // An URGENT task escalates only while its renewal is not yet overdue, that is while the
    // task's due date (the renewal's) is today or later.
    lastTaskDue < ctx.today
      ? Promise.resolve([])
      : store.find('tasks', {
          selector: { status: 'OPEN', dueDate: { $gte: ctx.today, $lte: lastTaskDue } },
          sort: [{ status: 'asc' }, { dueDate: 'asc' }],
        }),
  ]);
  const { overdue } = watched;
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
  // A paused, escalated or closed renewal leaves the watch list: a write to it, or a resuming
  // event, brings it back. One whose day has not come stays until that day.
  const watch = watched.watch;
  const dueOverdue: Escalation[] = [];
  for (const renewal of todo) {
    const candidate = {
      kind: 'overdue' as const,
      renewal,
      overdueOn: overdueOn.get(renewal.id) ?? null,
    };
    const escalation = escalationDue(candidate, ctx.today, afterDays);
    if (escalation) dueOverdue.push(escalation);
    else if (watch) watch[renewal.id] = escalationDay(candidate, afterDays);
  }
  const due: Escalation[] = [
    ...dueOverdue,
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

  if (due.length > 0) {
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
    const written = applied.inserted.filter((i) => i.collection === 'events');
    summary.escalated = written.length;
    // One that failed is looked at again next run (one another device wrote is then done).
    const ok = new Set(written.map((i) => i.id));
    for (const e of dueOverdue)
      if (watch && !ok.has(escalationIds.event(e.key))) watch[e.renewal.id] = ctx.today;
  }
  if (watched.save) await watched.save();
  return { summary, problems };
}

/** The day an OVERDUE renewal's escalation falls due (escalationDue's rule, unpaused). */
function escalationDay(
  candidate: { renewal: Renewal; overdueOn: LocalDate | null },
  afterDays: number,
): LocalDate {
  const { renewal, overdueOn } = candidate;
  const learned = overdueOn ? addDays(overdueOn, -1) : renewal.dueDate;
  return addDays(learned > renewal.dueDate ? learned : renewal.dueDate, afterDays);
}

/** The device-local cursor of escalateRenewals on the renewals' and events' change feeds. */
const ESCALATION_CURSOR = 'escalation:overdue';
type EscalationCursor = {
  afterDays: number;
  timeZone: string;
  marks: { renewals: FeedMark; events: FeedMark };
  /** OVERDUE renewals not escalated yet, unpaused, by the day they fall due. */
  watch: Record<string, LocalDate>;
};

/**
 * The OVERDUE renewals escalation looks at today, and (with a change feed) the watch list to
 * keep and how to save it once the run is done: saved last, so an interrupted run reads the
 * same changes again.
 */
async function overdueToCheck(
  ctx: JobContext,
  afterDays: number,
): Promise<{
  overdue: Renewal[];
  watch: Record<string, LocalDate> | null;
  save: (() => Promise<void>) | null;
}> {
  const { store } = ctx.ports;
  const feed = store.changes;
  const everyOverdue = (selector: Record<string, unknown>) =>
    store.find('renewals', {
      selector: { status: 'OVERDUE', ...selector },
      sort: [{ status: 'asc' }, { dueDate: 'asc' }, { id: 'asc' }],
    });
  if (!feed)
    return {
      overdue: await everyOverdue({ dueDate: { $lte: addDays(ctx.today, -afterDays) } }),
      watch: null,
      save: null,
    };
  const cursor = (await feed.read(ESCALATION_CURSOR)) as EscalationCursor | null;
  const saver = (marks: EscalationCursor['marks'], watch: Record<string, LocalDate>) => async () =>
    feed.write(ESCALATION_CURSOR, {
      afterDays,
      timeZone: ctx.office.timeZone,
      marks,
      watch,
    } satisfies EscalationCursor);
  if (!cursor || cursor.afterDays !== afterDays || cursor.timeZone !== ctx.office.timeZone) {
    // Marks first, then everything; once the run is done the feeds are read from those marks to
    // their end, so the next run starts after this one's own writes. Of what they hold, only a
    // renewal changed after it was read here (or one not read) is looked at again next run.
    const start = { renewals: await feed.end('renewals'), events: await feed.end('events') };
    const overdue = await everyOverdue({});
    const seen = new Map(overdue.map((r) => [r.id, r.updatedAt]));
    const watch: Record<string, LocalDate> = {};
    const save = async () => {
      const [renewals, events] = await Promise.all([
        readFeed(feed, 'renewals', start.renewals),
        readFeed(feed, 'events', start.events),
      ]);
      for (const r of renewals.records)
        if (r.status === 'OVERDUE' && seen.get(r.id) !== r.updatedAt) watch[r.id] = ctx.today;
      for (const e of events.records)
        if (resumesOrOverdue(e) && !seen.has(e.subjectId)) watch[e.subjectId] = ctx.today;
      await saver({ renewals: renewals.mark, events: events.mark }, watch)();
    };
    return { overdue, watch, save };
  }
  const [renewals, events] = await Promise.all([
    readFeed(feed, 'renewals', cursor.marks.renewals),
    readFeed(feed, 'events', cursor.marks.events),
  ]);
  const ready = Object.keys(cursor.watch).filter((id) => cursor.watch[id]! <= ctx.today);
  const written = renewals.records.filter((r) => r.status === 'OVERDUE');
  const writtenIds = new Set(written.map((r) => r.id));
  const others = [
    ...new Set([...ready, ...events.records.filter(resumesOrOverdue).map((e) => e.subjectId)]),
  ].filter((id) => !writtenIds.has(id));
  const read = (await store.getMany('renewals', others)).filter((r) => r.status === 'OVERDUE');
  const looked = new Set([...writtenIds, ...others]);
  // Those looked at are placed again by the run; the rest keep their day.
  const watch = Object.fromEntries(
    Object.entries(cursor.watch).filter(([id]) => !looked.has(id)),
  ) as Record<string, LocalDate>;
  return {
    overdue: [...written, ...read],
    watch,
    save: saver({ renewals: renewals.mark, events: events.mark }, watch),
  };
}

/** An event after which an OVERDUE renewal may escalate: its OVERDUE alert, or a pause ended. */
function resumesOrOverdue(e: TimelineEvent): boolean {
  return (
    RESUMING_EVENT_TYPES.has(e.type) || (e.type === 'RENEWAL_TRIGGERED' && e.stage === 'OVERDUE')
  );
}
