import { LIMITS } from '../limits.js';
import { invalid, ok, type Result } from '../result.js';
import type { StaffMember } from '../office.js';
import type { Instant, LocalDate } from '../time/index.js';
import type { Renewal, Task, TaskPriority, TimelineEvent } from './types.js';

/** Most urgent first: what the Tasks screen shows at the top. */
const PRIORITY_RANK: Record<TaskPriority, number> = { URGENT: 0, HIGH: 1, NORMAL: 2 };

/** Open tasks as people work them: by priority, then by due date, then by id. */
export function sortTasks(tasks: readonly Task[]): Task[] {
  return [...tasks].sort(
    (a, b) =>
      PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
      (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
      (a.id < b.id ? -1 : 1),
  );
}

export const NOTE_MAX_LENGTH = LIMITS.shortNote;

export type ReassignField = 'assigneeId' | 'note';

/** Checks a reassignment: a staff member of the office, someone else, and a note of sane size. */
export function checkReassignment(
  current: string,
  input: { assigneeId: string; note: string },
  staff: readonly StaffMember[],
): Result<{ assigneeId: string; note: string }, ReassignField> {
  const assigneeId = input.assigneeId.trim();
  const note = input.note.trim();
  const errors: Partial<Record<ReassignField, string>> = {};
  if (!staff.some((s) => s.id === assigneeId))
    errors.assigneeId = 'Choose a staff member of this office.';
  else if (assigneeId === current) errors.assigneeId = 'Choose someone else: it is already theirs.';
  if (note.length > NOTE_MAX_LENGTH)
    errors.note = `Shorten the note to ${NOTE_MAX_LENGTH} characters or fewer.`;
  return Object.keys(errors).length > 0 ? invalid(errors) : ok({ assigneeId, note });
}

/** Why a task cannot be marked done, or null when it can. */
export function canCompleteTask(task: Task): string | null {
  return task.status === 'OPEN' ? null : 'This task is already done.';
}

const nameOf = (staff: readonly StaffMember[], id: string) =>
  staff.find((s) => s.id === id)?.name ?? id;

/** A fact on the customer's timeline: who now holds the work, and the note that explains why. */
function reassignedEvent(
  what: { id: string; customerId: string; title: string },
  kind: 'TASK_REASSIGNED' | 'RENEWAL_REASSIGNED',
  change: { from: string; to: string; note: string },
  staff: readonly StaffMember[],
  today: LocalDate,
  at: Instant,
): TimelineEvent {
  return {
    id: `evt:${what.id}:reassigned:${at}`,
    type: kind,
    customerId: what.customerId,
    subjectId: what.id,
    title: `${what.title}: now with ${nameOf(staff, change.to)} (was ${nameOf(staff, change.from)})`,
    ...(change.note ? { detail: change.note } : {}),
    occurredOn: today,
    at,
    updatedAt: at,
  };
}

/** A task handed to someone else, with the note on the timeline. */
export function planTaskReassignment(
  task: Task,
  change: { assigneeId: string; note: string },
  context: { staff: readonly StaffMember[]; today: LocalDate; at: Instant },
): { task: Task; event: TimelineEvent } {
  return {
    task: { ...task, assigneeId: change.assigneeId, updatedAt: context.at },
    event: reassignedEvent(
      task,
      'TASK_REASSIGNED',
      { from: task.assigneeId, to: change.assigneeId, note: change.note },
      context.staff,
      context.today,
      context.at,
    ),
  };
}

/** A renewal handed to someone else: its open tasks follow it, and the timeline says so. */
export function planRenewalReassignment(
  renewal: Renewal,
  change: { assigneeId: string; note: string },
  context: { staff: readonly StaffMember[]; today: LocalDate; at: Instant },
): { renewal: Renewal; event: TimelineEvent } {
  return {
    renewal: { ...renewal, assigneeId: change.assigneeId, updatedAt: context.at },
    event: reassignedEvent(
      { id: renewal.id, customerId: renewal.customerId, title: `Renewal due ${renewal.dueDate}` },
      'RENEWAL_REASSIGNED',
      { from: renewal.assigneeId, to: change.assigneeId, note: change.note },
      context.staff,
      context.today,
      context.at,
    ),
  };
}
