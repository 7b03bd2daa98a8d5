import { daysUntilDue, epochDayOfValid, type LocalDate } from '../time/index.js';
import { isOpen } from './refresh.js';
import type { Renewal, RenewalStatus } from './types.js';

/** How urgent a renewal looks in the queue; the colour and the label follow from it. */
export type Urgency = 'overdue' | 'week' | 'fortnight' | 'month' | 'quarter' | 'later' | 'closed';

export const URGENCY_LABELS: Record<Urgency, string> = {
  overdue: 'Overdue',
  week: '≤ 7 days',
  fortnight: '≤ 14 days',
  month: '≤ 30 days',
  quarter: '≤ 90 days',
  later: 'Later',
  closed: 'Closed',
};

export function urgencyOf(renewal: Pick<Renewal, 'status' | 'dueDate'>, today: LocalDate): Urgency {
  return urgencyFor(renewal.status, daysUntilDue(renewal.dueDate, today));
}

function urgencyFor(status: RenewalStatus, days: number): Urgency {
  if (status === 'COMPLETED' || status === 'CANCELLED') return 'closed';
  if (days < 0) return 'overdue';
  if (days <= 7) return 'week';
  if (days <= 14) return 'fortnight';
  if (days <= 30) return 'month';
  if (days <= 90) return 'quarter';
  return 'later';
}

export const DAY_WINDOWS = [30, 60, 90, 180] as const;
export type DayWindow = (typeof DAY_WINDOWS)[number] | 'all';

export type QueueFilters = {
  window: DayWindow;
  serviceType: string | 'all';
  /** 'open' = ACTIVE and OVERDUE, the queue's default. */
  status: RenewalStatus | 'open' | 'all';
  assigneeId: string | 'all';
  search: string;
};

export const DEFAULT_FILTERS: QueueFilters = {
  window: 90,
  serviceType: 'all',
  status: 'open',
  assigneeId: 'all',
  search: '',
};

export type QueueRow = Renewal & { daysUntilDue: number; urgency: Urgency; customerName: string };

export type QueueView = {
  rows: QueueRow[];
  /** Counts per urgency of the rows that pass every filter but the window. */
  counts: Record<Urgency, number>;
  total: number;
};

function matchesStatus(renewal: Renewal, status: QueueFilters['status']): boolean {
  if (status === 'all') return true;
  if (status === 'open') return isOpen(renewal);
  return renewal.status === status;
}

/**
 * The renewals queue: overdue first, then by days until due, closed ones last. Counts per
 * bucket ignore the window so staff see what lies beyond it.
 */
export function buildQueue(
  renewals: Iterable<Renewal>,
  filters: QueueFilters,
  today: LocalDate,
  customerName: (customerId: string) => string,
): QueueView {
  const counts: Record<Urgency, number> = {
    overdue: 0,
    week: 0,
    fortnight: 0,
    month: 0,
    quarter: 0,
    later: 0,
    closed: 0,
  };
  const needle = filters.search.trim().toLowerCase();
  const todayEpoch = epochDayOfValid(today);
  const rows: QueueRow[] = [];
  for (const renewal of renewals) {
    if (!matchesStatus(renewal, filters.status)) continue;
    if (filters.serviceType !== 'all' && renewal.serviceType !== filters.serviceType) continue;
    if (filters.assigneeId !== 'all' && renewal.assigneeId !== filters.assigneeId) continue;
    const name = customerName(renewal.customerId);
    if (
      needle &&
      !`${name}\n${renewal.notes}\n${renewal.policyId ?? ''}\n${renewal.serviceType}`
        .toLowerCase()
        .includes(needle)
    ) {
      continue;
    }
    const days = epochDayOfValid(renewal.dueDate) - todayEpoch;
    const urgency = urgencyFor(renewal.status, days);
    counts[urgency]++;
    if (filters.window !== 'all' && days > filters.window && urgency !== 'closed') continue;
    rows.push({ ...renewal, daysUntilDue: days, urgency, customerName: name });
  }
  rows.sort(compareRows);
  return { rows, counts, total: rows.length };
}

function compareRows(a: QueueRow, b: QueueRow): number {
  const closedA = a.urgency === 'closed' ? 1 : 0;
  const closedB = b.urgency === 'closed' ? 1 : 0;
  if (closedA !== closedB) return closedA - closedB;
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** "in 3 days", "today", "2 days overdue": how a due date reads at a glance. */
export function describeDaysUntilDue(days: number): string {
  if (days === 0) return 'Due today';
  if (days === 1) return 'Due tomorrow';
  if (days > 0) return `In ${days} days`;
  return days === -1 ? '1 day overdue' : `${-days} days overdue`;
}
