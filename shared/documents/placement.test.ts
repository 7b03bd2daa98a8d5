import { describe, expect, it } from 'vitest';
import type { DocumentInstance } from '../schema/document-instance.js';
import type { Worker } from '../schema/worker.js';
import { planPlacement } from './placement.js';
import { planTemplateCreate } from './template.js';

const T0 = '2026-01-01T00:00:00.000Z';
const NOW = '2026-03-03T09:00:00.000Z';

function template(id: string, name: string, blocking: boolean) {
  const plan = planTemplateCreate(
    id,
    {
      name,
      renewalModel: { kind: 'calendar', renewalMonth: 3, renewalDay: 1 },
      gracePeriodDays: 7,
      blocking,
    },
    T0,
  );
  if (!plan.ok) throw new Error('fixture template must be valid');
  return plan.template;
}
const w9 = template('tpl_w9', 'W-9', true);
const handbook = template('tpl_hb', 'Handbook', false);

const maria: Worker = {
  id: 'wrk_maria',
  fullName: 'Maria Lopez',
  active: true,
  profile: {},
  placements: [],
  createdAt: T0,
  updatedAt: T0,
};

/** A document of `templateId` that expired on 2026-03-01 (grace until 2026-03-07), renewal unsigned. */
function lapsed(templateId: string): DocumentInstance[] {
  const old: DocumentInstance = {
    id: `doc:${templateId}:wrk_maria`,
    templateId,
    templateVersion: 1,
    workerId: 'wrk_maria',
    status: 'expired',
    data: {},
    signedOn: '2025-06-01',
    expiresOn: '2026-03-01',
    archivedAt: '2026-03-01T06:00:00.000Z',
    renewalNumber: 0,
    createdAt: T0,
    updatedAt: T0,
  };
  return [
    old,
    {
      ...old,
      id: `${old.id}:r1`,
      status: 'required',
      previousInstanceId: old.id,
      renewalNumber: 1,
      expiresOn: undefined,
      signedOn: undefined,
      archivedAt: undefined,
    },
  ];
}

const place = (
  today: string,
  instances: DocumentInstance[],
  placement = { jobTitle: 'Forklift driver', startDate: '2026-03-04' },
  worker = maria,
) =>
  planPlacement({
    worker,
    instances,
    templates: [w9, handbook],
    placement,
    id: 'plc_1',
    today,
    now: NOW,
  });

describe('planPlacement', () => {
  it('places a compliant worker with no warning', () => {
    expect(place('2026-03-03', [])).toEqual({
      ok: true,
      value: {
        placement: {
          id: 'plc_1',
          jobTitle: 'Forklift driver',
          startDate: '2026-03-04',
          placedAt: NOW,
          compliance: 'valid',
        },
        worker: {
          ...maria,
          placements: [
            {
              id: 'plc_1',
              jobTitle: 'Forklift driver',
              startDate: '2026-03-04',
              placedAt: NOW,
              compliance: 'valid',
            },
          ],
          updatedAt: NOW,
        },
      },
    });
  });

  it('places a worker in grace, with a warning that is kept on the placement', () => {
    const result = place('2026-03-03', lapsed('tpl_w9'));
    expect(result.ok && result.value.placement).toEqual({
      id: 'plc_1',
      jobTitle: 'Forklift driver',
      startDate: '2026-03-04',
      placedAt: NOW,
      compliance: 'grace',
      warning:
        'W-9 expired on 2026-03-01: Maria Lopez is in its grace period and is blocked from 2026-03-08 unless it is renewed.',
    });
  });

  it('warns when the job starts after the grace period ends', () => {
    const result = place('2026-03-03', lapsed('tpl_w9'), {
      jobTitle: 'Forklift driver',
      startDate: '2026-03-10',
    });
    expect(result.ok && result.value.placement.warning).toContain(
      'The job starts on 2026-03-10, after the grace period ends.',
    );
  });

  it('refuses a blocked worker with the reason', () => {
    expect(
      place('2026-03-08', lapsed('tpl_w9'), { jobTitle: 'Picker', startDate: '2026-03-09' }),
    ).toEqual({
      ok: false,
      errors: {
        form: 'Maria Lopez is blocked from job assignment: W-9 expired on 2026-03-01 and the grace period is over. They can be placed again once they sign the renewal.',
      },
    });
  });

  it('places despite an expired document that does not block, and says so', () => {
    const result = place('2026-03-20', lapsed('tpl_hb'), {
      jobTitle: 'Picker',
      startDate: '2026-03-21',
    });
    expect(result.ok && result.value.placement).toMatchObject({
      compliance: 'valid',
      warning: 'Handbook expired on 2026-03-01 (it does not block job assignment).',
    });
  });

  it('refuses a deactivated worker', () => {
    const result = place('2026-03-03', [], undefined, { ...maria, active: false });
    expect(result).toEqual({
      ok: false,
      errors: {
        form: 'Maria Lopez is deactivated. Reactivate them before placing them in a job.',
      },
    });
  });

  it('explains a missing title and a start date that is not a date or is in the past', () => {
    expect(place('2026-03-03', [], { jobTitle: ' ', startDate: '2026-02-30' })).toEqual({
      ok: false,
      errors: {
        jobTitle: 'Enter the job title, e.g. "Warehouse associate".',
        startDate: 'Enter the start date as a real date (YYYY-MM-DD), e.g. 2027-03-01.',
      },
    });
    expect(place('2026-03-03', [], { jobTitle: 'Picker', startDate: '2026-03-02' })).toEqual({
      ok: false,
      errors: {
        startDate:
          'The start date 2026-03-02 is in the past. Use today (2026-03-03) or a later date.',
      },
    });
  });
});
