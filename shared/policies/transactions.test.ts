import { describe, expect, it } from 'vitest';
import { aPolicy, aYearlyPlan } from './fixtures.js';
import { createAutoRenewal } from './auto-renewal-record.js';
import { markDoNotRenew, reactivate } from './auto-renewal.js';
import type { AutoRenewalPlan, Policy } from './model.js';
import {
  acceptTransaction,
  discardTransaction,
  invalidateTransaction,
  issueBlocker,
  issueTransaction,
  planManualRenewal,
  refuseTransaction,
  rejectTransaction,
} from './transactions.js';

const NOW = '2026-11-10T09:00:00.000Z';
const policy: Policy = aPolicy;
const plan: AutoRenewalPlan = aYearlyPlan;
const context = { policy, autoRenewals: [], plan: null, timeZone: 'Europe/Istanbul' };

describe('planManualRenewal', () => {
  it('drafts a renewal that takes effect at the current end by default', () => {
    const tx = planManualRenewal(
      policy,
      { type: 'renewal', endTime: '2028-01-01T00:00:00.000Z' },
      NOW,
    );
    expect(tx).toMatchObject({
      id: 'tx:pol1:T1:2026-11-10T09:00:00.000Z',
      termNumber: 1,
      state: 'draft',
      createdBy: 'manual',
      effectiveTime: '2027-01-01T00:00:00.000Z',
      endTime: '2028-01-01T00:00:00.000Z',
    });
    expect(tx.history).toEqual([{ from: null, to: 'draft', at: NOW, manual: true }]);
  });

  it('rejects a new end that is not after the current end', () => {
    expect(() =>
      planManualRenewal(policy, { type: 'renewal', endTime: '2027-01-01T00:00:00.000Z' }, NOW),
    ).toThrow(
      'The new end 2027-01-01T00:00:00.000Z must be after the current end 2027-01-01T00:00:00.000Z of policy P-1.',
    );
    expect(() =>
      planManualRenewal(policy, { type: 'renewal', endTime: '2026-06-01T00:00:00.000Z' }, NOW),
    ).toThrow(/must be after the current end/);
  });

  it('computes the end from a term duration, clamping to the month end', () => {
    const p: Policy = {
      ...policy,
      terms: [
        {
          termNumber: 1,
          startTime: '2025-08-31T10:00:00.000Z',
          endTime: '2026-08-31T10:00:00.000Z',
        },
      ],
    };
    const tx = planManualRenewal(p, { type: 'renewal', termDurationMonths: 6 }, NOW);
    expect(tx.endTime).toBe('2027-02-28T10:00:00.000Z');
  });

  it('asks for either an end or a duration, not both and not neither', () => {
    expect(() => planManualRenewal(policy, { type: 'renewal' }, NOW)).toThrow(
      'Give the new end of the policy or a term duration in months.',
    );
    expect(() =>
      planManualRenewal(
        policy,
        { type: 'renewal', endTime: '2028-01-01T00:00:00.000Z', termDurationMonths: 12 },
        NOW,
      ),
    ).toThrow('not both');
  });

  it('refuses an effective time before the current end', () => {
    expect(() =>
      planManualRenewal(
        policy,
        {
          type: 'renewal',
          effectiveTime: '2026-12-01T00:00:00.000Z',
          endTime: '2028-01-01T00:00:00.000Z',
        },
        NOW,
      ),
    ).toThrow(/before the current end/);
  });

  it('refuses times that are not ISO date-times', () => {
    expect(() => planManualRenewal(policy, { type: 'renewal', endTime: 'next year' }, NOW)).toThrow(
      /not a date-time/,
    );
  });
});

describe('renewal with a gap', () => {
  it('starts the new term at the effective time and leaves the gap uncovered', () => {
    const draft = planManualRenewal(
      policy,
      { type: 'renewal', effectiveTime: '2027-02-01T00:00:00.000Z', termDurationMonths: 12 },
      NOW,
    );
    expect(draft.endTime).toBe('2028-02-01T00:00:00.000Z');
    const issued = issueTransaction(acceptTransaction(draft, NOW), context, NOW);
    expect(issued.policy.terms).toEqual([
      policy.terms[0],
      { termNumber: 2, startTime: '2027-02-01T00:00:00.000Z', endTime: '2028-02-01T00:00:00.000Z' },
    ]);
    expect(issued.event.detail).toContain('gap');
  });
});

describe('transaction transitions', () => {
  const draft = planManualRenewal(
    policy,
    { type: 'renewal', endTime: '2028-01-01T00:00:00.000Z' },
    NOW,
  );
  const accepted = acceptTransaction(draft, NOW);

  it('accepts a draft and records a manual history entry', () => {
    expect(accepted.state).toBe('accepted');
    expect(accepted.history.at(-1)).toEqual({
      from: 'draft',
      to: 'accepted',
      at: NOW,
      manual: true,
    });
  });

  it('explains which states each action needs', () => {
    expect(() => acceptTransaction(accepted, NOW)).toThrow(
      'Only a draft can be accepted; this renewal is accepted.',
    );
    expect(() => issueTransaction(draft, context, NOW)).toThrow(
      'Only an accepted renewal can be issued; accept it first',
    );
    expect(() => refuseTransaction(draft, NOW)).toThrow('Only an accepted renewal can be refused');
    expect(() => discardTransaction(accepted, NOW)).toThrow('Only a draft can be discarded');
    const rejected = rejectTransaction(accepted, NOW);
    expect(rejected.state).toBe('rejected');
    expect(() => invalidateTransaction(rejected, NOW)).toThrow(
      'Only a draft or accepted renewal can be invalidated',
    );
  });

  it('issues an accepted renewal with the new term, the next Renewal record and the next auto-renewal', () => {
    const autoRenewal = createAutoRenewal(policy, plan, '2026-06-01T00:00:00.000Z');
    const result = issueTransaction(
      accepted,
      { ...context, autoRenewals: [autoRenewal], plan },
      NOW,
    );
    expect(result.transaction.state).toBe('issued');
    expect(result.policy.terms.at(-1)).toEqual({
      termNumber: 2,
      startTime: '2027-01-01T00:00:00.000Z',
      endTime: '2028-01-01T00:00:00.000Z',
    });
    expect(result.autoRenewalUpdates).toEqual([
      expect.objectContaining({ id: 'ar:pol1:T1', state: 'issued' }),
    ]);
    expect(result.renewalDue).toEqual({
      id: 'ren:policy:pol1@2028-01-01',
      serviceType: 'INSURANCE_POLICY',
      customerId: 'cus1',
      policyId: 'pol1',
      dueDate: '2028-01-01',
      assigneeId: 'agent1',
    });
    expect(result.nextAutoRenewal).toMatchObject({
      id: 'ar:pol1:T2',
      termNumber: 2,
      state: 'active',
      createTime: '2027-11-02T00:00:00.000Z',
      nextTriggerAt: '2027-11-02T00:00:00.000Z',
    });
  });

  it('dates the next Renewal record in the office time zone', () => {
    const late = planManualRenewal(
      policy,
      { type: 'renewal', endTime: '2027-12-31T22:30:00.000Z' },
      NOW,
    );
    const result = issueTransaction(acceptTransaction(late, NOW), context, NOW);
    expect(result.renewalDue.dueDate).toBe('2028-01-01');
  });

  it('adds no auto-renewal when the plan does not generate them', () => {
    const result = issueTransaction(
      accepted,
      { ...context, plan: { ...plan, generateAutoRenewals: false } },
      NOW,
    );
    expect(result.nextAutoRenewal).toBeUndefined();
  });

  it('invalidates the other pending renewals of the renewed term', () => {
    const other = planManualRenewal(
      policy,
      { type: 'renewal', endTime: '2027-07-01T00:00:00.000Z', id: 'tx-other' },
      NOW,
    );
    const result = issueTransaction(accepted, { ...context, transactions: [accepted, other] }, NOW);
    expect(result.invalidatedTransactions).toEqual([
      expect.objectContaining({ id: 'tx-other', state: 'invalidated' }),
    ]);
  });

  it('refuses to issue a second renewal of a term that was already renewed', () => {
    const result = issueTransaction(accepted, context, NOW);
    const second = acceptTransaction(
      planManualRenewal(
        policy,
        { type: 'renewal', endTime: '2029-01-01T00:00:00.000Z', id: 'tx2' },
        NOW,
      ),
      NOW,
    );
    expect(issueBlocker(second, { policy: result.policy, autoRenewals: [] })).toMatch(
      /Term 1 of policy P-1 was already renewed/,
    );
  });
});

describe('do not renew', () => {
  it('blocks a manual issue with a message saying how to lift it, until reactivated', () => {
    const autoRenewal = markDoNotRenew(createAutoRenewal(policy, plan, NOW), NOW);
    const tx = acceptTransaction(
      planManualRenewal(policy, { type: 'renewal', endTime: '2028-01-01T00:00:00.000Z' }, NOW),
      NOW,
    );
    expect(() => issueTransaction(tx, { ...context, autoRenewals: [autoRenewal] }, NOW)).toThrow(
      'Policy P-1 is marked Do not renew; reactivate its auto-renewal to issue.',
    );
    const lifted = reactivate(autoRenewal, NOW);
    expect(
      issueTransaction(tx, { ...context, autoRenewals: [lifted] }, NOW).transaction.state,
    ).toBe('issued');
  });
});
