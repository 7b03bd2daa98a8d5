import { describe, expect, it } from 'vitest';
import { QUEUE_PAGE, queueSegments } from '../../../../shared/renewals/queue';
import type { Renewal } from '../../../../shared/schema/renewal';
import { provisionalStarts } from './use-queue';

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
