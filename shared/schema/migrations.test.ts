import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CollectionName } from '../jobs/store.js';
import { COLLECTION_SCHEMAS } from './collections.js';
import { documentTemplateSchema } from './document-template.js';
import { MIGRATIONS, recordMigrationPlan, RECORDS_UNCHANGED } from './migrations.js';
import { renewalSchema } from './renewal.js';
import { workerSchema } from './worker.js';

describe('schema migrations', () => {
  it('has a step to every version of every collection, and none beyond', () => {
    for (const [collection, schema] of Object.entries(COLLECTION_SCHEMAS)) {
      const steps = Object.keys(MIGRATIONS[collection as CollectionName]).map(Number);
      expect(steps, collection).toEqual(Array.from({ length: schema.version }, (_, i) => i + 1));
    }
    expect(documentTemplateSchema.version).toBe(2);
    expect(workerSchema.version).toBe(2);
  });

  it('gives every version of a version-0 template reminders every 7 days after expiry', () => {
    const v0 = {
      id: 'tpl_w9',
      name: 'W-9',
      latestVersion: 2,
      versions: [
        { version: 1, name: 'W-9', blocking: true },
        { version: 2, name: 'W-9', blocking: false },
      ],
    };
    expect(MIGRATIONS.templates![1]!(v0)).toEqual({
      ...v0,
      versions: [
        { version: 1, name: 'W-9', blocking: true, overdueReminderEveryDays: 7 },
        { version: 2, name: 'W-9', blocking: false, overdueReminderEveryDays: 7 },
      ],
    });
  });

  it('gives a version-0 worker an empty list of placements', () => {
    const v0 = { id: 'wrk_1', fullName: 'Maria Lopez', active: true, profile: {} };
    expect(MIGRATIONS.workers![1]!(v0)).toEqual({ ...v0, placements: [] });
  });

  it('keeps a version-0 renewal as it was: neither snoozed nor in progress', () => {
    expect(renewalSchema.version).toBe(3);
    const v0 = {
      id: 'ren_1',
      customerId: 'cus_1',
      serviceType: 'RESIDENCE_PERMIT',
      dueDate: '2026-03-15',
      status: 'ACTIVE',
      stage: 'T30',
      nextStageOn: '2026-03-01',
      assigneeId: 'ayse',
      notes: '',
      complianceFlag: false,
      createdAt: '2026-01-01T09:00:00.000Z',
      updatedAt: '2026-02-13T07:00:00.000Z',
    };
    const v1 = MIGRATIONS.renewals![1]!(v0);
    expect(v1).toEqual(v0);
    expect(v1).not.toHaveProperty('snoozedUntil');
    expect(v1).not.toHaveProperty('inProgressSince');
  });

  it('keeps a version-2 renewal as it was in version 3 (only the queue indexes are new)', () => {
    const v2 = { id: 'ren_1', status: 'ACTIVE', serviceType: 'WORK_PERMIT', assigneeId: 'ayse' };
    expect(MIGRATIONS.renewals[3]).toBe(RECORDS_UNCHANGED);
    expect(MIGRATIONS.renewals![3]!(v2)).toBe(v2);
  });

  it('keeps a version-1 task as it was in version 2 (only the assignee index is new)', () => {
    const v1 = { id: 'task_1', status: 'OPEN', assigneeId: 'ayse', dueDate: '2026-03-01' };
    expect(MIGRATIONS.tasks[2]).toBe(RECORDS_UNCHANGED);
    expect(MIGRATIONS.tasks[2]!(v1)).toBe(v1);
  });
});

describe('versions that change no record', () => {
  it('give back every record as it was, the same object, whatever it holds', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const copy = structuredClone(record);
        expect(RECORDS_UNCHANGED(record)).toBe(record);
        expect(record).toEqual(copy);
      }),
    );
  });

  it('are the named marker, and only those that only add indexes or name values held', () => {
    const markers = Object.entries(MIGRATIONS).flatMap(([collection, steps]) =>
      Object.entries(steps)
        .filter(([, step]) => step === RECORDS_UNCHANGED)
        .map(([version]) => `${collection} ${version}`),
    );
    expect(markers).toEqual([
      'renewals 1',
      'renewals 3',
      'tasks 2',
      'transactions 1',
      'autorenewals 1',
    ]);
  });
});

describe('the plan to bring stored records up', () => {
  it('raises only the version when every step between changes nothing', () => {
    expect(recordMigrationPlan('renewals', 2, 3)).toEqual({ kind: 'versionOnly' });
    expect(recordMigrationPlan('tasks', 1, 2)).toEqual({ kind: 'versionOnly' });
  });

  it('runs only the steps that change records, in order', () => {
    expect(recordMigrationPlan('renewals', 0, 3)).toEqual({
      kind: 'rewrite',
      steps: [MIGRATIONS.renewals[2]],
    });
    expect(recordMigrationPlan('policies', 0, 2)).toEqual({
      kind: 'rewrite',
      steps: [MIGRATIONS.policies[1], MIGRATIONS.policies[2]],
    });
  });

  it('names the first version that has no step', () => {
    expect(recordMigrationPlan('renewals', 2, 5)).toEqual({ kind: 'missingStep', version: 4 });
  });
});

describe('notification ledger migration', () => {
  it('gives a version-0 ledger record no digest to wait for', () => {
    const v0 = {
      id: 'notif:evt_1',
      title: 'Maria Lopez: Work permit due in 30 days',
      body: 'Due on 2026-12-20.',
      route: '/renewals/ren_1',
      deliveredAt: '2026-11-20T09:00:00.000Z',
      readAt: null,
    };
    expect(MIGRATIONS.notifications![1]!(v0)).toEqual({ ...v0, digestDue: '', digestedAt: null });
  });

  it('takes a notice a digest already took out of the waiting ones (version 3), and keeps the rest', () => {
    const base = {
      id: 'notif:evt_2',
      title: 'Maria Lopez: Work permit due in 14 days',
      body: 'Due on 2026-12-06.',
      route: '/renewals/ren_1',
      deliveredAt: '2026-11-21T09:00:00.000Z',
      readAt: null,
    };
    const step = MIGRATIONS.notifications[3]!;
    const taken = {
      ...base,
      digestDue: '2026-11-22T08:00:00.000Z',
      digestedAt: '2026-11-22T08:00:05.000Z',
    };
    expect(step(taken)).toEqual({ ...taken, digestDue: '' });
    const waiting = { ...base, digestDue: '2026-11-22T08:00:00.000Z', digestedAt: null };
    expect(step(waiting)).toBe(waiting);
    const never = { ...base, digestDue: '', digestedAt: null };
    expect(step(never)).toBe(never);
  });

  it('writes an unread notice as read at "" (version 4), and keeps when a read one was read', () => {
    const base = {
      id: 'notif:evt_3',
      title: 'Maria Lopez: Work permit due in 7 days',
      body: 'Due on 2026-11-29.',
      route: '/renewals/ren_1',
      deliveredAt: '2026-11-22T09:00:00.000Z',
      digestDue: '',
      digestedAt: null,
    };
    const step = MIGRATIONS.notifications[4]!;
    expect(step({ ...base, readAt: null })).toEqual({ ...base, readAt: '' });
    const read = { ...base, readAt: '2026-11-22T10:00:00.000Z' };
    expect(step(read)).toBe(read);
    expect(recordMigrationPlan('notifications', 3, 4)).toMatchObject({ kind: 'rewrite' });
  });
});
