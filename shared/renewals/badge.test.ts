import { describe, expect, it } from 'vitest';
import { matchesSelector } from '../jobs/store.js';
import { badgeCounts, badgeSelectors, isMine, isOverdueOrUrgent } from './badge.js';
import { aRenewal } from './fixtures.js';
import type { Renewal } from './types.js';

const today = '2026-11-23';

describe('what the tray badge counts', () => {
  it('counts an OVERDUE renewal whatever its due date says', () => {
    expect(isOverdueOrUrgent(aRenewal({ dueDate: '2026-11-01', status: 'OVERDUE' }), today)).toBe(
      true,
    );
  });

  it('counts an open renewal due in 7 days or fewer, and not one due in 8', () => {
    expect(isOverdueOrUrgent(aRenewal({ dueDate: '2026-11-30' }), today)).toBe(true);
    expect(isOverdueOrUrgent(aRenewal({ dueDate: '2026-11-23' }), today)).toBe(true);
    expect(isOverdueOrUrgent(aRenewal({ dueDate: '2026-12-01' }), today)).toBe(false);
  });

  it('counts an open renewal already past due that the refresh has not marked yet', () => {
    expect(isOverdueOrUrgent(aRenewal({ dueDate: '2026-11-22', status: 'ACTIVE' }), today)).toBe(
      true,
    );
  });

  it('never counts a completed or cancelled renewal', () => {
    expect(isOverdueOrUrgent(aRenewal({ dueDate: '2026-11-20', status: 'COMPLETED' }), today)).toBe(
      false,
    );
    expect(isOverdueOrUrgent(aRenewal({ dueDate: '2026-11-20', status: 'CANCELLED' }), today)).toBe(
      false,
    );
  });

  it('moves at midnight: due in 8 days today, urgent tomorrow', () => {
    const renewal = aRenewal({ dueDate: '2026-12-01' });
    expect(isOverdueOrUrgent(renewal, '2026-11-23')).toBe(false);
    expect(isOverdueOrUrgent(renewal, '2026-11-24')).toBe(true);
  });

  it("takes a person's own renewals, or everyone's on a shared device", () => {
    const renewal = aRenewal({ dueDate: today, assigneeId: 'ayse' });
    expect(isMine(renewal, 'ayse')).toBe(true);
    expect(isMine(renewal, 'mehmet')).toBe(false);
    expect(isMine(renewal, null)).toBe(true);
  });
});

const office: Renewal[] = [
  aRenewal({ id: 'r1', dueDate: '2026-11-01', status: 'OVERDUE', assigneeId: 'ayse' }),
  aRenewal({ id: 'r2', dueDate: '2026-11-25', assigneeId: 'ayse' }),
  aRenewal({ id: 'r3', dueDate: '2026-11-30', assigneeId: 'mehmet' }),
  aRenewal({ id: 'r4', dueDate: '2026-10-15', status: 'OVERDUE', assigneeId: 'mehmet' }),
  aRenewal({ id: 'r5', dueDate: '2026-12-01', assigneeId: 'ayse' }),
  aRenewal({ id: 'r6', dueDate: '2026-11-20', status: 'COMPLETED', assigneeId: 'ayse' }),
  aRenewal({ id: 'r7', dueDate: '2026-11-24', status: 'CANCELLED', assigneeId: 'mehmet' }),
  aRenewal({ id: 'r8', dueDate: '2027-03-01', assigneeId: 'mehmet' }),
];

describe('the badge counts', () => {
  it("count the person's overdue and urgent renewals, and the office's", () => {
    expect(badgeCounts(office, today, 'ayse')).toEqual({ mine: 2, office: 4 });
    expect(badgeCounts(office, today, 'mehmet')).toEqual({ mine: 2, office: 4 });
    expect(badgeCounts(office, today, 'deniz')).toEqual({ mine: 0, office: 4 });
  });

  it('count everything on a shared device', () => {
    expect(badgeCounts(office, today, null)).toEqual({ mine: 4, office: 4 });
  });

  it('as count queries give the same numbers as the rule', () => {
    const count = (selectors: ReturnType<typeof badgeSelectors>['office']) =>
      selectors
        .map((selector) => office.filter((r) => matchesSelector(r, selector)).length)
        .reduce((a, b) => a + b, 0);
    for (const me of ['ayse', 'mehmet', 'deniz', null]) {
      for (const day of ['2026-11-16', today, '2026-11-24', '2027-02-25']) {
        const selectors = badgeSelectors(day, me);
        const expected = badgeCounts(office, day, me);
        expect({
          mine: count(selectors.mine ?? selectors.office),
          office: count(selectors.office),
        }).toEqual(expected);
      }
    }
  });

  it("as count queries read ranges of status and due date, the person's keeping their assignee's", () => {
    expect(badgeSelectors(today, 'ayse')).toEqual({
      office: [{ status: 'OVERDUE' }, { status: 'ACTIVE', dueDate: { $lte: '2026-11-30' } }],
      mine: [
        { assigneeId: 'ayse', status: 'OVERDUE' },
        { assigneeId: 'ayse', status: 'ACTIVE', dueDate: { $lte: '2026-11-30' } },
      ],
    });
    expect(badgeSelectors(today, null).mine).toBeNull();
  });
});
