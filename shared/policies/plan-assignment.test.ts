import { describe, expect, it } from 'vitest';
import { createAutoRenewal } from './auto-renewal-record.js';
import { aPolicy, aYearlyPlan } from './fixtures.js';
import type { Policy } from './model.js';
import { planAssignment } from './plan-assignment.js';

const NOW = '2026-06-01T09:00:00.000Z';
const policy = (id: string, number: string, changes: Partial<Policy> = {}): Policy => ({
  ...aPolicy,
  id,
  number,
  ...changes,
});
const p1 = policy('pol1', 'P-1');
const p2 = policy('pol2', 'P-2');
const cancelled = policy('pol3', 'P-3', {
  state: 'cancelled',
  cancellation: {
    effectiveDate: '2026-05-01',
    effectiveTime: '2026-05-01T00:00:00.000Z',
    recordedAt: NOW,
  },
});
const lapsed = policy('pol4', 'P-4', {
  terms: [
    { termNumber: 1, startTime: '2025-01-01T00:00:00.000Z', endTime: '2026-01-01T00:00:00.000Z' },
  ],
});

describe('planAssignment', () => {
  it('adds an auto-renewal to each active policy without one and says how many', () => {
    const existing = createAutoRenewal(p2, { ...aYearlyPlan, renewalIssueLeadDays: 1 }, NOW);
    const result = planAssignment(
      'Acme Ltd',
      aYearlyPlan,
      [p1, p2, cancelled, lapsed],
      [existing],
      NOW,
      'UTC',
    );
    expect(result.created.map((ar) => [ar.id, ar.issueTime])).toEqual([
      ['ar:pol1:T1', '2026-12-25T00:00:00.000Z'],
    ]);
    expect(result.message).toBe(
      'Plan “Yearly” assigned to Acme Ltd: added 1 auto-renewal (P-1). P-2 already had one and keeps its own times. Skipped P-3: cancelled. Skipped P-4: its latest term ended 2026-01-01.',
    );
  });

  it('adds none for a plan that does not generate auto-renewals, and says so', () => {
    const result = planAssignment(
      'Acme Ltd',
      { ...aYearlyPlan, generateAutoRenewals: false },
      [p1],
      [],
      NOW,
      'UTC',
    );
    expect(result.created).toEqual([]);
    expect(result.message).toBe(
      'Plan “Yearly” assigned to Acme Ltd. It does not generate auto-renewals, so none were added; create them on each policy page.',
    );
  });

  it('leaves existing auto-renewals alone when the plan is removed, and says so', () => {
    const open = createAutoRenewal(p1, aYearlyPlan, NOW);
    const result = planAssignment('Acme Ltd', null, [p1, p2], [open], NOW, 'UTC');
    expect(result).toEqual({
      created: [],
      message:
        'Acme Ltd has no plan now. Existing auto-renewals are left alone (1 still open); discard one on its policy page to stop it.',
    });
    expect(planAssignment('Acme Ltd', null, [p1], [], NOW, 'UTC').message).toBe(
      'Acme Ltd has no plan now; none of their policies has an open auto-renewal.',
    );
  });

  it('says when nothing was added', () => {
    expect(planAssignment('Acme Ltd', aYearlyPlan, [], [], NOW, 'UTC').message).toBe(
      'Plan “Yearly” assigned to Acme Ltd; no auto-renewal was added.',
    );
  });
});
