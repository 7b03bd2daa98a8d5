import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../../shared/schema/task';
import { createData, type Data } from './data';
import type { NoLapseDatabase } from './database';
import { rxdbStore } from './rxdb-store';
import { countPlan, openTestDatabase } from './rxdb.test-support';

const T0 = '2026-11-23T09:00:00.000Z';
const aTask = (id: string, assigneeId: string, status: Task['status'], dueDate: string): Task => ({
  id,
  renewalId: `ren_${id}`,
  customerId: 'cus_1',
  assigneeId,
  priority: 'HIGH',
  status,
  title: `Renew ${id}`,
  dueDate,
  createdAt: T0,
  updatedAt: T0,
});

const tasks: Task[] = [
  aTask('t1', 'ayse', 'OPEN', '2026-11-25'),
  aTask('t2', 'ayse', 'OPEN', '2026-12-03'),
  aTask('t3', 'mehmet', 'OPEN', '2026-11-24'),
  aTask('t4', 'ayse', 'DONE', '2026-11-20'),
  aTask('t5', 'mehmet', 'DONE', '2026-11-21'),
];

let db: NoLapseDatabase;
let data: Data;

beforeAll(async () => {
  db = await openTestDatabase();
  data = createData(db);
  await rxdbStore(db).insert('tasks', tasks);
});
afterAll(async () => {
  await db.close();
});

const next = (me: string | null, until: (n: number) => boolean = () => true) =>
  firstValueFrom(data.tasks.watchOpenCount(me).pipe(filter(until)));

describe("the sidebar's open tasks", () => {
  it("counts the person's open tasks, or everyone's on a device that knows nobody", async () => {
    expect(await next('ayse')).toBe(2);
    expect(await next('mehmet')).toBe(1);
    expect(await next('deniz')).toBe(0);
    expect(await next(null)).toBe(3);
  });

  it("counts a person's in the [status, assigneeId, dueDate] index alone (tasks v2), not by reading every open task", () => {
    const plan = (selector: object) => countPlan(db.tasks, selector);
    expect(plan({ status: 'OPEN', assigneeId: 'ayse' })).toMatchObject({
      index: ['_deleted', 'status', 'assigneeId', 'dueDate', 'id'],
      selectorSatisfiedByIndex: true,
    });
    expect(plan({ status: 'OPEN' })).toMatchObject({ selectorSatisfiedByIndex: true });
  });

  it('follows a task done and a task handed to someone else while it is watched', async () => {
    const store = rxdbStore(db);
    const t1 = (await store.get('tasks', 't1'))!;
    const done = next('ayse', (n) => n === 1);
    await store.update('tasks', [{ before: t1, after: { ...t1, status: 'DONE' } }]);
    expect(await done).toBe(1);
    const t3 = (await store.get('tasks', 't3'))!;
    const handed = next('ayse', (n) => n === 2);
    await store.update('tasks', [{ before: t3, after: { ...t3, assigneeId: 'ayse' } }]);
    expect(await handed).toBe(2);
    expect(await next('mehmet')).toBe(0);
  });
});
