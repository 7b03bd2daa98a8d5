import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildQueue, DEFAULT_FILTERS, type QueueFilters } from '../../shared/renewals/queue.js';
import { RENEWAL_STATUSES, type Renewal, type RenewalStatus } from '../../shared/schema/renewal.js';
import { addDays } from '../../shared/time/index.js';
import { sqlStore } from '../store/sql-store.js';
import { completionOut, customerOut, errorOut, queueOut, refreshOut } from './ops-schemas.js';
import { answer, startOps, TARGETS, type OpsServer } from './ops.test-support.js';

/** A small deterministic generator, so every run seeds the same office. */
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
}

const TODAY = '2026-03-01';
/** The days around every edge the queue has: its urgency buckets and its windows. */
const EDGES = [-40, -1, 0, 7, 8, 14, 15, 30, 31, 60, 61, 90, 91, 180, 181, 400];
const SERVICE_TYPES = ['RESIDENCE_PERMIT', 'WORK_PERMIT', 'INSURANCE_POLICY', 'VISA_EXTENSION'];
const STAFF = ['ayse', 'mehmet'];

function seededRenewals(customerIds: readonly string[]): Renewal[] {
  const next = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: 240 }, (_, i) => {
    // A third of them on the edges, in pairs on the same day so ties are ordered by id.
    const offset = i % 3 === 0 ? EDGES[(i / 3) % EDGES.length]! : Math.floor(next() * 300) - 60;
    const dueDate = addDays(TODAY, offset);
    const status: RenewalStatus =
      next() < 0.2 ? pick(['COMPLETED', 'CANCELLED'] as const) : offset < 0 ? 'OVERDUE' : 'ACTIVE';
    return {
      id: `ren_${String(i).padStart(4, '0')}`,
      customerId: pick(customerIds),
      serviceType: pick(SERVICE_TYPES),
      dueDate,
      status,
      stage: null,
      nextStageOn: '9999-12-31',
      assigneeId: pick(STAFF),
      notes: '',
      complianceFlag: status === 'OVERDUE',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
  });
}

type Combination = {
  window: QueueFilters['window'];
  status: QueueFilters['status'];
  serviceType: string | null;
  assignee: string | null;
};

const COMBINATIONS: Combination[] = (['30', '60', '90', '180', 'all'] as const).flatMap((w) =>
  (['open', 'all', ...RENEWAL_STATUSES] as const).flatMap((status) =>
    [null, 'WORK_PERMIT'].flatMap((serviceType) =>
      [null, 'mehmet'].map((assignee) => ({
        window: w === 'all' ? ('all' as const) : (Number(w) as 30 | 60 | 90 | 180),
        status,
        serviceType,
        assignee,
      })),
    ),
  ),
);

function queryOf(c: Combination, extra: Record<string, string> = {}) {
  const query = new URLSearchParams({
    window: String(c.window),
    status: c.status,
    ...(c.serviceType ? { service_type: c.serviceType } : {}),
    ...(c.assignee ? { assignee: c.assignee } : {}),
    ...extra,
  });
  return `/ops/renewals?${query}`;
}

describe.each(TARGETS)('the renewals queue on $label', (target) => {
  let server: OpsServer;
  let drop: () => Promise<void>;
  let token: string;
  let officeId: string;
  let names: Map<string, string>;
  beforeAll(async () => {
    const opened = await target.open();
    drop = opened.drop;
    server = await startOps(opened.env);
    server.clock.set(TODAY);
    ({ officeId, token } = await server.office());
    names = new Map();
    for (const fullName of ['Elif Kaya', 'Can Öz', 'Ayşe Demir']) {
      const customer = await answer(
        await server.call('/ops/customers', { token, body: { full_name: fullName } }),
        201,
        customerOut,
      );
      names.set(customer.id, fullName);
    }
    await sqlStore(server.db, officeId).insert('renewals', seededRenewals([...names.keys()]));
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  /** What the app's queue shows for the same filters, from every renewal of the office. */
  async function appQueue(c: Combination, today = TODAY) {
    const renewals = await sqlStore(server.db, officeId).find('renewals', {});
    return buildQueue(
      renewals,
      {
        ...DEFAULT_FILTERS,
        window: c.window,
        status: c.status,
        serviceType: c.serviceType ?? 'all',
        assigneeId: c.assignee ?? 'all',
      },
      today,
      (id) => names.get(id) ?? '',
    );
  }

  async function expectSameAsApp(c: Combination, today = TODAY) {
    const page = await answer(
      await server.call(queryOf(c, { limit: '1000' }), { token }),
      200,
      queueOut,
    );
    const app = await appQueue(c, today);
    expect({ c, counts: page.counts, total: page.total }).toEqual({
      c,
      counts: app.counts,
      total: app.total,
    });
    expect(page.items.map((r) => [r.id, r.days_until_due, r.urgency, r.customer_name])).toEqual(
      app.rows.map((r) => [r.id, r.daysUntilDue, r.urgency, r.customerName]),
    );
    expect(page.next_cursor).toBeNull();
  }

  it('shows what the app’s queue shows, for every window, status, service type and assignee', async () => {
    for (const c of COMBINATIONS) await expectSameAsApp(c);
  }, 120_000);

  it('defaults to open renewals within 90 days, and reads empty filters as none', async () => {
    const page = await answer(
      await server.call('/ops/renewals?window=&service_type=&status=&assignee=', { token }),
      200,
      queueOut,
    );
    const app = await appQueue({ window: 90, status: 'open', serviceType: null, assignee: null });
    expect(page.window).toBe('90');
    expect(page.today).toBe(TODAY);
    expect(page.items.map((r) => r.id)).toEqual(app.rows.slice(0, 100).map((r) => r.id));
    expect(page.total).toBe(app.total);
    expect(page.items[0]).toMatchObject({ status: 'OVERDUE', urgency: 'overdue' });
    const days = page.items.map((r) => r.days_until_due!);
    expect(days).toEqual([...days].sort((a, b) => a - b));
  });

  it('pages through the queue with next_cursor, open renewals first and closed ones after', async () => {
    for (const c of [
      { window: 90, status: 'all', serviceType: null, assignee: null },
      { window: 'all', status: 'open', serviceType: null, assignee: 'ayse' },
    ] satisfies Combination[]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; next_cursor: string | null; total: number } =
          await answer(
            await server.call(queryOf(c, { limit: '7', ...(cursor ? { cursor } : {}) }), {
              token,
            }),
            200,
            queueOut,
          );
        expect(page.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.items.map((r) => r.id));
        cursor = page.next_cursor;
      } while (cursor);
      expect(seen).toEqual((await appQueue(c)).rows.map((r) => r.id));
    }
  }, 60_000);

  it('stays the app’s queue after completions and a refresh on a later day', async () => {
    const open = (await appQueue({ window: 30, status: 'open', serviceType: null, assignee: null }))
      .rows;
    for (const renewal of open.slice(0, 3))
      await answer(
        await server.call(`/ops/renewals/${renewal.id}/complete`, {
          method: 'PATCH',
          token,
          body: { next_due_date: addDays(renewal.dueDate, 365) },
        }),
        200,
        completionOut,
      );
    server.clock.set('2026-03-20');
    await answer(
      await server.call('/ops/renewals/refresh', { method: 'POST', token }),
      200,
      refreshOut,
    );
    for (const c of COMBINATIONS.filter((x) => x.serviceType === null))
      await expectSameAsApp(c, '2026-03-20');
    server.clock.set(TODAY);
  }, 120_000);

  it('names what is wrong with a query', async () => {
    const wrong = async (query: string) =>
      (await answer(await server.call(`/ops/renewals?${query}`, { token }), 400, errorOut)).fields;
    expect(await wrong('window=45')).toEqual({
      window: 'Choose a window of 30, 60, 90, 180 days, or all.',
    });
    expect(await wrong('status=DONE')).toEqual({
      status: 'Choose a status: open, all, ACTIVE, OVERDUE, COMPLETED, CANCELLED.',
    });
    expect(await wrong('limit=0')).toEqual({
      limit: 'Give the limit as a whole number from 1 to 1000.',
    });
    expect(await wrong('cursor=bm9wZQ')).toEqual({
      cursor: 'Pass next_cursor from the previous page, or leave it out to start again.',
    });
    expect(await wrong('sort=due')).toEqual({ form: 'Unknown field sort: remove it.' });
    expect(await wrong('window=30&window=60')).toHaveProperty('window');
  });
});
