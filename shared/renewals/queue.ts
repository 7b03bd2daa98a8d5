import type { Selector } from '../jobs/store.js';
import { addDays, daysUntilDue, epochDayOfValid, type LocalDate } from '../time/index.js';
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

/**
 * One contiguous range of an index: the renewals of one status (and service type or assignee
 * when filtered) within a due-date range. `index` is the index the selector's equalities lead;
 * sorting by its fields gives the queue's order within the segment, so a page is a key range.
 */
export type QueueSegment = {
  selector: Selector<Renewal>;
  index: readonly ('status' | 'serviceType' | 'assigneeId' | 'dueDate' | 'id')[];
  /**
   * True when the selector is satisfied by the index alone (a count reads the index only);
   * false when both a service type and an assignee are filtered (the assignee is then matched
   * in the service type's range).
   */
  exact: boolean;
};

/** Rows per page the queue reads from one segment. */
export const QUEUE_PAGE = 100;

/**
 * Where a segment's page starts: after the `ties` renewals due on `dueDate` that the pages
 * before it hold. The next page is then the key range from `dueDate` on, skipping those ties,
 * so it reads what it shows (plus the ties), never the pages before it.
 */
export type PageAnchor = { dueDate: string; ties: number };

/** A page of a segment and the anchor the next page starts from. */
export type QueuePage = { rows: Renewal[]; next: PageAnchor | null };

const OPEN_STATUSES: readonly RenewalStatus[] = ['OVERDUE', 'ACTIVE'];
const CLOSED_STATUSES: readonly RenewalStatus[] = ['COMPLETED', 'CANCELLED'];

function statusesOf(status: QueueFilters['status']): readonly RenewalStatus[] {
  if (status === 'open') return OPEN_STATUSES;
  if (status === 'all') return [...OPEN_STATUSES, ...CLOSED_STATUSES];
  return [status];
}

function segmentOf(
  status: RenewalStatus,
  filters: QueueFilters,
  dueDate?: Selector<Renewal>['dueDate'],
): QueueSegment {
  const selector: Selector<Renewal> = { status };
  let index: QueueSegment['index'] = ['status', 'dueDate', 'id'];
  if (filters.serviceType !== 'all') {
    selector.serviceType = filters.serviceType;
    index = ['status', 'serviceType', 'dueDate', 'id'];
  }
  if (filters.assigneeId !== 'all') {
    selector.assigneeId = filters.assigneeId;
    if (filters.serviceType === 'all') index = ['status', 'assigneeId', 'dueDate', 'id'];
  }
  if (dueDate !== undefined) selector.dueDate = dueDate;
  return { selector, index, exact: filters.serviceType === 'all' || filters.assigneeId === 'all' };
}

/**
 * The queue's rows (every filter but the search) as index ranges, in the queue's order:
 * OVERDUE, then ACTIVE, each by due date within the window; then COMPLETED, then CANCELLED
 * (closed ones ignore the window, as buildQueue does).
 */
export function queueSegments(filters: QueueFilters, today: LocalDate): QueueSegment[] {
  const bound = filters.window === 'all' ? undefined : addDays(today, filters.window);
  return statusesOf(filters.status).map((status) =>
    segmentOf(
      status,
      filters,
      bound !== undefined && !CLOSED_STATUSES.includes(status) ? { $lte: bound } : undefined,
    ),
  );
}

/**
 * The bucket counts (every filter but the window and the search) as index ranges: an open
 * renewal's bucket follows from its days until due alone, whatever its status (an ACTIVE
 * renewal past due counts as overdue before the refresh marks it), as in buildQueue.
 */
export function bucketSegments(
  filters: QueueFilters,
  today: LocalDate,
): Record<Urgency, QueueSegment[]> {
  const day = (n: number) => addDays(today, n);
  const ranges: [Exclude<Urgency, 'closed'>, Selector<Renewal>['dueDate']][] = [
    ['overdue', { $lt: today }],
    ['week', { $gte: today, $lte: day(7) }],
    ['fortnight', { $gt: day(7), $lte: day(14) }],
    ['month', { $gt: day(14), $lte: day(30) }],
    ['quarter', { $gt: day(30), $lte: day(90) }],
    ['later', { $gt: day(90) }],
  ];
  const statuses = statusesOf(filters.status);
  const open = statuses.filter((s) => !CLOSED_STATUSES.includes(s));
  const buckets = {
    closed: statuses.filter((s) => CLOSED_STATUSES.includes(s)).map((s) => segmentOf(s, filters)),
  } as Record<Urgency, QueueSegment[]>;
  for (const [urgency, dueDate] of ranges) {
    buckets[urgency] = open.map((status) => segmentOf(status, filters, dueDate));
  }
  return buckets;
}

/** "in 3 days", "today", "2 days overdue": how a due date reads at a glance. */
export function describeDaysUntilDue(days: number): string {
  if (days === 0) return 'Due today';
  if (days === 1) return 'Due tomorrow';
  if (days > 0) return `In ${days} days`;
  return days === -1 ? '1 day overdue' : `${-days} days overdue`;
}
