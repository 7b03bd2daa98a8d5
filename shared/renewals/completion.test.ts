import { describe, expect, it } from 'vitest';
import {
  planCancellation,
  planCompletion,
  planDueDateChange,
  RenewalClosedError,
} from './completion.js';
import { aRenewal } from './fixtures.js';

describe('planCompletion', () => {
  it('marks the renewal completed and writes RENEWAL_COMPLETED', () => {
    const plan = planCompletion(
      aRenewal({ dueDate: '2026-03-15', complianceFlag: true, status: 'OVERDUE' }),
      '2026-03-20',
      '2026-03-20T10:00:00.000Z',
    );
    expect(plan.update).toMatchObject({
      status: 'COMPLETED',
      completedAt: '2026-03-20T10:00:00.000Z',
      complianceFlag: false,
      nextStageOn: '9999-12-31',
    });
    expect(plan.event).toMatchObject({ id: 'evt:ren_1:COMPLETED', type: 'RENEWAL_COMPLETED' });
    expect(plan.next).toBeUndefined();
  });

  it('creates the next renewal from a yearly recurrence, linked to the previous one', () => {
    const plan = planCompletion(
      aRenewal({
        dueDate: '2026-03-15',
        recurrence: 'FREQ=YEARLY;INTERVAL=1',
        policyId: 'pol_abc123',
      }),
      '2026-03-01',
    );
    expect(plan.next).toMatchObject({
      id: 'ren_1@2027-03-15',
      dueDate: '2027-03-15',
      status: 'ACTIVE',
      stage: null,
      previousRenewalId: 'ren_1',
      policyId: 'pol_abc123',
      recurrence: 'FREQ=YEARLY;INTERVAL=1',
    });
    const again = planCompletion(plan.next!, '2027-03-01');
    expect(again.next?.id).toBe('ren_1@2028-03-15');
  });

  it('clamps a leap-day yearly renewal to Feb 28', () => {
    const plan = planCompletion(
      aRenewal({ dueDate: '2028-02-29', recurrence: 'FREQ=YEARLY' }),
      '2028-02-20',
    );
    expect(plan.next?.dueDate).toBe('2029-02-28');
  });

  it('follows a weekday rule with rrule', () => {
    const plan = planCompletion(
      aRenewal({ dueDate: '2026-03-02', recurrence: 'FREQ=MONTHLY;BYDAY=1MO' }),
      '2026-03-01',
    );
    expect(plan.next?.dueDate).toBe('2026-04-06');
  });

  it('refuses to complete a renewal twice', () => {
    const done = planCompletion(aRenewal({ dueDate: '2026-03-15' }), '2026-03-01').update;
    expect(() => planCompletion(done, '2026-03-02')).toThrow(RenewalClosedError);
  });

  it('cancels without deleting and stops alerts', () => {
    expect(
      planCancellation(aRenewal({ dueDate: '2026-03-15' }), '2026-03-01T00:00:00.000Z'),
    ).toMatchObject({ status: 'CANCELLED', nextStageOn: '9999-12-31' });
  });

  it('starts alerts over when the due date moves', () => {
    const moved = planDueDateChange(
      aRenewal({
        dueDate: '2026-03-15',
        stage: 'OVERDUE',
        status: 'OVERDUE',
        complianceFlag: true,
      }),
      '2026-09-15',
      '2026-03-20T00:00:00.000Z',
    );
    expect(moved).toMatchObject({
      status: 'ACTIVE',
      stage: null,
      complianceFlag: false,
      nextStageOn: '2026-06-17',
    });
  });
});
