import {
  checkCustomer,
  checkPermit,
  type CustomerInput,
  type PermitInput,
} from '../customers/customer-input.js';
import type { Notice } from '../notice.js';
import { invalid, ok, refused, type Result } from '../result.js';
import { routes } from '../routes.js';
import {
  checkNextRenewal,
  completedOnProblem,
  completionOffer,
  planCancellation,
  cancellationEvent,
  planCompletion,
  planDueDateChange,
  type CompletionOffer,
  type NextRenewal,
  type NextRenewalField,
} from '../renewals/completion.js';
import {
  checkReassignment,
  planRenewalReassignment,
  type ReassignField,
} from '../renewals/tasks.js';
import { defaultAssignee } from '../office.js';
import {
  createManualRenewal,
  renewalForPermit,
  type ManualRenewalInput,
} from '../renewals/create.js';
import {
  remindersPaused,
  planSnoozeRefresh,
  RESUMING_EVENT_TYPES,
  withSnoozeWake,
} from '../renewals/acknowledge.js';
import { isOpen, planRefresh } from '../renewals/refresh.js';
import type { Customer, Permit, PermitState } from '../schema/customer.js';
import type { Renewal } from '../schema/renewal.js';
import type { Task } from '../schema/task.js';
import type { TimelineEvent } from '../schema/timeline-event.js';
import { addMs, isLocalDate, type Instant, type LocalDate } from '../time/index.js';
import { changedMessage, contextAt, goneMessage, type JobContext } from './context.js';
import type { JobPorts } from './ports.js';
import { applyPlan, deliver, insert, patch, update, type Plan } from './plan.js';
import { readFeed, type FeedMark, type Write } from './store.js';

/** How far back notifiable events are looked for, so events synced from other devices notify too. */
const NOTIFY_LOOKBACK_MS = -3 * 86_400_000;

/** Event types that people hear about as they happen. */
const NOTIFIABLE = new Set([
  'RENEWAL_TRIGGERED',
  'AUTO_RENEWAL_NOTICE',
  'RENEWAL_ESCALATED',
  // Work handed to someone reaches the person it was handed to.
  'RENEWAL_REASSIGNED',
  'TASK_REASSIGNED',
]);

/** Event types about a renewal (their subject), as opposed to a policy. */
const ABOUT_RENEWAL = new Set(['RENEWAL_TRIGGERED', 'RENEWAL_ESCALATED', 'RENEWAL_REASSIGNED']);

/**
 * Writes that add renewals with the stage they have already reached on `today`, so none waits
 * for tomorrow's refresh: their stage events and tasks first, then the staged renewals. A
 * renewal another device added first is kept as it is; the derived records have the same ids.
 */
export function newRenewalWrites(renewals: readonly Renewal[], ctx: JobContext): Write[] {
  // Every renewal has someone responsible: the customer's agent, else the office default.
  const fallback = defaultAssignee(ctx.office);
  const assigned = renewals.map((r) =>
    r.assigneeId.trim() === '' ? { ...r, assigneeId: fallback } : r,
  );
  const staged = planRefresh(assigned, ctx.today, ctx.at);
  const byId = new Map(staged.updates.map((r) => [r.id, r]));
  return [
    ...staged.events.map((e) => insert('events', e)),
    ...staged.tasks.map((t) => insert('tasks', t)),
    ...assigned.map((r) => insert('renewals', byId.get(r.id) ?? r)),
  ];
}

/** Closes a renewal's open tasks, leaving any that someone already changed. */
export function closeTaskWrites(tasks: readonly Task[], at: Instant): Write[] {
  return tasks
    .filter((t) => t.status === 'OPEN')
    .map((t) => patch('tasks', t.id, { status: 'OPEN' }, { status: 'DONE', updatedAt: at }));
}

/**
 * The renewal's completion: the renewal first (its claim), its event, the next one, its tasks.
 * `next` is what follows (see planCompletion); by default the repeat rule decides.
 */
async function completionWrites(
  ctx: JobContext,
  renewal: Renewal,
  next?: Renewal | string | null,
  extra: Write[] = [],
  completedOn: LocalDate = ctx.today,
): Promise<{ writes: Write[]; completed: Renewal; next?: Renewal }> {
  const plan = planCompletion(renewal, completedOn, ctx.at, next);
  const tasks = await ctx.ports.store.find('tasks', { selector: { renewalId: renewal.id } });
  return {
    writes: [
      update('renewals', renewal, plan.update),
      insert('events', plan.event),
      ...extra,
      ...(plan.next ? newRenewalWrites([plan.next], ctx) : []),
      ...closeTaskWrites(tasks, ctx.at),
    ],
    completed: plan.update,
    ...(plan.next ? { next: plan.next } : {}),
  };
}

/**
 * Completes renewals another operation made moot (the policy term was renewed, the document
 * re-signed): the same writes as a person's completion, for those still open.
 */
export async function completeIfOpen(ctx: JobContext, renewalIds: readonly string[]) {
  const renewals = await ctx.ports.store.getMany('renewals', renewalIds);
  const writes: Write[] = [];
  for (const renewal of renewals.filter(isOpen))
    writes.push(...(await completionWrites(ctx, renewal, null)).writes);
  return writes;
}

export type RefreshSummary = {
  today: string;
  at: Instant;
  checked: number;
  updated: number;
  events: number;
  tasks: number;
};

export type JobProblem = { collection: string; id: string; reason: string };

/**
 * The daily refresh: reads only renewals whose stage can change today (the `nextStageOn`
 * index), writes their events and tasks, then the renewals themselves (the cursor), so an
 * interrupted run is finished by the next one. A renewal a person changed meanwhile is read
 * again and re-planned; one that fails is reported and skipped.
 */
export async function refreshRenewals(
  ctx: JobContext,
): Promise<{ summary: RefreshSummary; problems: JobProblem[] }> {
  const { store } = ctx.ports;
  const summary: RefreshSummary = {
    today: ctx.today,
    at: ctx.at,
    checked: 0,
    updated: 0,
    events: 0,
    tasks: 0,
  };
  const problems: JobProblem[] = [];
  let pending = await store.find('renewals', {
    selector: { nextStageOn: { $lte: ctx.today } },
    sort: [{ nextStageOn: 'asc' }, { id: 'asc' }],
  });
  summary.checked = pending.length;
  for (let attempt = 0; attempt < 3 && pending.length > 0; attempt++) {
    const plan = { updates: [] as Renewal[], events: [] as TimelineEvent[], tasks: [] as Task[] };
    const before = new Map<string, Renewal>();
    for (const renewal of pending) {
      try {
        // A snoozed renewal is read again the day its snooze ends, which resumes its alerts.
        const one = planSnoozeRefresh(
          renewal,
          planRefresh([renewal], ctx.today, ctx.at),
          ctx.today,
          ctx.at,
        );
        plan.updates.push(...one.updates);
        plan.events.push(...one.events);
        plan.tasks.push(...one.tasks);
        before.set(renewal.id, renewal);
      } catch (error) {
        problems.push({ collection: 'renewals', id: renewal.id, reason: messageOf(error) });
      }
    }
    const applied = await applyPlan(
      ctx.ports,
      {
        writes: [
          ...plan.events.map((e) => insert('events', e)),
          ...plan.tasks.map((t) => insert('tasks', t)),
          ...plan.updates.map((r) => update('renewals', before.get(r.id)!, r)),
        ],
        notices: [],
      },
      { at: ctx.at, onFailure: (p) => problems.push(p) },
    );
    const inserted = new Set(applied.inserted.map((i) => `${i.collection}/${i.id}`));
    summary.events += plan.events.filter(
      (e) => e.type === 'RENEWAL_TRIGGERED' && inserted.has(`events/${e.id}`),
    ).length;
    summary.tasks += plan.tasks.filter((t) => inserted.has(`tasks/${t.id}`)).length;
    const conflicted = new Set(applied.conflicts.map((c) => c.id));
    summary.updated += plan.updates.filter((r) => !conflicted.has(r.id)).length;
    // A person changed these meanwhile: plan them again from what is stored now, and close the
    // tasks this run opened for any that are no longer open.
    const current = applied.conflicts.flatMap((c) => (c.current ? [c.current as Renewal] : []));
    const closedIds = new Set(current.filter((r) => !isOpen(r)).map((r) => r.id));
    const stale = plan.tasks.filter((t) => closedIds.has(t.renewalId));
    if (stale.length > 0)
      await applyPlan(ctx.ports, { writes: closeTaskWrites(stale, ctx.at), notices: [] }, ctx);
    pending = current.filter(isOpen);
  }
  return { summary, problems };
}

/**
 * Delivers each notifiable event once on this device, including events synced from other
 * devices or written by a run that was interrupted before it could notify. A renewal's alerts
 * wait while its reminders are paused (in progress, or snoozed today): held, not lost. When the
 * pause ends (a resuming event: the snooze ended or was cleared, in progress was cleared), its
 * latest stage alert is delivered if it never was, however long the pause lasted.
 */
export async function deliverEventNotices(ctx: JobContext): Promise<number> {
  const { store } = ctx.ports;
  const since = addMs(ctx.at, NOTIFY_LOOKBACK_MS);
  const feed = store.changes;
  // Notices are delivered for the person using the device: when that changes, the look-back
  // is read again for the new person.
  const me = ctx.ports.device?.me() ?? null;
  const cursor = feed ? ((await feed.read(DELIVERY_CURSOR)) as DeliveryCursor | null) : null;
  const mark = cursor && cursor.me === me ? cursor.mark : null;
  // With a change feed, only the events written on this device since the last delivery are
  // read (still within the look-back, so a device syncing the office's history does not notify
  // it); without one, on a device's first run or for a new person, the look-back by index.
  const next = feed && mark === null ? await feed.end('events') : null;
  const written = feed && mark !== null ? await readFeed(feed, 'events', mark) : null;
  const recent = (
    written
      ? written.records
          .filter((e) => e.at >= since)
          .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      : await store.find('events', { selector: { at: { $gte: since } }, sort: [{ at: 'asc' }] })
  ).filter(
    // Document renewals move through stages in the queue, but the documents job sends their
    // reminders in the worker's words: the queue's alert would be a duplicate.
    (e) => e.serviceType !== 'DOCUMENT',
  );
  // The feed holds only events written since the last delivery; the look-back re-reads events
  // earlier runs delivered, which the ledger is read for first (see deliverRecent).
  let delivered = await deliverRecent(ctx, recent, { checkLedger: written === null });
  // A fresh mark lies a little before now: the feed from it to its end, read once now, holds
  // what was just read by index, and anything another tab was still writing, which is
  // delivered too. The next run then starts at the end, not at this run's own writes.
  let caught: FeedMark | null = null;
  if (next !== null) {
    const read = new Set(recent.map((e) => e.id));
    const after = await readFeed(feed!, 'events', next);
    delivered += await deliverRecent(
      ctx,
      after.records.filter((e) => !read.has(e.id) && e.at >= since && e.serviceType !== 'DOCUMENT'),
      { checkLedger: true },
    );
    caught = after.mark;
  }
  // Only once delivered: an interrupted delivery reads the same events again next time.
  if (feed)
    await feed.write(DELIVERY_CURSOR, {
      mark: written?.mark ?? caught!,
      me,
    } satisfies DeliveryCursor);
  return delivered;
}

/** The device-local cursor of deliverEventNotices on the events' change feed. */
const DELIVERY_CURSOR = 'delivery:events';
type DeliveryCursor = { mark: FeedMark; me: string | null };

/**
 * Delivers the alerts among `recent` (and the held alerts of renewals whose pause ended). With
 * `checkLedger`, the ledger is read first so that alerts already delivered cost nothing more;
 * without it (events no delivery has seen), they go straight to deliver(), whose insert skips any
 * the ledger holds all the same: the same result, one read fewer (~64 ms for 800 alerts at 100k).
 */
async function deliverRecent(
  ctx: JobContext,
  recent: readonly TimelineEvent[],
  options: { checkLedger: boolean },
): Promise<number> {
  const { store } = ctx.ports;
  const alerts = recent.filter((e) => NOTIFIABLE.has(e.type));
  const resumed = [
    ...new Set(recent.filter((e) => RESUMING_EVENT_TYPES.has(e.type)).map((e) => e.subjectId)),
  ];
  if (alerts.length === 0 && resumed.length === 0) return 0;
  const renewals = new Map(
    (
      await store.getMany('renewals', [
        ...new Set([
          ...alerts.filter((e) => ABOUT_RENEWAL.has(e.type)).map((e) => e.subjectId),
          ...resumed,
        ]),
      ])
    ).map((r) => [r.id, r]),
  );
  const paused = (renewalId: string) => {
    const renewal = renewals.get(renewalId);
    return renewal !== undefined && remindersPaused(renewal, ctx.today);
  };
  const held = await latestStageAlerts(
    ctx,
    resumed.filter((id) => renewals.has(id) && isOpen(renewals.get(id)!) && !paused(id)),
  );
  const due = [
    ...new Map(
      [
        // Held alerts first: they fired before anything in the look-back window.
        ...held,
        ...alerts.filter((e) => e.type !== 'RENEWAL_TRIGGERED' || !paused(e.subjectId)),
      ].map((e) => [e.id, e]),
    ).values(),
  ];
  if (due.length === 0) return 0;
  const delivered = new Set(
    options.checkLedger
      ? (await store.getMany('notifications', due.map(noticeId))).map((n) => n.id)
      : [],
  );
  const fresh = due.filter((e) => !delivered.has(noticeId(e)));
  if (fresh.length === 0) return 0;
  const customers = await store.getMany('customers', [...new Set(fresh.map((e) => e.customerId))]);
  const names = new Map(customers.map((c) => [c.id, c.name]));
  const holders = await holdersOf(ctx, fresh, renewals);
  return deliver(
    ctx.ports,
    fresh.map((event) =>
      eventNotice(event, names.get(event.customerId), holders.get(event.subjectId)),
    ),
    ctx.at,
  );
}

/** Each renewal's most recent stage alert (RENEWAL_TRIGGERED), if it has one. */
async function latestStageAlerts(
  ctx: JobContext,
  renewalIds: readonly string[],
): Promise<TimelineEvent[]> {
  const latest: TimelineEvent[] = [];
  for (const subjectId of renewalIds) {
    const alerts = await ctx.ports.store.find('events', {
      selector: { subjectId, type: 'RENEWAL_TRIGGERED' },
    });
    const last = alerts.reduce<TimelineEvent | null>(
      (a, b) => (a === null || b.at > a.at || (b.at === a.at && b.id > a.id) ? b : a),
      null,
    );
    if (last) latest.push(last);
  }
  return latest;
}

/** Who holds what each event is about (the renewal's or the policy's assignee), by subject id. */
async function holdersOf(
  ctx: JobContext,
  events: readonly TimelineEvent[],
  renewals: ReadonlyMap<string, Renewal>,
): Promise<Map<string, string>> {
  const ids = (type: string) => [
    ...new Set(events.filter((e) => e.type === type).map((e) => e.subjectId)),
  ];
  const [policies, tasks] = await Promise.all([
    ctx.ports.store.getMany('policies', ids('AUTO_RENEWAL_NOTICE')),
    ctx.ports.store.getMany('tasks', ids('TASK_REASSIGNED')),
  ]);
  return new Map([...renewals.values(), ...policies, ...tasks].map((r) => [r.id, r.assigneeId]));
}

function noticeId(event: TimelineEvent): string {
  return `notif:${event.id}`;
}

/** Stages whose alert is urgent: it reaches people at once, never waiting for a digest. */
const URGENT_STAGES = new Set(['T7', 'OVERDUE']);

function eventNotice(
  event: TimelineEvent,
  customerName: string | undefined,
  holder: string | undefined,
): Notice {
  const aboutRenewal = ABOUT_RENEWAL.has(event.type);
  const aboutTask = event.type === 'TASK_REASSIGNED';
  const escalation = event.type === 'RENEWAL_ESCALATED';
  return {
    id: noticeId(event),
    title:
      (aboutRenewal || aboutTask) && customerName ? `${customerName}: ${event.title}` : event.title,
    body: event.detail ?? '',
    route: aboutTask
      ? routes.tasks()
      : aboutRenewal
        ? routes.renewal(event.subjectId)
        : routes.policy(event.subjectId),
    sourceEventId: event.id,
    audience: escalation
      ? { kind: 'supervisors' }
      : holder
        ? { kind: 'staff', staffId: holder }
        : { kind: 'admins' },
    ...(escalation || (event.type === 'RENEWAL_TRIGGERED' && URGENT_STAGES.has(event.stage ?? ''))
      ? { urgent: true }
      : {}),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What follows a completion, from the person's choice: nothing said means the repeat rule; a
 * new permit is recorded on the customer (an extra write) with its own renewal.
 */
async function followingOf(
  ctx: JobContext,
  renewal: Renewal,
  choice: NextRenewal | undefined,
): Promise<Result<{ next: Renewal | string | null | undefined; extra: Write[] }>> {
  if (choice === undefined) return ok({ next: undefined, extra: [] });
  if (choice.kind === 'none') return ok({ next: null, extra: [] });
  if (choice.kind === 'date') return ok({ next: choice.dueDate, extra: [] });
  const customer = await ctx.ports.store.get('customers', renewal.customerId);
  const old = customer?.permits.find((p) => p.id === renewal.permitId);
  if (!customer || !old)
    return refused(
      'This renewal is not linked to a permit of its customer; enter the next due date instead.',
    );
  const permit: Permit = {
    id: ctx.ports.newId('prm'),
    kind: old.kind,
    number: choice.number,
    state: old.kind === 'RESIDENCE_PERMIT' ? 'APPROVED' : 'ISSUED',
    expiresOn: choice.expiresOn,
  };
  const saved = { ...customer, permits: [...customer.permits, permit], updatedAt: ctx.at };
  const next = renewalForPermit(saved, permit, ctx.at);
  return ok({
    next: next ? { ...next, previousRenewalId: renewal.id } : null,
    extra: [update('customers', customer, saved)],
  });
}

/** Applies a user operation's plan and notifies what it triggered. */
async function runOperation(ctx: JobContext, plan: Plan, label: string) {
  const applied = await applyPlan(ctx.ports, plan, { at: ctx.at, journal: label });
  if (applied.ok) await deliverEventNotices(ctx);
  return applied;
}

export type Completed = { completed: Renewal; next?: Renewal };

/** The renewal operations people perform, each with the instant it happens. */
export function renewalOperations(ports: JobPorts) {
  async function openRenewal(ctx: JobContext, renewalId: string): Promise<Result<Renewal>> {
    const renewal = await ports.store.get('renewals', renewalId);
    if (!renewal) return refused(goneMessage('renewal', renewalId));
    if (!isOpen(renewal))
      return refused(
        `This renewal is already ${renewal.status.toLowerCase()}; create a new renewal instead.`,
      );
    return ok(renewal);
  }

  async function savePermit(
    ctx: JobContext,
    customer: Customer,
    permit: Permit,
  ): Promise<Result<Renewal | null>> {
    const permits = customer.permits.some((p) => p.id === permit.id)
      ? customer.permits.map((p) => (p.id === permit.id ? permit : p))
      : [...customer.permits, permit];
    const saved = { ...customer, permits, updatedAt: ctx.at };
    const renewal = renewalForPermit(saved, permit, ctx.at);
    const applied = await runOperation(
      ctx,
      {
        writes: [
          update('customers', customer, saved),
          ...(renewal ? newRenewalWrites([renewal], ctx) : []),
        ],
        notices: [],
      },
      `Save permit ${permit.number} of ${customer.name}`,
    );
    if (!applied.ok) return refused(changedMessage('customer', 'edited meanwhile'));
    const added = renewal && applied.inserted.some((i) => i.id === renewal.id);
    return ok(added ? renewal : null);
  }

  return {
    async createCustomer(at: Instant, input: CustomerInput): Promise<Result<Customer>> {
      const result = checkCustomer(input, { id: ports.newId('cus'), now: at });
      if (result.ok) await ports.store.insert('customers', [result.value]);
      return result;
    },

    async addPermit(at: Instant, customerId: string, input: PermitInput): Promise<Result<Permit>> {
      const ctx = await contextAt(ports, at);
      const customer = await ports.store.get('customers', customerId);
      if (!customer) return refused(goneMessage('customer', customerId));
      const result = checkPermit(input, ports.newId('prm'));
      if (!result.ok) return result;
      const saved = await savePermit(ctx, customer, result.value);
      return saved.ok ? result : saved;
    },

    /** A residence permit approved or a work permit issued creates its renewal; returns it. */
    async setPermitState(
      at: Instant,
      customerId: string,
      permitId: string,
      state: PermitState,
    ): Promise<Result<Renewal | null>> {
      const ctx = await contextAt(ports, at);
      const customer = await ports.store.get('customers', customerId);
      if (!customer) return refused(goneMessage('customer', customerId));
      const permit = customer.permits.find((p) => p.id === permitId);
      if (!permit) return refused(`Permit ${permitId} is not on this customer any more.`);
      return savePermit(ctx, customer, { ...permit, state });
    },

    async createRenewal(
      at: Instant,
      customerId: string,
      input: ManualRenewalInput,
    ): Promise<Result<Renewal>> {
      const ctx = await contextAt(ports, at);
      const result = createManualRenewal(input, { id: ports.newId('ren'), customerId, now: at });
      if (!result.ok) return result;
      await runOperation(
        ctx,
        { writes: newRenewalWrites([result.value], ctx), notices: [] },
        `Create a renewal for ${customerId}`,
      );
      return result;
    },

    /**
     * What the Complete dialog offers for a renewal: a new permit, the policy's page, or a
     * next due date suggested by its repeat rule.
     */
    async completionOffer(_at: Instant, renewalId: string): Promise<Result<CompletionOffer>> {
      const renewal = await ports.store.get('renewals', renewalId);
      if (!renewal) return refused(goneMessage('renewal', renewalId));
      const customer = renewal.permitId
        ? await ports.store.get('customers', renewal.customerId)
        : null;
      const policy = renewal.policyId ? await ports.store.get('policies', renewal.policyId) : null;
      return ok(
        completionOffer(renewal, {
          permit: customer?.permits.find((p) => p.id === renewal.permitId),
          policyInNoLapse: policy !== null,
        }),
      );
    },

    /**
     * Completes an open renewal. What follows is the person's choice (`next`): a due date, the
     * new permit (recorded on the customer, with its own renewal), or explicitly nothing;
     * without a choice the repeat rule decides, as the ops API does. A renewal of a policy kept
     * in NoLapse is completed by issuing the policy's renewal instead. `completedOn` is the
     * office-local day the work was done (today when not given; never later): the completion
     * event counts from it, while `at` stays the instant it was recorded.
     */
    async completeRenewal(
      at: Instant,
      renewalId: string,
      next?: NextRenewal,
      options: { completedOn?: LocalDate } = {},
    ): Promise<Result<Completed, NextRenewalField | 'completedOn'>> {
      const ctx = await contextAt(ports, at);
      const completedOn = options.completedOn ?? ctx.today;
      for (let attempt = 0; attempt < 3; attempt++) {
        const open = await openRenewal(ctx, renewalId);
        if (!open.ok) return open;
        const renewal = open.value;
        if (renewal.policyId && (await ports.store.get('policies', renewal.policyId)))
          return refused(
            `This renewal belongs to a policy kept in NoLapse: renew the policy on its page, and issuing its renewal completes this one.`,
          );
        const choice = next === undefined ? ok(undefined) : checkNextRenewal(renewal, next);
        const dateProblem = completedOnProblem(completedOn, ctx.today);
        if (!choice.ok || dateProblem)
          return invalid({
            ...(choice.ok ? {} : choice.errors),
            ...(dateProblem ? { completedOn: dateProblem } : {}),
          });
        const following = await followingOf(ctx, renewal, choice.value);
        if (!following.ok) return following;
        const {
          writes,
          completed,
          next: created,
        } = await completionWrites(
          ctx,
          renewal,
          following.value.next,
          following.value.extra,
          completedOn,
        );
        const applied = await runOperation(
          ctx,
          { writes, notices: [] },
          `Complete renewal ${renewalId}`,
        );
        if (applied.ok) return ok(created ? { completed, next: created } : { completed });
      }
      return refused(changedMessage('renewal', 'it kept changing while saving'));
    },

    /** Hands a renewal to someone else; its open tasks follow, and the note goes on the timeline. */
    async reassignRenewal(
      at: Instant,
      renewalId: string,
      input: { assigneeId: string; note: string },
    ): Promise<Result<Renewal, ReassignField>> {
      const ctx = await contextAt(ports, at);
      const open = await openRenewal(ctx, renewalId);
      if (!open.ok) return open;
      const checked = checkReassignment(open.value.assigneeId, input, ctx.office.staff);
      if (!checked.ok) return checked;
      const plan = planRenewalReassignment(open.value, checked.value, {
        staff: ctx.office.staff,
        today: ctx.today,
        at,
      });
      const tasks = await ports.store.find('tasks', { selector: { renewalId } });
      const applied = await runOperation(
        ctx,
        {
          writes: [
            update('renewals', open.value, plan.renewal),
            insert('events', plan.event),
            ...tasks
              .filter((t) => t.status === 'OPEN')
              .map((t) =>
                patch(
                  'tasks',
                  t.id,
                  { status: 'OPEN' },
                  { assigneeId: checked.value.assigneeId, updatedAt: at },
                ),
              ),
          ],
          notices: [],
        },
        `Reassign renewal ${renewalId}`,
      );
      return applied.ok ? ok(plan.renewal) : refused(changedMessage('renewal', 'edited meanwhile'));
    },

    /** Cancelling stops all alerts and closes its tasks; the record stays for the audit trail. */
    async cancelRenewal(at: Instant, renewalId: string): Promise<Result<Renewal>> {
      const ctx = await contextAt(ports, at);
      const open = await openRenewal(ctx, renewalId);
      if (!open.ok) return open;
      const cancelled = planCancellation(open.value, at);
      const tasks = await ports.store.find('tasks', { selector: { renewalId } });
      const applied = await runOperation(
        ctx,
        {
          writes: [
            update('renewals', open.value, cancelled),
            insert('events', cancellationEvent(open.value, ctx)),
            ...closeTaskWrites(tasks, at),
          ],
          notices: [],
        },
        `Cancel renewal ${renewalId}`,
      );
      return applied.ok ? ok(cancelled) : refused(changedMessage('renewal', 'edited meanwhile'));
    },

    /** A new due date starts the alerts over from the stage it has reached. */
    async changeDueDate(at: Instant, renewalId: string, dueDate: string): Promise<Result<Renewal>> {
      if (!isLocalDate(dueDate))
        return {
          ok: false,
          errors: { dueDate: 'Enter a real date as YYYY-MM-DD, for example 2026-03-15.' },
        };
      const ctx = await contextAt(ports, at);
      const open = await openRenewal(ctx, renewalId);
      if (!open.ok) return open;
      const moved = planDueDateChange(open.value, dueDate, at);
      const staged = planRefresh([moved], ctx.today, at);
      const after = withSnoozeWake(staged.updates[0] ?? moved, ctx.today);
      const applied = await runOperation(
        ctx,
        {
          writes: [
            update('renewals', open.value, after),
            ...staged.events.map((e) => insert('events', e)),
            ...staged.tasks.map((t) => insert('tasks', t)),
          ],
          notices: [],
        },
        `Move renewal ${renewalId} to ${dueDate}`,
      );
      return applied.ok ? ok(after) : refused(changedMessage('renewal', 'edited meanwhile'));
    },
  };
}
