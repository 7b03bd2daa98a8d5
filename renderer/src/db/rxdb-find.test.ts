import { afterEach, describe, expect, it } from 'vitest';
import { newRenewal } from '../../../shared/renewals/create';
import type { Renewal } from '../../../shared/schema/renewal';
import { addDays } from '../../../shared/time';
import type { NoLapseDatabase } from './database';
import { rxdbStore } from './rxdb-store';
import { openTestDatabase } from './rxdb.test-support';

let db: NoLapseDatabase | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

const STATUSES = ['ACTIVE', 'OVERDUE', 'COMPLETED', 'CANCELLED'] as const;

/** 300 renewals of 40 customers, due over a year, in every status. */
async function office() {
  db = await openTestDatabase();
  const renewals: Renewal[] = [];
  for (let i = 0; i < 300; i++) {
    const r = newRenewal(
      {
        id: `ren_${String((i * 7919) % 1000).padStart(4, '0')}`,
        customerId: `cus_${String(i % 40).padStart(2, '0')}`,
        serviceType: 'WORK_PERMIT',
        // Some share a due date, so the id decides among them.
        dueDate: addDays('2027-01-01', (i * 37) % 120),
        assigneeId: 'staff_ayse',
      },
      '2026-12-01T09:00:00.000Z',
    );
    renewals.push({ ...r, status: STATUSES[i % 4]! });
  }
  await db.renewals.bulkInsert(renewals);
  return { store: rxdbStore(db), db };
}

describe('find with $in on an index', () => {
  it('returns what RxDB returns for the whole query, in its order, with sorts and limits', async () => {
    const { store, db } = await office();
    const customers = ['cus_31', 'cus_02', 'cus_17', 'cus_02', 'cus_39'];
    const queries = [
      { selector: { customerId: { $in: customers } } },
      { selector: { customerId: { $in: customers } }, sort: [{ dueDate: 'desc' }, { id: 'asc' }] },
      { selector: { customerId: { $in: customers } }, sort: [{ dueDate: 'asc' }], limit: 7 },
      {
        selector: { status: { $in: ['OVERDUE', 'ACTIVE'] }, dueDate: { $lte: '2027-02-15' } },
        sort: [{ status: 'asc' }, { dueDate: 'asc' }, { id: 'asc' }],
      },
      { selector: { status: { $in: ['CANCELLED', 'ACTIVE'] } }, limit: 20 },
    ] as const;
    for (const query of queries) {
      const expected = (await db.renewals.find(query as never).exec()).map((d) => d.toJSON());
      const found = await store.find('renewals', query as never);
      expect(expected.length).toBeGreaterThan(3);
      expect(found.map((r) => r.id)).toEqual(expected.map((r) => r.id));
      expect(found).toEqual(expected);
    }
  });

  it('reads each value by its own range: documents outside the values are never handed out', async () => {
    const { store, db } = await office();
    const read: string[] = [];
    const original = db.renewals.find.bind(db.renewals);
    db.renewals.find = ((query: { selector?: Record<string, unknown> }) => {
      read.push(JSON.stringify(query.selector));
      return original(query as never);
    }) as never;
    const found = await store.find('renewals', {
      selector: { customerId: { $in: ['cus_05', 'cus_38'] } },
    });
    expect(new Set(found.map((r) => r.customerId))).toEqual(new Set(['cus_05', 'cus_38']));
    expect(read.sort()).toEqual(['{"customerId":"cus_05"}', '{"customerId":"cus_38"}']);
  });
});
