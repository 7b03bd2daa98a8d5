import { renewalForPolicyTerm } from '../renewals/create.js';
import { planCancellation as cancelQueueRenewal } from '../renewals/completion.js';
import { ids as renewalIds } from '../renewals/ids.js';
import { isOpen, planRefresh } from '../renewals/refresh.js';
import { nextStageOn } from '../renewals/stages.js';
import { invalid, ok, type Result } from '../result.js';
import type { Renewal } from '../schema/renewal.js';
import type { Task } from '../schema/task.js';
import type { TimelineEvent } from '../schema/timeline-event.js';
import {
  formatLocalDateTime,
  instantAtLocal,
  isLocalDate,
  yearRangeProblem,
  localDateIn,
  type LocalDate,
} from '../time/index.js';
import { touchAutoRenewal } from './auto-renewal-record.js';
import { policyIds } from './ids.js';
import { latestTerm, OPEN_AUTO_RENEWAL_STATES } from './model.js';
import type { AutoRenewal, Instant, Policy, RenewalTransaction } from './model.js';

/** The office-local date staff type for a cancellation. */
export type CancellationForm = { effectiveDate: string };
export type CancellationField = keyof CancellationForm;
export type Cancellation = NonNullable<Policy['cancellation']>;

/** True while a cancellation is recorded on the policy. */
export function isCancelled(policy: Policy): boolean {
  return policy.state === 'cancelled';
}

/** The first term: the one a cancellation may not start before. */
function firstTerm(policy: Policy) {
  return policy.terms.reduce((first, t) => (t.termNumber < first.termNumber ? t : first));
}

/** The queue renewal of the policy's latest term: `ren:policy:<id>@<end date in the office>`. */
export function queueRenewalId(policy: Policy, timeZone: string): string {
  return renewalIds.policyRenewal(policy.id, localDateIn(latestTerm(policy).endTime, timeZone));
}

/** Why the policy cannot be cancelled now, or null when it can. */
export function canCancel(policy: Policy, timeZone: string): string | null {
  if (!isCancelled(policy)) return null;
  const since = policy.cancellation
    ? ` (effective ${formatLocalDateTime(policy.cancellation.effectiveTime, timeZone)})`
    : '';
  return `Policy ${policy.number} is already cancelled${since}; reinstate it first to record another cancellation.`;
}

/**
 * The cancellation's effective date as typed (office-local 'YYYY-MM-DD'): a real date, not
 * before the first term starts, and before the latest term ends (after that nothing is left to
 * cancel). Backdated cancellations are allowed.
 */
export function checkCancellationForm(
  policy: Policy,
  form: CancellationForm,
  timeZone: string,
): Result<{ effectiveDate: LocalDate; effectiveTime: Instant }, CancellationField> {
  const text = form.effectiveDate.trim();
  if (text === '')
    return invalid({ effectiveDate: 'Enter the date the cancellation takes effect.' });
  if (!isLocalDate(text))
    return invalid({
      effectiveDate:
        yearRangeProblem(text) ??
        `Enter the effective date as YYYY-MM-DD, e.g. ${localDateIn(latestTerm(policy).endTime, timeZone)}.`,
    });
  const effectiveTime = instantAtLocal(text, timeZone);
  const start = firstTerm(policy).startTime;
  if (effectiveTime < start)
    return invalid({
      effectiveDate: `The cancellation cannot take effect before the first term starts (${formatLocalDateTime(start, timeZone)}).`,
    });
  const end = latestTerm(policy).endTime;
  if (effectiveTime >= end)
    return invalid({
      effectiveDate: `The latest term ends ${formatLocalDateTime(end, timeZone)}; a cancellation must take effect before then. To stop a renewal instead, mark the policy Do not renew.`,
    });
  return ok({ effectiveDate: text, effectiveTime });
}

/** What the cancellation reads besides the policy. */
export type CancellationContext = {
  transactions: readonly RenewalTransaction[];
  autoRenewals: readonly AutoRenewal[];
  /** The queue renewal of the latest term, if it exists. */
  queueRenewal: Renewal | null;
  timeZone: string;
};

export type CancellationPlan = {
  /** The policy, now cancelled: the claim of the operation. */
  policy: Policy;
  /** Managed renewals that were pending (draft or accepted), back in draft (never invalidated). */
  transactionUpdates: RenewalTransaction[];
  /** The policy's open auto-renewals, now invalidated (held until reactivated). */
  autoRenewalUpdates: AutoRenewal[];
  /** POLICY_CANCELLED on the customer's timeline. */
  event: TimelineEvent;
  /** The latest term's queue renewal, closed as CANCELLED, with its own timeline event. */
  queue?: { renewal: Renewal; event: TimelineEvent };
};

/**
 * A cancellation of `policy` effective at `effective`: the policy becomes cancelled; a renewal
 * managed by an auto-renewal goes back to draft from accepted (a draft stays a draft; it is not
 * invalidated; an issued one already made its term, which the cancellation covers); the
 * policy's open auto-renewals become invalidated, so nothing renews a cancelled policy until
 * someone reactivates them; the latest term's open queue renewal closes as CANCELLED.
 */
export function planCancellation(
  policy: Policy,
  context: CancellationContext,
  effective: { effectiveDate: LocalDate; effectiveTime: Instant },
  now: Instant,
): CancellationPlan {
  const { timeZone } = context;
  const open = context.autoRenewals.filter(
    (ar) => ar.policyId === policy.id && OPEN_AUTO_RENEWAL_STATES.includes(ar.state),
  );
  const managedIds = new Set(open.map((ar) => ar.transactionId).filter((id) => id !== undefined));
  const reason = `Policy ${policy.number} was cancelled effective ${effective.effectiveDate}.`;
  const transactionUpdates = context.transactions
    .filter((tx) => tx.policyId === policy.id && managedIds.has(tx.id) && tx.state === 'accepted')
    .map((tx): RenewalTransaction => ({
      ...tx,
      state: 'draft',
      history: [...tx.history, { from: tx.state, to: 'draft', at: now, manual: false, reason }],
      updatedAt: now,
    }));
  const autoRenewalUpdates = open
    .filter((ar) => ar.invalidatedAt === null)
    .map((ar) => touchAutoRenewal({ ...ar, invalidatedAt: now }, now));
  const occurredOn = localDateIn(now, timeZone);
  const queue = context.queueRenewal && isOpen(context.queueRenewal) ? context.queueRenewal : null;
  const cancelled: Policy = {
    ...policy,
    state: 'cancelled',
    cancellation: { ...effective, recordedAt: now },
    updatedAt: now,
  };
  const parts = [
    `${transactionUpdates.length} managed renewal(s) back to draft`,
    `${autoRenewalUpdates.length} auto-renewal(s) invalidated until reactivated`,
    queue ? `queue renewal due ${queue.dueDate} cancelled` : 'no open queue renewal',
  ];
  return {
    policy: cancelled,
    transactionUpdates,
    autoRenewalUpdates,
    event: {
      id: policyIds.cancelledEvent(policy.id, now),
      type: 'POLICY_CANCELLED',
      customerId: policy.customerId,
      subjectId: policy.id,
      title: `Policy ${policy.number} cancelled effective ${effective.effectiveDate}`,
      detail: `${parts.join('; ')}.`,
      occurredOn,
      at: now,
      updatedAt: now,
    },
    ...(queue
      ? {
          queue: {
            renewal: cancelQueueRenewal(queue, now),
            event: {
              id: policyIds.queueEvent(queue.id, 'cancelled', now),
              type: 'RENEWAL_CANCELLED',
              customerId: queue.customerId,
              subjectId: queue.id,
              serviceType: queue.serviceType,
              title: `Renewal of policy ${policy.number} due ${queue.dueDate} cancelled`,
              detail: reason,
              occurredOn,
              at: now,
              updatedAt: now,
            },
          },
        }
      : {}),
  };
}

/** Why the cancelled policy cannot be reinstated at `now`, or null when it can. */
export function canReinstate(policy: Policy, now: Instant, timeZone: string): string | null {
  if (!isCancelled(policy))
    return `Policy ${policy.number} is not cancelled; there is nothing to reinstate.`;
  const end = latestTerm(policy).endTime;
  if (now >= end)
    return `The latest term of policy ${policy.number} ended ${formatLocalDateTime(end, timeZone)}; a policy can be reinstated only before its latest term ends. Add a new policy instead.`;
  return null;
}

/** What a reinstatement did to the latest term's queue renewal, and why. */
export type QueueOutcome =
  | { kind: 'reopened'; renewal: Renewal; reason: string }
  | { kind: 'created'; renewal: Renewal; reason: string }
  | { kind: 'kept'; renewal: Renewal; reason: string };

export type ReinstatementPlan = {
  /** The policy, active again: the claim of the operation. */
  policy: Policy;
  event: TimelineEvent;
  queue: QueueOutcome;
  /** A reopened renewal's stage events and tasks reached while it was cancelled. */
  stageEvents: TimelineEvent[];
  stageTasks: Task[];
  /** The renewal's tasks the cancellation closed (closed at the instant it was recorded). */
  reopenTasks: Task[];
  /** RENEWAL_REOPENED when the queue renewal was reopened. */
  queueEvent?: TimelineEvent;
};

/** The reopened renewal: open again at the stage it had reached, staged to `today`. */
function reopen(renewal: Renewal, today: LocalDate, now: Instant) {
  const overdue = renewal.stage === 'OVERDUE';
  const reopened: Renewal = {
    ...renewal,
    status: overdue ? 'OVERDUE' : 'ACTIVE',
    complianceFlag: overdue,
    nextStageOn: nextStageOn(renewal.dueDate, renewal.stage),
    updatedAt: now,
  };
  const staged = planRefresh([reopened], today, now);
  return { renewal: staged.updates[0] ?? reopened, events: staged.events, tasks: staged.tasks };
}

/**
 * Undoes a cancellation: the policy is active again and its latest term's queue renewal open
 * again. The renewal the cancellation closed is reopened (same id, so its history and alerts
 * stay one record), with the tasks the cancellation closed; when there is none (it was
 * removed, or the policy predates the queue) it is created. One someone completed is kept.
 * Auto-renewals stay invalidated: reactivating them is a separate, deliberate step.
 */
export function planReinstatement(
  policy: Policy,
  context: { queueRenewal: Renewal | null; tasks: readonly Task[]; timeZone: string },
  now: Instant,
): ReinstatementPlan {
  const { timeZone } = context;
  const today = localDateIn(now, timeZone);
  const { cancellation: _lifted, ...rest } = policy;
  const active: Policy = { ...rest, state: 'active', updatedAt: now };
  const occurredOn = today;
  const event: TimelineEvent = {
    id: policyIds.reinstatedEvent(policy.id, now),
    type: 'POLICY_REINSTATED',
    customerId: policy.customerId,
    subjectId: policy.id,
    title: `Policy ${policy.number} reinstated`,
    detail: policy.cancellation
      ? `The cancellation effective ${policy.cancellation.effectiveDate} is undone.`
      : 'The cancellation is undone.',
    occurredOn,
    at: now,
    updatedAt: now,
  };
  const none = { stageEvents: [], stageTasks: [], reopenTasks: [] };
  const existing = context.queueRenewal;
  if (!existing) {
    const term = latestTerm(policy);
    const created = renewalForPolicyTerm(
      {
        customerId: policy.customerId,
        policyId: policy.id,
        policyNumber: policy.number,
        endDate: localDateIn(term.endTime, timeZone),
        assigneeId: policy.assigneeId,
      },
      now,
    );
    return {
      policy: active,
      event,
      ...none,
      queue: {
        kind: 'created',
        renewal: created,
        reason: 'there was no queue renewal for the latest term (removed, or older than the queue)',
      },
    };
  }
  if (existing.status !== 'CANCELLED') {
    return {
      policy: active,
      event,
      ...none,
      queue: {
        kind: 'kept',
        renewal: existing,
        reason: isOpen(existing)
          ? 'it is already open'
          : `someone marked it ${existing.status.toLowerCase()}, which a reinstatement does not undo`,
      },
    };
  }
  const reopened = reopen(existing, today, now);
  const recordedAt = policy.cancellation?.recordedAt;
  return {
    policy: active,
    event,
    queue: {
      kind: 'reopened',
      renewal: reopened.renewal,
      reason:
        'the cancellation had closed it; reopening keeps its alerts and history on one record',
    },
    stageEvents: reopened.events,
    stageTasks: reopened.tasks,
    reopenTasks: context.tasks.filter(
      (t) =>
        t.renewalId === existing.id &&
        t.status === 'DONE' &&
        recordedAt !== undefined &&
        t.updatedAt === recordedAt,
    ),
    queueEvent: {
      id: policyIds.queueEvent(existing.id, 'reopened', now),
      type: 'RENEWAL_REOPENED',
      customerId: existing.customerId,
      subjectId: existing.id,
      serviceType: existing.serviceType,
      title: `Renewal of policy ${policy.number} due ${existing.dueDate} reopened`,
      detail: `Policy ${policy.number} was reinstated.`,
      occurredOn,
      at: now,
      updatedAt: now,
    },
  };
}

/** The sentence a person reads after a reinstatement: what happened to the queue renewal. */
export function describeQueueOutcome(outcome: QueueOutcome): string {
  const due = `due ${outcome.renewal.dueDate}`;
  switch (outcome.kind) {
    case 'reopened':
      return `Its queue renewal ${due} was reopened: ${outcome.reason}.`;
    case 'created':
      return `Its queue renewal ${due} was created: ${outcome.reason}.`;
    case 'kept':
      return `Its queue renewal ${due} was left as it is: ${outcome.reason}.`;
  }
}
