import type { StaffMember } from '../office.js';
import { addDays, diffDays, type Instant, type LocalDate } from '../time/index.js';
import { remindersPaused } from './acknowledge.js';
import { isOpen } from './refresh.js';
import { serviceTypeLabel } from './service-types.js';
import type { Renewal, Task, TimelineEvent } from './types.js';

/**
 * Escalation: an URGENT task or an OVERDUE renewal nobody acknowledged (marked in progress,
 * snoozed, completed) for the office's number of days goes to its supervisors, once per stage.
 * The stages are T7 (the URGENT task, while the renewal is not yet overdue) and OVERDUE; once a
 * renewal is overdue its own escalation speaks for its URGENT task, so one renewal escalates at
 * most twice per due date.
 */

/** What may escalate: an OVERDUE renewal, or an open URGENT task with its renewal. */
export type EscalationCandidate =
  | {
      kind: 'overdue';
      renewal: Renewal;
      /** The day its OVERDUE alert fired, when known: a renewal NoLapse learned of late counts from then. */
      overdueOn: LocalDate | null;
    }
  | { kind: 'task'; task: Task; renewal: Renewal | null; openedOn: LocalDate };

/** An escalation that is due: `key` names the stage it is about, and makes its ids. */
export type Escalation = {
  key: string;
  stage: 'T7' | 'OVERDUE';
  renewal: Renewal;
  /** The day nobody's acting started to count: the due date, or the day the task opened. */
  since: LocalDate;
  task?: Task;
};

export const escalationIds = {
  overdueKey: (renewalId: string, dueDate: LocalDate) => `${renewalId}:OVERDUE:${dueDate}`,
  /** A renewal has one URGENT task per due date, so its id names the T7 stage already. */
  taskKey: (taskId: string) => taskId,
  event: (key: string) => `evt:esc:${key}`,
  task: (key: string) => `task:esc:${key}`,
};

/** True for the tasks escalation opens for supervisors: they never escalate again. */
export function isEscalationTask(task: Task): boolean {
  return task.id.startsWith('task:esc:');
}

/**
 * The escalation `candidate` is due for on `today`, or null: an OVERDUE renewal `afterDays`
 * days after its due date (after the day before its OVERDUE alert, when that came later); an
 * open URGENT task `afterDays` days after it opened, while its renewal is open and not yet
 * overdue. Neither while the renewal's reminders are paused (in progress or snoozed).
 */
export function escalationDue(
  candidate: EscalationCandidate,
  today: LocalDate,
  afterDays: number,
): Escalation | null {
  const renewal = candidate.renewal;
  if (!renewal || !isOpen(renewal) || remindersPaused(renewal, today)) return null;
  if (candidate.kind === 'overdue') {
    if (renewal.status !== 'OVERDUE') return null;
    const learned = candidate.overdueOn ? addDays(candidate.overdueOn, -1) : renewal.dueDate;
    const since = learned > renewal.dueDate ? learned : renewal.dueDate;
    if (addDays(since, afterDays) > today) return null;
    return {
      key: escalationIds.overdueKey(renewal.id, renewal.dueDate),
      stage: 'OVERDUE',
      renewal,
      since,
    };
  }
  const { task } = candidate;
  if (task.status !== 'OPEN' || task.priority !== 'URGENT' || isEscalationTask(task)) return null;
  if (renewal.status === 'OVERDUE') return null;
  if (addDays(candidate.openedOn, afterDays) > today) return null;
  return {
    key: escalationIds.taskKey(task.id),
    stage: 'T7',
    renewal,
    since: candidate.openedOn,
    task,
  };
}

const nameOf = (staff: readonly StaffMember[], id: string) =>
  staff.find((s) => s.id === id)?.name ?? id;

/**
 * The escalation's records: a RENEWAL_ESCALATED event (people hear of it as an urgent notice
 * to the supervisors) and one URGENT task for the first supervisor. One task, not one each: a
 * follow-up has one owner, the others are told by the notice, and the task's id does not depend
 * on who the supervisors are, so devices that disagree on the list still converge.
 */
export function planEscalation(
  escalation: Escalation,
  context: {
    today: LocalDate;
    at: Instant;
    supervisors: readonly StaffMember[];
    staff: readonly StaffMember[];
  },
): { event: TimelineEvent; task: Task } {
  const { renewal, since } = escalation;
  const service = serviceTypeLabel(renewal.serviceType);
  const days = diffDays(since, context.today);
  const waited = `${days} ${days === 1 ? 'day' : 'days'}`;
  const owner = context.supervisors[0]?.id ?? renewal.assigneeId;
  const assignee = nameOf(context.staff, renewal.assigneeId);
  const title =
    escalation.stage === 'OVERDUE'
      ? `${service} overdue since ${renewal.dueDate}: escalated to the supervisors`
      : `${service} due ${renewal.dueDate}: urgent task open ${waited}, escalated to the supervisors`;
  const detail = `${assignee} has not marked it in progress, snoozed or completed it ${
    escalation.stage === 'OVERDUE' ? `in the ${waited} since it fell due` : `in ${waited}`
  }. ${nameOf(context.staff, owner)} has a task to follow it up.`;
  return {
    event: {
      id: escalationIds.event(escalation.key),
      type: 'RENEWAL_ESCALATED',
      customerId: renewal.customerId,
      subjectId: renewal.id,
      stage: escalation.stage,
      serviceType: renewal.serviceType,
      title,
      detail,
      occurredOn: context.today,
      at: context.at,
      updatedAt: context.at,
    },
    task: {
      id: escalationIds.task(escalation.key),
      renewalId: renewal.id,
      customerId: renewal.customerId,
      assigneeId: owner,
      priority: 'URGENT',
      status: 'OPEN',
      title:
        escalation.stage === 'OVERDUE'
          ? `Follow up: ${service.toLowerCase()} overdue since ${renewal.dueDate}, with ${assignee}`
          : `Follow up: ${service.toLowerCase()} due ${renewal.dueDate}, urgent task with ${assignee} for ${waited}`,
      dueDate: context.today,
      createdAt: context.at,
      updatedAt: context.at,
    },
  };
}
