import type { Selector } from '../jobs/store.js';
import { addDays, daysUntilDue, type LocalDate } from '../time/index.js';
import type { Renewal } from './types.js';

/** A renewal this close to its due date (or closer) is urgent: the T7 stage. */
export const URGENT_WITHIN_DAYS = 7;

/**
 * What the tray badge shows: `mine`, the overdue and urgent renewals of the person using the
 * device (everyone's on a shared device), and `office`, the same for the whole office (the
 * tray menu's line).
 */
export type BadgeCounts = { mine: number; office: number };

/**
 * Whether a renewal needs acting on now, on `today`: it is OVERDUE, or still open and due in
 * 7 days or fewer (stage T7, or past due before the refresh marked it). Like daysUntilDue this
 * is computed on read, so it moves at midnight, not at the next refresh.
 */
export function isOverdueOrUrgent(
  renewal: Pick<Renewal, 'status' | 'dueDate'>,
  today: LocalDate,
): boolean {
  if (renewal.status === 'OVERDUE') return true;
  return renewal.status === 'ACTIVE' && daysUntilDue(renewal.dueDate, today) <= URGENT_WITHIN_DAYS;
}

/** Whether a renewal is `me`'s: assigned to them, or anyone's when nobody uses the device (null). */
export function isMine(renewal: Pick<Renewal, 'assigneeId'>, me: string | null): boolean {
  return me === null || renewal.assigneeId === me;
}

/** The badge counted over a list of renewals; the same rule as `badgeSelectors`. */
export function badgeCounts(
  renewals: readonly Pick<Renewal, 'status' | 'dueDate' | 'assigneeId'>[],
  today: LocalDate,
  me: string | null,
): BadgeCounts {
  let mine = 0;
  let office = 0;
  for (const renewal of renewals) {
    if (!isOverdueOrUrgent(renewal, today)) continue;
    office++;
    if (isMine(renewal, me)) mine++;
  }
  return { mine, office };
}

/**
 * The badge as count queries: each count is the sum over its selectors, which never overlap.
 * The office's are ranges of the `[status, dueDate, id]` index, counted in the index alone.
 * The person's read the same ranges and keep their assignee's, so they cost what the office
 * has overdue or urgent, never the size of the office. (An index led by `assigneeId` would
 * count those in the index too, but adding one means a renewal schema version, and RxDB's
 * migration of a large renewals collection takes minutes to hours on first start.) With
 * nobody using the device, `mine` is null: the office's counts serve.
 */
export function badgeSelectors(
  today: LocalDate,
  me: string | null,
): { office: Selector<Renewal>[]; mine: Selector<Renewal>[] | null } {
  const office: Selector<Renewal>[] = [
    { status: 'OVERDUE' },
    { status: 'ACTIVE', dueDate: { $lte: addDays(today, URGENT_WITHIN_DAYS) } },
  ];
  return {
    office,
    mine: me === null ? null : office.map((selector) => ({ assigneeId: me, ...selector })),
  };
}
