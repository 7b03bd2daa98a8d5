import { firstValueFrom, filter } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { badgeCounts, badgeSelectors, type BadgeCounts } from '../../../shared/renewals/badge';
import { aRenewal } from '../../../shared/renewals/fixtures';
import type { QueueSegment } from '../../../shared/renewals/queue';
import type { Renewal } from '../../../shared/schema/renewal';
import { createData, type Data } from './data';
import type { NoLapseDatabase } from './database';
import { rxdbStore } from './rxdb-store';
import { countPlan, openTestDatabase } from './rxdb.test-support';

const today = '2026-11-23';
const renewals: Renewal[] = [
  aRenewal({ id: 'r1', dueDate: '2026-11-01', status: 'OVERDUE', assigneeId: 'ayse' }),
  aRenewal({ id: 'r2', dueDate: '2026-11-25', assigneeId: 'ayse' }),
  aRenewal({ id: 'r3', dueDate: '2026-11-30', assigneeId: 'mehmet' }),
  aRenewal({ id: 'r4', dueDate: '2026-10-15', status: 'OVERDUE', assigneeId: 'mehmet' }),
  aRenewal({ id: 'r5', dueDate: '2026-12-01', assigneeId: 'ayse' }),
  aRenewal({ id: 'r6', dueDate: '2026-11-20', status: 'COMPLETED', assigneeId: 'ayse' }),
  aRenewal({ id: 'r7', dueDate: '2027-03-01', assigneeId: 'mehmet' }),
];

let db: NoLapseDatabase;
let data: Data;

beforeAll(async () => {
  db = await openTestDatabase();
  data = createData(db);
  await rxdbStore(db).insert('renewals', renewals);
});
afterAll(async () => {
  await db.close();
});

const next = (today: string, me: string | null, until?: (counts: BadgeCounts) => boolean) =>
  firstValueFrom(data.renewals.watchBadge(today, me).pipe(filter(until ?? (() => true))));

describe('the tray badge read from RxDB', () => {
  it('does not start building the count index', async () => {
    await next(today, 'ayse');
    await firstValueFrom(data.renewals.watchOverdueCount());
    // A build that had started would have read these 7 renewals to the end by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const overdue: QueueSegment = {
      selector: { status: 'OVERDUE' },
      index: ['status', 'dueDate', 'id'],
      exact: true,
    };
    expect(await data.renewals.queue.counter.counts([overdue])).toBe(false);
  });

  it("counts the person's overdue and urgent renewals and the office's, as the rule does", async () => {
    for (const me of ['ayse', 'mehmet', 'deniz', null])
      expect(await next(today, me)).toEqual(badgeCounts(renewals, today, me));
    expect(await next(today, 'ayse')).toEqual({ mine: 2, office: 4 });
    expect(await next(today, null)).toEqual({ mine: 4, office: 4 });
  });

  it("counts the office's in the status and due date index, and the person's in the status and assignee index", () => {
    const plan = (selector: object) => countPlan(db.renewals, selector);
    const { office, mine } = badgeSelectors(today, 'ayse');
    // Office ranges fix only the status (and a due-date range for ACTIVE): an index that
    // starts [status] and holds dueDate right after it counts them in the index alone.
    for (const selector of office) {
      const { index, selectorSatisfiedByIndex } = plan(selector);
      expect(selectorSatisfiedByIndex).toBe(true);
      expect(index.slice(0, 2)).toEqual(['_deleted', 'status']);
    }
    // The person's are counted in the [status, assigneeId, dueDate, id] index (renewals v3).
    for (const selector of mine!)
      expect(plan(selector)).toMatchObject({
        index: ['_deleted', 'status', 'assigneeId', 'dueDate', 'id'],
        selectorSatisfiedByIndex: true,
      });
  });

  it('counts a renewal due in 8 days from the next day on', async () => {
    expect(await next('2026-11-24', 'ayse')).toEqual({ mine: 3, office: 5 });
  });

  it('follows a reassignment while it is watched', async () => {
    const store = rxdbStore(db);
    const before = (await store.get('renewals', 'r3'))!;
    const watched = next(today, 'ayse', (counts) => counts.mine === 3);
    await store.update('renewals', [{ before, after: { ...before, assigneeId: 'ayse' } }]);
    expect(await watched).toEqual({ mine: 3, office: 4 });
  });
});

describe('the tray badge and the overdue count once the count index is built', () => {
  const stored = async () => (await db.renewals.find().exec()).map((d) => d.toJSON() as Renewal);

  it('sum its bins, with no count query on the renewals, and follow a change', async () => {
    await data.renewals.queue.counter.catchUp();
    const counted = vi.spyOn(db.renewals, 'count');
    try {
      for (const me of ['ayse', 'mehmet', null])
        expect(await next(today, me)).toEqual(badgeCounts(await stored(), today, me));
      const overdue = (await stored()).filter((r) => r.status === 'OVERDUE').length;
      expect(await firstValueFrom(data.renewals.watchOverdueCount())).toBe(overdue);

      const store = rxdbStore(db);
      const before = (await store.get('renewals', 'r7'))!;
      const watched = firstValueFrom(
        data.renewals.watchOverdueCount().pipe(filter((n) => n === overdue + 1)),
      );
      await store.update('renewals', [
        { before, after: { ...before, status: 'OVERDUE', dueDate: '2026-11-10' } },
      ]);
      expect(await watched).toBe(overdue + 1);
      const expected = badgeCounts(await stored(), today, 'mehmet');
      expect(expected).toEqual({ mine: 2, office: 5 });
      const badge = next(
        today,
        'mehmet',
        (counts) => counts.mine === expected.mine && counts.office === expected.office,
      );
      expect(await badge).toEqual(expected);
      expect(counted).not.toHaveBeenCalled();
    } finally {
      counted.mockRestore();
    }
  });
});
