import { firstValueFrom, filter } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aRenewal } from '../../../shared/renewals/fixtures';
import {
  bucketSegments,
  buildQueue,
  QUEUE_PAGE,
  queueSegments,
  DEFAULT_FILTERS,
  type QueueFilters,
  type QueueSegment,
} from '../../../shared/renewals/queue';
import { SCAN_START } from '../../../shared/renewals/queue-search';
import type { Renewal, RenewalStatus } from '../../../shared/schema/renewal';
import { addDays } from '../../../shared/time';
import { createData, type Data } from './data';
import type { NoLapseDatabase } from './database';
import { rxdbStore } from './rxdb-store';
import { openTestDatabase } from './rxdb.test-support';

const today = '2026-11-23';
const TYPES = ['WORK_PERMIT', 'RESIDENCE_PERMIT', 'VISA_EXTENSION'];
const STAFF = ['ayse', 'mehmet', 'deniz'];
const STATUSES: RenewalStatus[] = ['ACTIVE', 'ACTIVE', 'ACTIVE', 'COMPLETED', 'CANCELLED'];

/** 1,200 renewals, many sharing a due date (ties across page boundaries), every status. */
function office(): Renewal[] {
  const out: Renewal[] = [];
  for (let i = 0; i < 1200; i++) {
    const offset = (i * 37) % 260; // 260 days, ~4.6 renewals a day
    const dueDate = addDays(today, offset - 40);
    let status = STATUSES[i % STATUSES.length]!;
    if (status === 'ACTIVE' && offset < 40 && i % 3 !== 0) status = 'OVERDUE';
    out.push(
      aRenewal({
        id: `r${String(i).padStart(5, '0')}`,
        customerId: `c${i % 90}`,
        dueDate,
        status,
        serviceType: TYPES[i % TYPES.length]!,
        assigneeId: STAFF[(i >> 1) % STAFF.length]!,
      }),
    );
  }
  return out;
}

const renewals = office();
let db: NoLapseDatabase;
let data: Data;

beforeAll(async () => {
  db = await openTestDatabase();
  data = createData(db);
  await rxdbStore(db).insert('renewals', renewals);
}, 60_000);
afterAll(async () => {
  await db.close();
});

/** The rows buildQueue shows, in the index's order: segment by segment (status), then due date, id. */
function expected(filters: QueueFilters): string[] {
  const view = buildQueue(renewals, filters, today, () => '');
  const order = queueSegments(filters, today).map((s) => s.selector.status as string);
  return [...view.rows]
    .sort(
      (a, b) =>
        order.indexOf(a.status) - order.indexOf(b.status) ||
        a.dueDate.localeCompare(b.dueDate) ||
        a.id.localeCompare(b.id),
    )
    .map((r) => r.id);
}

async function readAll(segments: QueueSegment[], jump: boolean): Promise<string[]> {
  const counts = await firstValueFrom(data.renewals.queue.watchSegmentCounts(segments));
  const ids: string[] = [];
  for (const [s, segment] of segments.entries()) {
    let from = null;
    for (let page = 0; page * QUEUE_PAGE < counts[s]!; page++) {
      // With `jump`, every other page is read without the anchor, as a scrollbar jump does.
      const read = await data.renewals.queue.page(segment, page, jump && page % 2 ? null : from);
      ids.push(...read.rows.map((r) => r.id));
      from = read.next;
    }
  }
  return ids;
}

const CASES: QueueFilters[] = [
  DEFAULT_FILTERS,
  { ...DEFAULT_FILTERS, window: 30 },
  { ...DEFAULT_FILTERS, window: 'all' },
  { ...DEFAULT_FILTERS, serviceType: 'VISA_EXTENSION' },
  { ...DEFAULT_FILTERS, assigneeId: 'mehmet', window: 180 },
  { ...DEFAULT_FILTERS, assigneeId: 'mehmet', serviceType: 'WORK_PERMIT', window: 'all' },
  { ...DEFAULT_FILTERS, status: 'OVERDUE' },
  { ...DEFAULT_FILTERS, status: 'COMPLETED' },
  { ...DEFAULT_FILTERS, status: 'all', serviceType: 'RESIDENCE_PERMIT' },
];

describe('the queue read by index', { timeout: 30_000 }, () => {
  it.each(CASES)('pages the rows buildQueue shows, in order (%o)', async (filters) => {
    const segments = queueSegments(filters, today);
    const want = expected(filters);
    expect(want.length).toBeGreaterThan(0);
    expect(await readAll(segments, false)).toEqual(want);
    // A page found by counts (a jump) starts where the keyset pages would have.
    expect(await readAll(segments, true)).toEqual(want);
  });

  it.each(CASES)('counts every bucket as buildQueue does (%o)', async (filters) => {
    const counts = await firstValueFrom(
      data.renewals.queue.watchBucketCounts(bucketSegments(filters, today)),
    );
    expect(counts).toEqual(buildQueue(renewals, filters, today, () => '').counts);
  });

  it.each(CASES)(
    'pages and counts the same from the count index once built (%o)',
    async (filters) => {
      const queue = data.renewals.queue;
      await queue.counter.catchUp();
      const segments = queueSegments(filters, today);
      const fromBins = await queue.counter.counts(segments);
      // Service type and assignee both filtered: index counts (the bins keep one or the other).
      expect(fromBins).toBe(filters.serviceType === 'all' || filters.assigneeId === 'all');
      const want = expected(filters);
      expect(await readAll(segments, false)).toEqual(want);
      expect(await readAll(segments, true)).toEqual(want);
      const counts = await firstValueFrom(queue.watchBucketCounts(bucketSegments(filters, today)));
      expect(counts).toEqual(buildQueue(renewals, filters, today, () => '').counts);
    },
  );

  it('counts the unfiltered and single-filter buckets in an index alone', () => {
    for (const filters of CASES.slice(0, 5)) {
      for (const segment of Object.values(bucketSegments(filters, today)).flat()) {
        const query = db.renewals.count({
          selector: segment.selector,
          index: [...segment.index],
        } as never) as unknown as {
          getPreparedQuery(): { queryPlan: { selectorSatisfiedByIndex: boolean } };
        };
        expect(query.getPreparedQuery().queryPlan.selectorSatisfiedByIndex).toBe(segment.exact);
        expect(segment.exact).toBe(true);
      }
    }
  });

  it('keeps counts live when a renewal is completed', async () => {
    const buckets = bucketSegments(DEFAULT_FILTERS, today);
    const before = await firstValueFrom(data.renewals.queue.watchBucketCounts(buckets));
    const overdue = renewals.find((r) => r.status === 'OVERDUE')!;
    const after = firstValueFrom(
      data.renewals.queue
        .watchBucketCounts(buckets)
        .pipe(filter((c) => c.overdue === before.overdue - 1)),
    );
    const store = rxdbStore(db);
    const stored = (await store.get('renewals', overdue.id))!;
    await store.update('renewals', [{ before: stored, after: { ...stored, status: 'COMPLETED' } }]);
    expect((await after).overdue).toBe(before.overdue - 1);
    await store.update('renewals', [
      { before: (await store.get('renewals', overdue.id))!, after: stored },
    ]);
  });

  it('lists the service types in use by index seeks', async () => {
    expect(await data.renewals.queue.serviceTypes(['ACTIVE', 'OVERDUE'])).toEqual(
      [...TYPES].sort(),
    );
  });

  it.each(CASES)(
    'scans the rows of the people a search found in the queue order, a screen at a time (%o)',
    async (filters) => {
      // A quarter of the customers, and every sixth from the third (the only ones with a WORK_PERMIT for mehmet).
      const ids = Array.from({ length: 90 }, (_, i) => i).filter((i) => i % 4 === 0 || i % 6 === 3);
      const people = new Set(ids.map((i) => `c${i}`));
      const want = expected(filters).filter((id) =>
        people.has(renewals.find((r) => r.id === id)!.customerId),
      );
      expect(want.length).toBeGreaterThan(0);
      const segments = queueSegments(filters, today);
      const got: string[] = [];
      let at = SCAN_START;
      while (!at.done) {
        const step = await data.renewals.queue.scanMatches(
          segments,
          (r) => people.has(r.customerId),
          at,
          7,
        );
        if (!step.at.done) expect(step.rows.length).toBeGreaterThanOrEqual(7);
        got.push(...step.rows.map((r) => r.id));
        at = step.at;
      }
      expect(got).toEqual(want);
    },
  );

  it('stops reading the renewals of customers when told to', async () => {
    const ids = Array.from({ length: 90 }, (_, i) => `c${i}`);
    let steps = 0;
    expect(await data.renewals.queue.ofCustomers(ids, () => ++steps > 2)).toBeNull();
    expect(steps).toBe(3);
  });

  it('reads the renewals of the customers a search matched', async () => {
    const found = (await data.renewals.queue.ofCustomers(['c1', 'c2']))!;
    expect(found.map((r) => r.id).sort()).toEqual(
      renewals
        .filter((r) => r.customerId === 'c1' || r.customerId === 'c2')
        .map((r) => r.id)
        .sort(),
    );
  });
});
