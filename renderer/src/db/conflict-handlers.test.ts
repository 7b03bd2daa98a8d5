import { afterEach, describe, expect, it } from 'vitest';
import { aRenewal } from '../../../shared/renewals/fixtures';
import type { NoLapseDatabase } from './database';
import { openTestDatabase } from './rxdb.test-support';

const T1 = '2026-03-02T09:00:00.000Z';
const T2 = '2026-03-03T09:00:00.000Z';

let db: NoLapseDatabase | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

async function eventually<T>(read: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const value = await read();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('never appeared');
}

describe('the conflict handlers RxDB runs when a push meets a newer server version', () => {
  it('settle a renewal by its rule and leave the overwritten note on the customer timeline', async () => {
    db = await openTestDatabase();
    const base = aRenewal({ dueDate: '2026-03-15', notes: 'call Monday' });
    const local = {
      ...base,
      status: 'COMPLETED' as const,
      completedAt: T1,
      notes: 'mine',
      updatedAt: T1,
    };
    const master = { ...base, stage: 'T14' as const, notes: 'theirs', updatedAt: T2 };
    const handler = db.renewals.conflictHandler;

    const settled = await handler.resolve(
      {
        newDocumentState: { ...local, _deleted: false } as never,
        assumedMasterState: { ...base, _deleted: false } as never,
        realMasterState: { ...master, _deleted: false } as never,
      },
      'test',
    );

    expect(settled).toMatchObject({ status: 'COMPLETED', notes: 'theirs', _deleted: false });
    const event = await eventually(() =>
      db!.events.findOne({ selector: { type: 'EDIT_OVERWRITTEN' } }).exec(),
    );
    expect(event.toJSON()).toMatchObject({ customerId: 'cus_1', subjectId: base.id });
    expect(event.title).toContain('notes');
  });

  it('keep a record the server deleted deleted, and see equal records as equal', async () => {
    db = await openTestDatabase();
    const base = aRenewal({ dueDate: '2026-03-15' });
    const handler = db.renewals.conflictHandler;
    const deleted = { ...base, _deleted: true };
    const settled = await handler.resolve(
      {
        newDocumentState: { ...base, notes: 'edited', _deleted: false } as never,
        assumedMasterState: { ...base, _deleted: false } as never,
        realMasterState: deleted as never,
      },
      'test',
    );
    expect(settled._deleted).toBe(true);
    expect(
      handler.isEqual(
        { ...base, _deleted: false } as never,
        { ...base, _deleted: false } as never,
        'test',
      ),
    ).toBe(true);
    expect(
      handler.isEqual(
        { ...base, _deleted: false } as never,
        { ...base, _deleted: true } as never,
        'test',
      ),
    ).toBe(false);
  });
});
