import { describe, expect, it } from 'vitest';
import { renewalForPolicyTerm } from '../renewals/create.js';
import type { Renewal } from '../schema/renewal.js';
import type { Task } from '../schema/task.js';
import { createAutoRenewal } from './auto-renewal-record.js';
import {
  canCancel,
  canReinstate,
  checkCancellationForm,
  describeQueueOutcome,
  planCancellation,
  planReinstatement,
  queueRenewalId,
} from './cancellation.js';
import { aPolicy, aYearlyPlan } from './fixtures.js';
import type { Policy, RenewalTransaction } from './model.js';
import { acceptTransaction, issueBlocker, planManualRenewal } from './transactions.js';

const TZ = 'Europe/Istanbul';
const NOW = '2026-11-20T09:00:00.000Z';
/** P-1 in Istanbul: its term runs 2026-01-01 to 2027-01-01, midnight office time. */
const policy: Policy = {
  ...aPolicy,
  terms: [
    { termNumber: 1, startTime: '2025-12-31T21:00:00.000Z', endTime: '2026-12-31T21:00:00.000Z' },
  ],
};
const EFFECTIVE = { effectiveDate: '2026-12-01', effectiveTime: '2026-11-30T21:00:00.000Z' };

function queueRenewal(overrides: Partial<Renewal> = {}): Renewal {
  return {
    ...renewalForPolicyTerm(
      {
        customerId: 'cus1',
        policyId: 'pol1',
        policyNumber: 'P-1',
        endDate: '2027-01-01',
        assigneeId: 'agent1',
      },
      '2026-01-01T00:00:00.000Z',
    ),
    stage: 'T60',
    nextStageOn: '2026-12-02',
    ...overrides,
  };
}

function managedSetUp(state: 'draft' | 'accepted' | 'issued' | 'rejected') {
  const autoRenewal = {
    ...createAutoRenewal(policy, aYearlyPlan, NOW),
    transactionId: 'tx:ar:pol1:T1:auto',
  };
  const drafted = planManualRenewal(
    policy,
    { type: 'renewal', termDurationMonths: 12, id: 'tx:ar:pol1:T1:auto' },
    NOW,
  );
  const managed: RenewalTransaction =
    state === 'draft'
      ? drafted
      : state === 'accepted'
        ? acceptTransaction(drafted, NOW)
        : { ...acceptTransaction(drafted, NOW), state };
  const unmanaged = acceptTransaction(
    planManualRenewal(policy, { type: 'renewal', termDurationMonths: 12, id: 'tx-m' }, NOW),
    NOW,
  );
  return { autoRenewal, managed, unmanaged };
}

describe('checkCancellationForm', () => {
  it('turns the office-local date into the instant it starts there', () => {
    expect(checkCancellationForm(policy, { effectiveDate: ' 2026-12-01 ' }, TZ)).toEqual({
      ok: true,
      value: EFFECTIVE,
    });
  });

  it('accepts a backdated cancellation from the first day of the first term', () => {
    expect(checkCancellationForm(policy, { effectiveDate: '2026-01-01' }, TZ).ok).toBe(true);
  });

  it('refuses an empty or malformed date, naming the field', () => {
    expect(checkCancellationForm(policy, { effectiveDate: '' }, TZ)).toEqual({
      ok: false,
      errors: { effectiveDate: 'Enter the date the cancellation takes effect.' },
    });
    expect(checkCancellationForm(policy, { effectiveDate: '2026-02-30' }, TZ)).toEqual({
      ok: false,
      errors: { effectiveDate: 'Enter the effective date as YYYY-MM-DD, e.g. 2027-01-01.' },
    });
  });

  it('refuses a date before the first term starts', () => {
    expect(checkCancellationForm(policy, { effectiveDate: '2025-12-31' }, TZ)).toEqual({
      ok: false,
      errors: {
        effectiveDate:
          'The cancellation cannot take effect before the first term starts (2026-01-01).',
      },
    });
  });

  it('refuses a date on or after the end of the latest term', () => {
    const result = checkCancellationForm(policy, { effectiveDate: '2027-01-01' }, TZ);
    expect(result).toEqual({
      ok: false,
      errors: {
        effectiveDate:
          'The latest term ends 2027-01-01; a cancellation must take effect before then. To stop a renewal instead, mark the policy Do not renew.',
      },
    });
  });
});

describe('planCancellation', () => {
  it('cancels the policy, resets the accepted managed renewal to draft and invalidates the auto-renewal', () => {
    const { autoRenewal, managed, unmanaged } = managedSetUp('accepted');
    const plan = planCancellation(
      policy,
      {
        transactions: [managed, unmanaged],
        autoRenewals: [autoRenewal],
        queueRenewal: null,
        timeZone: TZ,
      },
      EFFECTIVE,
      NOW,
    );
    expect(plan.policy).toMatchObject({
      state: 'cancelled',
      cancellation: { ...EFFECTIVE, recordedAt: NOW },
      updatedAt: NOW,
    });
    expect(plan.transactionUpdates.map((t) => [t.id, t.state])).toEqual([
      ['tx:ar:pol1:T1:auto', 'draft'],
    ]);
    expect(plan.transactionUpdates[0]?.history.at(-1)).toEqual({
      from: 'accepted',
      to: 'draft',
      at: NOW,
      manual: false,
      reason: 'Policy P-1 was cancelled effective 2026-12-01.',
    });
    expect(plan.autoRenewalUpdates[0]).toMatchObject({
      state: 'active',
      invalidatedAt: NOW,
      nextTriggerAt: '9999-12-31T00:00:00.000Z',
    });
    expect(plan.event).toMatchObject({
      id: `evt:pol1:cancelled:${NOW}`,
      type: 'POLICY_CANCELLED',
      title: 'Policy P-1 cancelled effective 2026-12-01',
      occurredOn: '2026-11-20',
    });
  });

  it('leaves a managed draft as it is, and an issued renewal issued', () => {
    for (const state of ['draft', 'issued', 'rejected'] as const) {
      const { autoRenewal, managed } = managedSetUp(state);
      const plan = planCancellation(
        policy,
        { transactions: [managed], autoRenewals: [autoRenewal], queueRenewal: null, timeZone: TZ },
        EFFECTIVE,
        NOW,
      );
      expect(plan.transactionUpdates).toEqual([]);
    }
  });

  it('closes the open queue renewal as CANCELLED with a timeline event on it', () => {
    const renewal = queueRenewal();
    const plan = planCancellation(
      policy,
      { transactions: [], autoRenewals: [], queueRenewal: renewal, timeZone: TZ },
      EFFECTIVE,
      NOW,
    );
    expect(plan.queue?.renewal).toMatchObject({
      id: 'ren:policy:pol1@2027-01-01',
      status: 'CANCELLED',
      nextStageOn: '9999-12-31',
      stage: 'T60',
    });
    expect(plan.queue?.event).toMatchObject({
      id: `evt:ren:policy:pol1@2027-01-01:cancelled:${NOW}`,
      type: 'RENEWAL_CANCELLED',
      subjectId: 'ren:policy:pol1@2027-01-01',
      title: 'Renewal of policy P-1 due 2027-01-01 cancelled',
    });
    expect(plan.event.detail).toBe(
      '0 managed renewal(s) back to draft; 0 auto-renewal(s) invalidated until reactivated; queue renewal due 2027-01-01 cancelled.',
    );
  });

  it('leaves a queue renewal someone already completed alone', () => {
    const plan = planCancellation(
      policy,
      {
        transactions: [],
        autoRenewals: [],
        queueRenewal: queueRenewal({ status: 'COMPLETED' }),
        timeZone: TZ,
      },
      EFFECTIVE,
      NOW,
    );
    expect(plan.queue).toBeUndefined();
  });

  it('names the queue renewal of the latest term by its end date in the office', () => {
    expect(queueRenewalId(policy, TZ)).toBe('ren:policy:pol1@2027-01-01');
  });
});

describe('a cancelled policy', () => {
  const cancelled = planCancellation(
    policy,
    { transactions: [], autoRenewals: [], queueRenewal: null, timeZone: TZ },
    EFFECTIVE,
    NOW,
  ).policy;

  it('cannot be cancelled twice', () => {
    expect(canCancel(policy, TZ)).toBeNull();
    expect(canCancel(cancelled, TZ)).toBe(
      'Policy P-1 is already cancelled (effective 2026-12-01); reinstate it first to record another cancellation.',
    );
  });

  it('refuses to issue any renewal, saying why', () => {
    const tx = acceptTransaction(
      planManualRenewal(cancelled, { type: 'renewal', termDurationMonths: 12 }, NOW),
      NOW,
    );
    expect(issueBlocker(tx, { policy, autoRenewals: [] })).toBeNull();
    expect(issueBlocker(tx, { policy: cancelled, autoRenewals: [] })).toBe(
      'Policy P-1 is cancelled (effective 2026-12-01); a cancelled policy cannot be renewed. Reinstate it first.',
    );
  });

  it('can be reinstated only before its latest term ends', () => {
    expect(canReinstate(policy, NOW, TZ)).toBe(
      'Policy P-1 is not cancelled; there is nothing to reinstate.',
    );
    expect(canReinstate(cancelled, '2026-12-31T20:59:59.000Z', TZ)).toBeNull();
    expect(canReinstate(cancelled, '2026-12-31T21:00:00.000Z', TZ)).toBe(
      'The latest term of policy P-1 ended 2027-01-01; a policy can be reinstated only before its latest term ends. Add a new policy instead.',
    );
  });
});

describe('planReinstatement', () => {
  const cancelled = planCancellation(
    policy,
    { transactions: [], autoRenewals: [], queueRenewal: null, timeZone: TZ },
    EFFECTIVE,
    NOW,
  ).policy;
  const LATER = '2026-12-20T09:00:00.000Z';

  function task(id: string, status: 'OPEN' | 'DONE', updatedAt: string): Task {
    return {
      id,
      renewalId: 'ren:policy:pol1@2027-01-01',
      customerId: 'cus1',
      assigneeId: 'agent1',
      priority: 'HIGH',
      status,
      title: 'Renew',
      dueDate: '2027-01-01',
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt,
    };
  }

  it('makes the policy active again without the cancellation', () => {
    const plan = planReinstatement(
      cancelled,
      { queueRenewal: null, tasks: [], timeZone: TZ },
      LATER,
    );
    expect(plan.policy.state).toBe('active');
    expect(plan.policy.cancellation).toBeUndefined();
    expect(plan.event).toMatchObject({
      id: `evt:pol1:reinstated:${LATER}`,
      type: 'POLICY_REINSTATED',
      detail: 'The cancellation effective 2026-12-01 is undone.',
    });
  });

  it('reopens the queue renewal the cancellation closed, staged to today, with the tasks it closed', () => {
    const closed = queueRenewal({ status: 'CANCELLED', nextStageOn: '9999-12-31', stage: 'T60' });
    const tasks = [
      task('t-closed', 'DONE', NOW),
      task('t-done-by-hand', 'DONE', '2026-11-15T10:00:00.000Z'),
    ];
    const plan = planReinstatement(cancelled, { queueRenewal: closed, tasks, timeZone: TZ }, LATER);
    expect(plan.queue.kind).toBe('reopened');
    // 12 days before the due date: the T14 stage fired while it was cancelled fires now.
    expect(plan.queue.renewal).toMatchObject({
      id: 'ren:policy:pol1@2027-01-01',
      status: 'ACTIVE',
      stage: 'T14',
      nextStageOn: '2026-12-25',
    });
    expect(plan.stageEvents.map((e) => e.id)).toEqual([
      'evt:ren:policy:pol1@2027-01-01:T14:2027-01-01',
    ]);
    expect(plan.stageTasks.map((t) => t.priority)).toEqual(['HIGH']);
    expect(plan.reopenTasks.map((t) => t.id)).toEqual(['t-closed']);
    expect(plan.queueEvent).toMatchObject({ type: 'RENEWAL_REOPENED' });
    expect(describeQueueOutcome(plan.queue)).toBe(
      'Its queue renewal due 2027-01-01 was reopened: the cancellation had closed it; reopening keeps its alerts and history on one record.',
    );
  });

  it('creates the queue renewal when there is none, and says why', () => {
    const plan = planReinstatement(
      cancelled,
      { queueRenewal: null, tasks: [], timeZone: TZ },
      LATER,
    );
    expect(plan.queue).toMatchObject({
      kind: 'created',
      renewal: { id: 'ren:policy:pol1@2027-01-01', status: 'ACTIVE', dueDate: '2027-01-01' },
    });
    expect(describeQueueOutcome(plan.queue)).toBe(
      'Its queue renewal due 2027-01-01 was created: there was no queue renewal for the latest term (removed, or older than the queue).',
    );
  });

  it('keeps a queue renewal someone completed', () => {
    const plan = planReinstatement(
      cancelled,
      { queueRenewal: queueRenewal({ status: 'COMPLETED' }), tasks: [], timeZone: TZ },
      LATER,
    );
    expect(plan.queue.kind).toBe('kept');
    expect(describeQueueOutcome(plan.queue)).toBe(
      'Its queue renewal due 2027-01-01 was left as it is: someone marked it completed, which a reinstatement does not undo.',
    );
  });
});
