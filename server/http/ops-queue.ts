import { z } from 'zod';
import type { DayWindow, Urgency } from '../../shared/renewals/queue.js';
import { isOpen } from '../../shared/renewals/refresh.js';
import { RENEWAL_STATUSES, type Renewal, type RenewalStatus } from '../../shared/schema/renewal.js';
import { addDays, type LocalDate } from '../../shared/time/index.js';
import type { Database } from '../db/database.js';
import { HttpError } from './errors.js';
import { urgencyOn } from './ops-wire.js';

/**
 * The renewals queue read with SQL, with the meaning of the app's queue (buildQueue in
 * shared/renewals/queue.ts): open renewals due up to today + window (overdue ones always),
 * closed ones after them whatever their date, by due date then id; counts per urgency of
 * everything that passes the filters but the window.
 *
 * Pages are read on the `docs_renewals_status_due` index, one ordered range per status merged
 * (so a page costs its own rows, not the office's); counts come from the per-day counts the
 * database keeps by trigger (migration 2), a few hundred rows per office.
 */

export type QueueFilters = {
  window: DayWindow;
  status: RenewalStatus | 'open' | 'all';
  serviceType: string | null;
  assigneeId: string | null;
};

/** Where a page ends: the segment (0 open, 1 closed), then the last due date and id read. */
export type QueueCursor = { segment: 0 | 1; dueDate: string; id: string };

export type QueuePage = {
  items: (Renewal & { customerName: string | null })[];
  counts: Record<Urgency, number>;
  total: number;
  next: QueueCursor | null;
};

const OPEN_STATUSES = RENEWAL_STATUSES.filter((status) => isOpen({ status } as Renewal));
const CLOSED_STATUSES = RENEWAL_STATUSES.filter((status) => !OPEN_STATUSES.includes(status));

function statusesOf(status: QueueFilters['status']) {
  if (status === 'open') return { open: OPEN_STATUSES, closed: [] };
  if (status === 'all') return { open: OPEN_STATUSES, closed: CLOSED_STATUSES };
  return OPEN_STATUSES.includes(status)
    ? { open: [status], closed: [] }
    : { open: [], closed: [status] };
}

type Range = {
  statuses: readonly string[];
  horizon: LocalDate | null;
  after: { dueDate: string; id: string } | null;
  serviceType: string | null;
  assigneeId: string | null;
};

const DUE = `(data ->> 'dueDate') collate "C"`;

/** Up to `limit` renewals of one segment in queue order, after `after`. */
async function readRange(
  db: Database,
  officeId: string,
  range: Range,
  limit: number,
): Promise<Renewal[]> {
  const params: unknown[] = [officeId];
  const p = (value: unknown) => `$${params.push(value)}`;
  const conditions: string[] = [];
  if (range.horizon) conditions.push(`${DUE} <= ${p(range.horizon)}`);
  if (range.after) {
    const due = p(range.after.dueDate);
    conditions.push(`${DUE} >= ${due}`, `(${DUE} > ${due} or id > ${p(range.after.id)})`);
  }
  if (range.serviceType) conditions.push(`data ->> 'serviceType' = ${p(range.serviceType)}`);
  if (range.assigneeId) conditions.push(`data ->> 'assigneeId' = ${p(range.assigneeId)}`);
  const rows = p(limit);
  // One ordered index range per status (equality on status, range on the due date), merged.
  const ranges = range.statuses.map(
    (status) =>
      `(select data, ${DUE} as due, id from docs
        where office_id = $1 and collection = 'renewals' and not deleted
          and (data ->> 'status') collate "C" = ${p(status)}
          ${conditions.map((c) => `and ${c}`).join(' ')}
        order by ${DUE}, id limit ${rows})`,
  );
  const { rows: found } = await db.query<{ data: Renewal | string }>(
    `select data from (${ranges.join(' union all ')}) page order by due, id limit ${rows}`,
    params,
  );
  return found.map((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Renewal);
}

async function customerNames(db: Database, officeId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const { rows } = await db.query<{ id: string; name: string | null }>(
    `select id, data ->> 'name' as name from docs
     where office_id = $1 and collection = 'customers' and id = any($2::text[]) and not deleted`,
    [officeId, [...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, r.name ?? '']));
}

/** Counts per urgency (every filter but the window) and the total within the window. */
async function countQueue(
  db: Database,
  officeId: string,
  filters: QueueFilters,
  today: LocalDate,
  horizon: LocalDate | null,
) {
  const { open, closed } = statusesOf(filters.status);
  const detailed = filters.serviceType !== null || filters.assigneeId !== null;
  // Closed renewals are one bucket whatever their date: one row per status.
  const { rows } = await db.query<{ status: RenewalStatus; due_date: string; n: number }>(
    `select status, case when status = any($3::text[]) then '' else due_date end as due_date,
            sum(n)::int as n
     from ${detailed ? 'renewal_counts' : 'renewal_day_counts'}
     where office_id = $1 and status = any($2::text[])
       ${detailed ? 'and ($4::text is null or service_type = $4) and ($5::text is null or assignee_id = $5)' : ''}
     group by 1, 2`,
    [
      officeId,
      [...open, ...closed],
      CLOSED_STATUSES,
      ...(detailed ? [filters.serviceType, filters.assigneeId] : []),
    ],
  );
  const counts: Record<Urgency, number> = {
    overdue: 0,
    week: 0,
    fortnight: 0,
    month: 0,
    quarter: 0,
    later: 0,
    closed: 0,
  };
  let total = 0;
  for (const row of rows) {
    const urgency = urgencyOn({ status: row.status, dueDate: row.due_date }, today);
    counts[urgency] += row.n;
    if (urgency === 'closed' || horizon === null || row.due_date <= horizon) total += row.n;
  }
  return { counts, total };
}

export async function readQueue(
  db: Database,
  officeId: string,
  filters: QueueFilters,
  today: LocalDate,
  page: { limit: number; after: QueueCursor | null },
): Promise<QueuePage> {
  const horizon = filters.window === 'all' ? null : addDays(today, filters.window);
  const { open, closed } = statusesOf(filters.status);
  const segments = [
    { segment: 0 as const, statuses: open, horizon },
    { segment: 1 as const, statuses: closed, horizon: null },
  ];
  const items: Renewal[] = [];
  let last: QueueCursor | null = null;
  let next: QueueCursor | null = null;
  for (const { segment, statuses, horizon: until } of segments) {
    if (statuses.length === 0 || (page.after && page.after.segment > segment)) continue;
    const want = page.limit - items.length;
    const after = page.after?.segment === segment ? page.after : null;
    const found = await readRange(
      db,
      officeId,
      {
        statuses,
        horizon: until,
        after,
        serviceType: filters.serviceType,
        assigneeId: filters.assigneeId,
      },
      want + 1,
    );
    for (const renewal of found.slice(0, want)) {
      items.push(renewal);
      last = { segment, dueDate: renewal.dueDate, id: renewal.id };
    }
    if (found.length > want) {
      next = last;
      break;
    }
  }
  const names = await customerNames(
    db,
    officeId,
    items.map((r) => r.customerId),
  );
  const { counts, total } = await countQueue(db, officeId, filters, today, horizon);
  return {
    items: items.map((r) => ({ ...r, customerName: names.get(r.customerId) ?? null })),
    counts,
    total,
    next,
  };
}

const cursorShape = z.tuple([z.union([z.literal(0), z.literal(1)]), z.string(), z.string()]);

export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify([cursor.segment, cursor.dueDate, cursor.id])).toString(
    'base64url',
  );
}

export function decodeCursor(text: string): QueueCursor {
  try {
    const [segment, dueDate, id] = cursorShape.parse(
      JSON.parse(Buffer.from(text, 'base64url').toString('utf8')),
    );
    return { segment, dueDate, id };
  } catch {
    throw new HttpError(
      400,
      'invalid_request',
      'The query is not valid: cursor: This is not a cursor this API gave out; pass next_cursor from the previous page, or leave it out to start again.',
      { cursor: 'Pass next_cursor from the previous page, or leave it out to start again.' },
    );
  }
}
