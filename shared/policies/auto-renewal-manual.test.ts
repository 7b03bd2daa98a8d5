import { describe, expect, it } from 'vitest';
import {
  canCreateAutoRenewal,
  canCreateDoNotRenew,
  createAutoRenewalByHand,
  createDoNotRenew,
} from './auto-renewal-record.js';
import {
  canReactivate,
  linkBlocker,
  linkCandidates,
  linkTransaction,
  planAutoRenewalStep,
  reactivate,
} from './auto-renewal.js';
import { aPolicy, aYearlyPlan } from './fixtures.js';
import type { Policy, RenewalTransaction } from './model.js';
import {
  acceptTransaction,
  discardTransaction,
  issueBlocker,
  planManualRenewal,
} from './transactions.js';
import { createAutoRenewal } from './auto-renewal-record.js';

const NOW = '2026-06-01T09:00:00.000Z';
const policy: Policy = aPolicy;
const byHand = {
  transactionType: 'renewal',
  newTermDurationMonths: 6,
  createTime: '2026-11-01T00:00:00.000Z',
  acceptTime: null,
  issueTime: '2027-01-01T00:00:00.000Z',
};

describe('an auto-renewal created by hand', () => {
  it('is active on the latest term with the times given and nothing fired', () => {
    expect(createAutoRenewalByHand(policy, byHand, NOW)).toMatchObject({
      id: 'ar:pol1:T1',
      termNumber: 1,
      state: 'active',
      newTermDurationMonths: 6,
      createTime: '2026-11-01T00:00:00.000Z',
      acceptTime: null,
      issueTime: '2027-01-01T00:00:00.000Z',
      done: {},
      nextTriggerAt: '2026-11-01T00:00:00.000Z',
    });
  });

  it('is refused on a term that has one, and on a cancelled policy', () => {
    const existing = createAutoRenewal(policy, aYearlyPlan, NOW);
    expect(() => createAutoRenewalByHand(policy, byHand, NOW, [existing])).toThrow(
      'Term 1 of policy P-1 already has an auto-renewal (active); edit that one instead.',
    );
    const cancelled: Policy = {
      ...policy,
      state: 'cancelled',
      cancellation: { effectiveDate: '2026-05-01', effectiveTime: NOW, recordedAt: NOW },
    };
    expect(canCreateAutoRenewal(cancelled, [])).toBe(
      'Policy P-1 is cancelled; reinstate it before giving it an auto-renewal.',
    );
  });
});

describe('Do not renew on a policy without an auto-renewal', () => {
  const dnr = createDoNotRenew(policy, 12, NOW);

  it('creates one in doNotRenew with no trigger times, which blocks every issue', () => {
    expect(dnr).toMatchObject({
      id: 'ar:pol1:T1',
      state: 'doNotRenew',
      createTime: null,
      acceptTime: null,
      issueTime: null,
      nextTriggerAt: '9999-12-31T00:00:00.000Z',
    });
    const tx = acceptTransaction(
      planManualRenewal(policy, { type: 'renewal', termDurationMonths: 12 }, NOW),
      NOW,
    );
    expect(issueBlocker(tx, { policy, autoRenewals: [dnr] })).toBe(
      'Policy P-1 is marked Do not renew; reactivate its auto-renewal to issue.',
    );
  });

  it('is lifted by reactivate: active with nothing scheduled until someone sets times', () => {
    expect(canReactivate(dnr)).toBeNull();
    const lifted = reactivate(dnr, NOW);
    expect(lifted).toMatchObject({ state: 'active', nextTriggerAt: '9999-12-31T00:00:00.000Z' });
    expect(
      planAutoRenewalStep(
        { policy, autoRenewal: lifted, transactions: [], plan: null },
        '2027-06-01T00:00:00.000Z',
      ).due,
    ).toEqual([]);
  });

  it('is not created where the latest term already has an auto-renewal', () => {
    expect(canCreateDoNotRenew(policy, [dnr])).toBe(
      'Term 1 of policy P-1 already has an auto-renewal (doNotRenew); edit that one instead.',
    );
  });
});

describe('linking an alternate renewal', () => {
  const autoRenewal = {
    ...createAutoRenewal(policy, aYearlyPlan, NOW),
    transactionId: 'tx:ar:pol1:T1:auto',
    done: { create: '2026-11-02T00:00:00.000Z' },
  };
  const draft = (id: string, at = NOW): RenewalTransaction =>
    planManualRenewal(policy, { type: 'renewal', termDurationMonths: 12, id }, at);

  it('offers the pending renewals of the same term that it does not manage yet', () => {
    const own = draft('tx:ar:pol1:T1:auto');
    const alternate = acceptTransaction(draft('tx-alt', '2026-11-05T00:00:00.000Z'), NOW);
    const discarded = discardTransaction(draft('tx-gone'), NOW);
    const otherTerm = { ...draft('tx-t2'), termNumber: 2 };
    const otherPolicy = { ...draft('tx-p2'), policyId: 'pol2' };
    expect(
      linkCandidates(autoRenewal, [own, alternate, discarded, otherTerm, otherPolicy]).map(
        (t) => t.id,
      ),
    ).toEqual(['tx-alt']);
    expect(linkBlocker(autoRenewal, own)).toBe('The auto-renewal already manages this renewal.');
    expect(linkBlocker(autoRenewal, discarded)).toBe(
      'Only a draft or accepted renewal can be linked; this one is discarded.',
    );
    expect(linkBlocker(autoRenewal, otherTerm)).toBe(
      'This renewal renews term 2; the auto-renewal manages term 1.',
    );
    expect(linkBlocker({ ...autoRenewal, state: 'issued' }, draft('tx-x'))).toBe(
      'This auto-renewal is issued; it can no longer manage a renewal.',
    );
  });

  it('manages the linked renewal at its next trigger', () => {
    const alternate = draft('tx-alt');
    const linked = linkTransaction(autoRenewal, alternate, NOW);
    expect(linked.transactionId).toBe('tx-alt');
    const step = planAutoRenewalStep(
      { policy, autoRenewal: linked, transactions: [alternate], plan: null },
      '2026-12-02T00:00:00.000Z',
    );
    expect(step.due.map((d) => [d.event, d.automaticAction])).toEqual([['accept', true]]);
  });
});

describe('an auto-renewal reactivated while its policy is cancelled', () => {
  it('drafts and accepts, but its issue is refused with the reason and it stops in error', async () => {
    const { runAutoRenewal } = await import('../jobs/run-auto-renewal.js');
    const cancelled: Policy = {
      ...policy,
      state: 'cancelled',
      cancellation: { effectiveDate: '2026-06-01', effectiveTime: NOW, recordedAt: NOW },
    };
    const autoRenewal = reactivate(
      { ...createAutoRenewal(policy, aYearlyPlan, NOW), invalidatedAt: NOW },
      NOW,
    );
    const run = await runAutoRenewal(
      { policy: cancelled, autoRenewal, transactions: [], plan: null },
      '2026-12-26T00:00:00.000Z',
      { timeZone: 'UTC', callWebhook: async () => ({ status: 204, body: '' }) },
    );
    expect(run.transactions.map((t) => t.state)).toEqual(['accepted']);
    expect(run.issued).toBeUndefined();
    expect(run.autoRenewal.done.issue).toBeUndefined();
    expect(run.autoRenewal).toMatchObject({
      state: 'error',
      errorReason:
        'Policy P-1 is cancelled (effective 2026-06-01); a cancelled policy cannot be renewed. Reinstate it first.',
    });
  });
});
