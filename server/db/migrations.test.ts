import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Renewal } from '../../shared/schema/renewal.js';
import { createOffice } from '../auth/offices.js';
import { sqlStore } from '../store/sql-store.js';
import type { Database } from './database.js';
import { MIGRATIONS, migrate, splitStatements } from './migrations.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { POSTGRES_ADMIN_URL } from './test-databases.test-support.js';

describe('splitStatements', () => {
  it('splits at semicolons that end a line, never inside a function body', () => {
    expect(
      splitStatements(`
        create table a (x int);
        -- a comment line
        create function f() returns trigger language plpgsql as $$
        begin
          insert into a values (1);
          return null;
        end
        $$;
        create table b (y text default 'a;b');
      `),
    ).toEqual([
      'create table a (x int)',
      `create function f() returns trigger language plpgsql as $$
        begin
          insert into a values (1);
          return null;
        end
        $$`,
      "create table b (y text default 'a;b')",
    ]);
  });
});

/** An empty database with no schema yet, as a server finds it the first time. */
const EMPTY: { label: string; open(): Promise<{ db: Database; drop(): Promise<void> }> }[] = [
  {
    label: 'PGlite',
    async open() {
      const db = await openPglite(null);
      return { db, drop: () => db.close() };
    },
  },
  {
    label: 'PostgreSQL',
    async open() {
      const name = `nolapse_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const db = await openPostgres(POSTGRES_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`));
      return {
        db,
        async drop() {
          await db.close();
          const again = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
          await again.connect();
          await again.query(`drop database if exists ${name} with (force)`);
          await again.end();
        },
      };
    },
  },
];

function renewal(id: string, fields: Partial<Renewal> = {}): Renewal {
  return {
    id,
    customerId: 'cus_1',
    serviceType: 'WORK_PERMIT',
    dueDate: '2026-04-01',
    status: 'ACTIVE',
    stage: null,
    nextStageOn: '2026-01-01',
    assigneeId: 'ayse',
    notes: '',
    complianceFlag: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

/** The counts the triggers keep, next to the same counts taken from every renewal. */
async function counts(db: Database) {
  const kept = await db.query(
    `select office_id, status, due_date, service_type, assignee_id, n from renewal_counts
     order by 1, 2, 3, 4, 5`,
  );
  const actual = await db.query(
    `select office_id, data ->> 'status' as status, data ->> 'dueDate' as due_date,
            data ->> 'serviceType' as service_type, data ->> 'assigneeId' as assignee_id,
            count(*)::int as n
     from docs where collection = 'renewals' and not deleted
     group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
  );
  const keptDays = await db.query(
    'select office_id, status, due_date, n from renewal_day_counts order by 1, 2, 3',
  );
  const actualDays = await db.query(
    `select office_id, data ->> 'status' as status, data ->> 'dueDate' as due_date,
            count(*)::int as n
     from docs where collection = 'renewals' and not deleted group by 1, 2, 3 order by 1, 2, 3`,
  );
  return {
    kept: kept.rows,
    actual: actual.rows,
    keptDays: keptDays.rows,
    actualDays: actualDays.rows,
  };
}

async function expectCountsKept(db: Database) {
  const { kept, actual, keptDays, actualDays } = await counts(db);
  expect(kept).toEqual(actual);
  expect(keptDays).toEqual(actualDays);
}

describe.each(EMPTY)('the renewal counts on $label', (target) => {
  const opened: { drop(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const o of opened) await o.drop();
  });

  it('counts what a database of version 1 holds when it migrates, and migrates once', async () => {
    const { db, drop } = await target.open();
    opened.push({ drop });
    expect(await migrate(db, MIGRATIONS.slice(0, 1))).toEqual([1]);
    const a = await createOffice(db, { name: 'A', timeZone: 'UTC' });
    const b = await createOffice(db, { name: 'B', timeZone: 'UTC' });
    await sqlStore(db, a.officeId).insert('renewals', [
      renewal('ren_1'),
      renewal('ren_2'),
      renewal('ren_3', { status: 'OVERDUE', dueDate: '2026-02-01' }),
      renewal('ren_4', { status: 'COMPLETED', serviceType: 'TAX_FILING' }),
    ]);
    await sqlStore(db, b.officeId).insert('renewals', [renewal('ren_1', { assigneeId: 'me' })]);
    await db.query("update docs set deleted = true where collection = 'renewals' and id = 'ren_2'");
    expect(await migrate(db)).toEqual(MIGRATIONS.slice(1).map((step) => step.version));
    expect(await migrate(db)).toEqual([]);
    await expectCountsKept(db);
    const { kept } = await counts(db);
    expect(kept.filter((r) => r.office_id === a.officeId).map((r) => [r.status, r.n])).toEqual([
      ['ACTIVE', 1],
      ['COMPLETED', 1],
      ['OVERDUE', 1],
    ]);
  }, 60_000);

  it('keeps the counts through every kind of write, and keeps no rows of zero', async () => {
    const { db, drop } = await target.open();
    opened.push({ drop });
    await migrate(db);
    const { officeId } = await createOffice(db, { name: 'A', timeZone: 'UTC' });
    const store = sqlStore(db, officeId);
    const one = renewal('ren_1');
    const two = renewal('ren_2', { dueDate: '2026-05-01', serviceType: 'RESIDENCE_PERMIT' });
    await store.insert('renewals', [one, two, renewal('ren_3')]);
    await expectCountsKept(db);

    // A stage moves and a note changes: nothing counted changes.
    const staged = { ...one, stage: 'T60' as const, notes: 'called' };
    await store.update('renewals', [{ before: one, after: staged }]);
    await expectCountsKept(db);
    // Overdue, a new due date, another assignee, completed.
    const overdue = { ...staged, status: 'OVERDUE' as const };
    const moved = { ...two, dueDate: '2026-06-01', assigneeId: 'mehmet' };
    await store.update('renewals', [
      { before: staged, after: overdue },
      { before: two, after: moved },
    ]);
    await expectCountsKept(db);
    await store.update('renewals', [
      { before: overdue, after: { ...overdue, status: 'COMPLETED' } },
    ]);
    await expectCountsKept(db);

    // Deleted through sync, revived by an insert of the same id, and removed for good.
    await db.query("update docs set deleted = true where collection = 'renewals' and id = 'ren_3'");
    await expectCountsKept(db);
    await store.insert('renewals', [renewal('ren_3', { dueDate: '2026-07-01' })]);
    await expectCountsKept(db);
    await db.query("delete from docs where collection = 'renewals' and id = 'ren_2'");
    await expectCountsKept(db);
    // Other collections do not count.
    await store.insert('tasks', [
      {
        id: 'task_1',
        renewalId: 'ren_1',
        customerId: 'cus_1',
        assigneeId: 'ayse',
        priority: 'HIGH',
        status: 'OPEN',
        title: 'Renew',
        dueDate: '2026-04-01',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
    ]);
    await expectCountsKept(db);
    const zero = await db.query(
      'select (select count(*) from renewal_counts where n = 0) + (select count(*) from renewal_day_counts where n = 0) as n',
    );
    expect(Number(zero.rows[0]!.n)).toBe(0);
  }, 60_000);
});
