import { describe, expect, it } from 'vitest';
import { aRenewal } from './fixtures.js';
import {
  checkReassignment,
  planRenewalReassignment,
  planTaskReassignment,
  sortTasks,
} from './tasks.js';
import type { Task } from './types.js';

const staff = [
  { id: 'ayse', name: 'Ayşe' },
  { id: 'mehmet', name: 'Mehmet' },
];
const AT = '2026-03-08T10:00:00.000Z';

function aTask(overrides: Partial<Task> & { id: string }): Task {
  return {
    renewalId: 'ren_1',
    customerId: 'cus_1',
    assigneeId: 'ayse',
    priority: 'HIGH',
    status: 'OPEN',
    title: 'Start renewing',
    dueDate: '2026-03-15',
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

describe('tasks', () => {
  it('sort by priority, then due date', () => {
    const sorted = sortTasks([
      aTask({ id: 'high-late', priority: 'HIGH', dueDate: '2026-04-01' }),
      aTask({ id: 'urgent-late', priority: 'URGENT', dueDate: '2026-04-02' }),
      aTask({ id: 'high-soon', priority: 'HIGH', dueDate: '2026-03-20' }),
      aTask({ id: 'urgent-soon', priority: 'URGENT', dueDate: '2026-03-10' }),
    ]);
    expect(sorted.map((t) => t.id)).toEqual([
      'urgent-soon',
      'urgent-late',
      'high-soon',
      'high-late',
    ]);
  });

  it('go only to another staff member of the office, with a note of sane size', () => {
    expect(checkReassignment('ayse', { assigneeId: 'ayse', note: '' }, staff)).toEqual({
      ok: false,
      errors: { assigneeId: 'Choose someone else: it is already theirs.' },
    });
    expect(
      checkReassignment('ayse', { assigneeId: 'ghost', note: 'x'.repeat(501) }, staff),
    ).toEqual({
      ok: false,
      errors: {
        assigneeId: 'Choose a staff member of this office.',
        note: 'Shorten the note to 500 characters or fewer.',
      },
    });
    expect(checkReassignment('ayse', { assigneeId: 'mehmet', note: ' On leave ' }, staff)).toEqual({
      ok: true,
      value: { assigneeId: 'mehmet', note: 'On leave' },
    });
  });

  it('leave the note and both names on the timeline when reassigned', () => {
    const { task, event } = planTaskReassignment(
      aTask({ id: 'task_1' }),
      { assigneeId: 'mehmet', note: 'On leave' },
      { staff, today: '2026-03-08', at: AT },
    );
    expect(task).toMatchObject({ assigneeId: 'mehmet', updatedAt: AT });
    expect(event).toMatchObject({
      id: `evt:task_1:reassigned:${AT}`,
      type: 'TASK_REASSIGNED',
      customerId: 'cus_1',
      title: 'Start renewing: now with Mehmet (was Ayşe)',
      detail: 'On leave',
    });
  });
});

describe('a renewal reassigned', () => {
  it('changes hands with an event that says from whom to whom', () => {
    const { renewal, event } = planRenewalReassignment(
      aRenewal({ dueDate: '2026-03-15', assigneeId: 'ayse' }),
      { assigneeId: 'mehmet', note: '' },
      { staff, today: '2026-03-08', at: AT },
    );
    expect(renewal.assigneeId).toBe('mehmet');
    expect(event).toMatchObject({
      type: 'RENEWAL_REASSIGNED',
      title: 'Renewal due 2026-03-15: now with Mehmet (was Ayşe)',
    });
    expect(event.detail).toBeUndefined();
  });
});
