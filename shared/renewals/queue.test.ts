import { describe, expect, it } from 'vitest';
import { aRenewal } from './fixtures.js';
import { buildQueue, DEFAULT_FILTERS, describeDaysUntilDue } from './queue.js';

const names: Record<string, string> = { cus_1: 'Ayşe Demir', cus_2: 'John Smith' };
const name = (id: string) => names[id] ?? id;

describe('the renewals queue', () => {
  const renewals = [
    aRenewal({ id: 'later', dueDate: '2026-06-01' }),
    aRenewal({
      id: 'soon',
      dueDate: '2026-01-20',
      customerId: 'cus_2',
      serviceType: 'WORK_PERMIT',
    }),
    aRenewal({ id: 'late', dueDate: '2026-01-02', status: 'OVERDUE' }),
    aRenewal({ id: 'done', dueDate: '2025-12-01', status: 'COMPLETED' }),
    aRenewal({ id: 'mid', dueDate: '2026-02-20', assigneeId: 'agent_mehmet' }),
  ];

  it('shows overdue first, then by days until due, within the window', () => {
    const view = buildQueue(renewals, DEFAULT_FILTERS, '2026-01-10', name);
    expect(view.rows.map((r) => r.id)).toEqual(['late', 'soon', 'mid']);
    expect(view.rows[0]).toMatchObject({ daysUntilDue: -8, urgency: 'overdue' });
    expect(view.counts).toMatchObject({
      overdue: 1,
      fortnight: 1,
      quarter: 1,
      later: 1,
      closed: 0,
    });
  });

  it('filters by window, service type, assignee, status and text', () => {
    const at = (f: Partial<typeof DEFAULT_FILTERS>) =>
      buildQueue(renewals, { ...DEFAULT_FILTERS, ...f }, '2026-01-10', name).rows.map((r) => r.id);
    expect(at({ window: 30 })).toEqual(['late', 'soon']);
    expect(at({ window: 'all' })).toEqual(['late', 'soon', 'mid', 'later']);
    expect(at({ serviceType: 'WORK_PERMIT' })).toEqual(['soon']);
    expect(at({ assigneeId: 'agent_mehmet' })).toEqual(['mid']);
    expect(at({ status: 'COMPLETED' })).toEqual(['done']);
    expect(at({ status: 'all', window: 'all' })).toEqual(['late', 'soon', 'mid', 'later', 'done']);
    expect(at({ search: 'smith' })).toEqual(['soon']);
  });

  it('reads days until due as words', () => {
    expect(describeDaysUntilDue(0)).toBe('Due today');
    expect(describeDaysUntilDue(1)).toBe('Due tomorrow');
    expect(describeDaysUntilDue(12)).toBe('In 12 days');
    expect(describeDaysUntilDue(-1)).toBe('1 day overdue');
    expect(describeDaysUntilDue(-9)).toBe('9 days overdue');
  });
});
