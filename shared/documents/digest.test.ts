import { describe, expect, it } from 'vitest';
import type { DocumentInstance } from '../schema/document-instance.js';
import type { Worker } from '../schema/worker.js';
import { planWeeklyDigest, planWeeklyDigests } from './digest.js';
import { planTemplateCreate } from './template.js';

const T0 = '2026-01-01T00:00:00.000Z';
const created = planTemplateCreate(
  'tpl_nda',
  { name: 'NDA', renewalModel: { kind: 'signature', renewalDurationMonths: 12 } },
  T0,
);
if (!created.ok) throw new Error('valid template');
const nda = created.template;

const worker = (id: string, fullName: string, active = true): Worker => ({
  id,
  fullName,
  active,
  profile: {},
  placements: [],
  createdAt: T0,
  updatedAt: T0,
});
const workers = [
  worker('w_ada', 'Ada Lovelace'),
  worker('w_bob', 'Bob Byte'),
  worker('w_cy', 'Cy Gone', false),
];

const signedInstance = (
  workerId: string,
  expiresOn: string,
  extra: Partial<DocumentInstance> = {},
): DocumentInstance => ({
  id: `doc:tpl_nda:${workerId}`,
  templateId: 'tpl_nda',
  templateVersion: 1,
  workerId,
  status: 'completed',
  data: {},
  signedOn: '2025-01-01',
  expiresOn,
  renewalNumber: 0,
  createdAt: T0,
  updatedAt: T0,
  ...extra,
});

describe('planWeeklyDigest', () => {
  // Week of Monday 2026-03-02: 30-day reminders for expiries Apr 1-7, 14-day ones for Mar 16-22.
  const instances = [
    signedInstance('w_ada', '2026-04-03'), // D30 on Wed Mar 4
    signedInstance('w_bob', '2026-03-16'), // D14 on Mon Mar 2
    signedInstance('w_cy', '2026-04-02'), // deactivated worker
  ];

  it('lists the 30- and 14-day reminders of the ISO week holding today, soonest expiry first', () => {
    expect(planWeeklyDigest({ templates: [nda], instances, workers, today: '2026-03-02' })).toEqual(
      {
        id: 'doc-digest-week:2026-03-02',
        weekOf: '2026-03-02',
        overdue: [],
        items: [
          {
            workerId: 'w_bob',
            worker: 'Bob Byte',
            instanceId: 'doc:tpl_nda:w_bob',
            templateId: 'tpl_nda',
            document: 'NDA',
            expiresOn: '2026-03-16',
            daysBefore: 14,
            remindOn: '2026-03-02',
            daysLeft: 14,
          },
          {
            workerId: 'w_ada',
            worker: 'Ada Lovelace',
            instanceId: 'doc:tpl_nda:w_ada',
            templateId: 'tpl_nda',
            document: 'NDA',
            expiresOn: '2026-04-03',
            daysBefore: 30,
            remindOn: '2026-03-04',
            daysLeft: 32,
          },
        ],
      },
    );
  });

  it('uses the same week for any day from Monday to Sunday', () => {
    expect(
      planWeeklyDigest({ templates: [nda], instances, workers, today: '2026-03-08' }).weekOf,
    ).toBe('2026-03-02');
  });

  it('leaves out 7- and 1-day reminders, which admins get individually', () => {
    const digest = planWeeklyDigest({
      templates: [nda],
      instances: [signedInstance('w_ada', '2026-03-09')],
      workers,
      today: '2026-03-02',
    });
    expect(digest.items).toEqual([]);
  });

  it('leaves out documents whose renewal is already signed', () => {
    const renewal = signedInstance('w_bob', '2027-03-01', {
      id: 'doc:tpl_nda:w_bob:r1',
      previousInstanceId: 'doc:tpl_nda:w_bob',
      renewalNumber: 1,
    });
    const digest = planWeeklyDigest({
      templates: [nda],
      instances: [...instances, renewal],
      workers,
      today: '2026-03-02',
    });
    expect(digest.items.map((i) => i.workerId)).toEqual(['w_ada']);
  });
});

describe('planWeeklyDigests', () => {
  it('groups upcoming reminders by the week they fall in', () => {
    const digests = planWeeklyDigests({
      templates: [nda],
      instances: [signedInstance('w_ada', '2026-04-03')],
      workers,
      from: '2026-03-01',
      until: '2026-03-31',
      today: '2026-03-01',
    });
    expect(digests.map((d) => [d.weekOf, d.items.map((i) => i.daysBefore)])).toEqual([
      ['2026-03-02', [30]],
      ['2026-03-16', [14]],
    ]);
  });
});

describe('overdue renewals in the digest', () => {
  const lapsed = (workerId: string, expiresOn: string): DocumentInstance[] => [
    signedInstance(workerId, expiresOn, { status: 'expired', archivedAt: T0 }),
    {
      id: `doc:tpl_nda:${workerId}:r1`,
      templateId: 'tpl_nda',
      templateVersion: 1,
      workerId,
      status: 'draft',
      data: {},
      previousInstanceId: `doc:tpl_nda:${workerId}`,
      renewalNumber: 1,
      createdAt: T0,
      updatedAt: T0,
    },
  ];
  const instances = [
    ...lapsed('w_ada', '2026-02-27'),
    ...lapsed('w_bob', '2026-02-20'),
    ...lapsed('w_cy', '2026-02-01'), // deactivated: no renewal expected
  ];

  it('lists renewals still unsigned after expiry, most overdue first', () => {
    const digest = planWeeklyDigest({ templates: [nda], instances, workers, today: '2026-03-02' });
    expect(digest.items).toEqual([]);
    expect(digest.overdue).toEqual([
      {
        workerId: 'w_bob',
        worker: 'Bob Byte',
        instanceId: 'doc:tpl_nda:w_bob:r1',
        status: 'draft',
        templateId: 'tpl_nda',
        document: 'NDA',
        expiredOn: '2026-02-20',
        daysOverdue: 10,
        state: 'expired',
        blockedFrom: '2026-02-20',
        blocking: false,
        everyDays: 7,
      },
      expect.objectContaining({ workerId: 'w_ada', expiredOn: '2026-02-27', daysOverdue: 3 }),
    ]);
  });

  it('shows them in the week holding today only, even when nothing else is due', () => {
    const digests = planWeeklyDigests({
      templates: [nda],
      instances: [...instances, signedInstance('w_ada', '2026-04-20', { id: 'other' })],
      workers,
      from: '2026-03-02',
      until: '2026-03-29',
      today: '2026-03-04',
    });
    expect(digests.map((d) => [d.weekOf, d.items.length, d.overdue.length])).toEqual([
      ['2026-03-02', 0, 2],
      ['2026-03-16', 1, 0],
    ]);
  });

  it('drops a renewal from the digest once it is signed', () => {
    const [old, renewal] = lapsed('w_bob', '2026-02-20');
    const signed = { ...renewal!, status: 'completed' as const, signedOn: '2026-03-01' };
    expect(
      planWeeklyDigest({
        templates: [nda],
        instances: [old!, signed],
        workers,
        today: '2026-03-02',
      }).overdue,
    ).toEqual([]);
  });
});
