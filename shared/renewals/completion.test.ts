import { describe, expect, it } from 'vitest';
import {
  checkNextRenewal,
  completedOnProblem,
  completionOffer,
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

describe('what follows a completion', () => {
  const permit = {
    id: 'prm_1',
    kind: 'RESIDENCE_PERMIT' as const,
    number: 'RP-1',
    state: 'APPROVED' as const,
    expiresOn: '2026-03-15',
  };

  it('offers the new permit for a permit renewal, the policy page for a policy kept in NoLapse, else a date', () => {
    const byPermit = aRenewal({ dueDate: '2026-03-15', permitId: 'prm_1' });
    expect(completionOffer(byPermit, { permit, policyInNoLapse: false })).toEqual({
      kind: 'permit',
      permit,
      suggestedExpiry: null,
    });
    const byPolicy = aRenewal({ dueDate: '2026-03-15', policyId: 'pol_1' });
    expect(completionOffer(byPolicy, { policyInNoLapse: true })).toEqual({
      kind: 'policy',
      policyId: 'pol_1',
    });
    // A policy id typed by hand names a policy kept elsewhere: ask for the date.
    expect(completionOffer(byPolicy, { policyInNoLapse: false })).toEqual({
      kind: 'date',
      suggestedDueDate: null,
    });
  });

  it('suggests the next due date from the repeat rule', () => {
    const yearly = aRenewal({ dueDate: '2028-02-29', recurrence: 'FREQ=YEARLY' });
    expect(completionOffer(yearly, { policyInNoLapse: false })).toEqual({
      kind: 'date',
      suggestedDueDate: '2029-02-28',
    });
  });

  it('accepts a next date or expiry only after the date being renewed, naming the field', () => {
    const renewal = aRenewal({ dueDate: '2026-03-15' });
    expect(checkNextRenewal(renewal, { kind: 'date', dueDate: '2026-03-15' })).toEqual({
      ok: false,
      errors: { dueDate: 'The next due date must be after 2026-03-15, the date being renewed.' },
    });
    expect(checkNextRenewal(renewal, { kind: 'date', dueDate: '2027-02-30' })).toEqual({
      ok: false,
      errors: { dueDate: 'Enter a real date as YYYY-MM-DD, for example 2027-03-15.' },
    });
    expect(
      checkNextRenewal(renewal, { kind: 'permit', number: ' ', expiresOn: '2025-01-01' }),
    ).toEqual({
      ok: false,
      errors: {
        number: 'Enter the new permit’s number as printed on the card.',
        expiresOn: 'The next expiry must be after 2026-03-15, the date being renewed.',
      },
    });
    expect(
      checkNextRenewal(renewal, { kind: 'permit', number: ' RP-2 ', expiresOn: '2027-03-15' }),
    ).toEqual({ ok: true, value: { kind: 'permit', number: 'RP-2', expiresOn: '2027-03-15' } });
    expect(checkNextRenewal(renewal, { kind: 'none' })).toEqual({
      ok: true,
      value: { kind: 'none' },
    });
  });

  it('completes into the chosen date, keeping the repeat rule, or into nothing', () => {
    const renewal = aRenewal({ dueDate: '2026-03-15', recurrence: 'FREQ=YEARLY' });
    const chosen = planCompletion(renewal, '2026-03-10', '2026-03-10T09:00:00.000Z', '2027-06-01');
    expect(chosen.next).toMatchObject({
      id: 'ren_1@2027-06-01',
      dueDate: '2027-06-01',
      recurrence: 'FREQ=YEARLY',
      previousRenewalId: 'ren_1',
    });
    expect(chosen.event.detail).toBe('Next renewal due 2027-06-01');
    const none = planCompletion(renewal, '2026-03-10', '2026-03-10T09:00:00.000Z', null);
    expect(none.next).toBeUndefined();
    expect(none.event.detail).toBe('Was due 2026-03-15; nothing follows');
  });

  it('dates a completion back to the day it was done, never ahead of today', () => {
    expect(completedOnProblem('2026-03-10', '2026-03-12')).toBeNull();
    expect(completedOnProblem('2026-03-12', '2026-03-12')).toBeNull();
    expect(completedOnProblem('2026-03-13', '2026-03-12')).toBe(
      'The completion date cannot be later than today (2026-03-12); enter the day it was done.',
    );
    expect(completedOnProblem('2026-02-30', '2026-03-12')).toBe(
      'Enter the day the renewal was done as YYYY-MM-DD, for example 2026-03-15.',
    );
    const plan = planCompletion(
      aRenewal({ dueDate: '2026-03-15' }),
      '2026-03-10',
      '2026-03-12T09:00:00.000Z',
    );
    expect(plan.event).toMatchObject({ occurredOn: '2026-03-10', at: '2026-03-12T09:00:00.000Z' });
    expect(plan.update.completedAt).toBe('2026-03-12T09:00:00.000Z');
  });
});
