import { describe, expect, it } from 'vitest';
import { QUEUE_PAGE, queueSegments } from '../../../../shared/renewals/queue';
import type { Renewal } from '../../../../shared/schema/renewal';
import { provisionalStarts, rowsOfDay } from './use-queue';

const segments = queueSegments(
  { window: 90, serviceType: 'all', status: 'all', assigneeId: 'all', search: '' },
  '2026-12-04',
);
/** First pages of the segments (OVERDUE, ACTIVE, COMPLETED, CANCELLED) with these row counts. */
function firstPages(...sizes: number[]) {
  return new Map(
    sizes.map((n, s) => [
      `${s}:0`,
      { gen: 0, page: { rows: Array.from({ length: n }, () => ({}) as Renewal), next: null } },
    ]),
  );
}

describe('provisionalStarts: the first rows before the counts are in', () => {
  it('waits until every segment’s first page is read', () => {
    expect(segments).toHaveLength(4);
    expect(provisionalStarts(segments, firstPages(3, QUEUE_PAGE))).toBeNull();
    expect(provisionalStarts(null, firstPages(3))).toBeNull();
  });

  it('knows the total when every first page is short: each is its whole segment', () => {
    expect(provisionalStarts(segments, firstPages(3, 0, 40, 2))).toEqual({
      out: [0, 3, 3, 43],
      total: 45,
      known: true,
    });
  });

  it('stops at the first full page, with one pending row standing for the rest', () => {
    expect(provisionalStarts(segments, firstPages(7, QUEUE_PAGE, 5, 1))).toEqual({
      out: [0, 7],
      total: 7 + QUEUE_PAGE + 1,
      known: false,
    });
    expect(provisionalStarts(segments, firstPages(QUEUE_PAGE, 1, 1, 1))).toEqual({
      out: [0],
      total: QUEUE_PAGE + 1,
      known: false,
    });
  });
});

describe('rowsOfDay: one row object per renewal read, which the memoised table rows rely on', () => {
  const renewal = (dueDate: string) => ({ id: 'r1', status: 'ACTIVE', dueDate }) as Renewal;

  it('answers the same row for the same renewal, and a new one for a renewal read again', () => {
    const rowOf = rowsOfDay('2026-12-04');
    const read = renewal('2026-12-11');
    const row = rowOf(read);
    expect(row).toMatchObject({ id: 'r1', daysUntilDue: 7, urgency: 'week', customerName: '' });
    expect(rowOf(read)).toBe(row);
    // A page read again (a change) holds new renewal objects: their rows are computed afresh.
    const reread = { ...read, dueDate: '2026-12-05' };
    expect(rowOf(reread)).not.toBe(row);
    expect(rowOf(reread).daysUntilDue).toBe(1);
  });

  it('counts the days from its own day', () => {
    const read = renewal('2026-12-11');
    expect(rowsOfDay('2026-12-04')(read).daysUntilDue).toBe(7);
    expect(rowsOfDay('2026-12-12')(read)).toMatchObject({ daysUntilDue: -1, urgency: 'overdue' });
  });
});
