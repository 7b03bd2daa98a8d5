import { describe, expect, it } from 'vitest';
import { escalationDue, isEscalationTask, planEscalation } from './escalation.js';
import { aRenewal } from './fixtures.js';
import type { Task } from './types.js';

const staff = [
  { id: 'ayse', name: 'Ayşe' },
  { id: 'selin', name: 'Selin', supervisor: true },
  { id: 'omer', name: 'Ömer', supervisor: true },
];
const supervisors = staff.filter((s) => s.supervisor);

/** Due 2026-03-15 and overdue since 2026-03-16, as the refresh leaves it. */
const overdue = () =>
  aRenewal({
    dueDate: '2026-03-15',
    stage: 'OVERDUE',
    status: 'OVERDUE',
    complianceFlag: true,
    nextStageOn: '9999-12-31',
    assigneeId: 'ayse',
  });

/** Due 2026-03-15, at T7 since 2026-03-08 with its URGENT task. */
const atT7 = () =>
  aRenewal({ dueDate: '2026-03-15', stage: 'T7', nextStageOn: '2026-03-16', assigneeId: 'ayse' });

const urgentTask = (overrides: Partial<Task> = {}): Task => ({
  id: 'task:ren_1:URGENT:2026-03-15',
  renewalId: 'ren_1',
  customerId: 'cus_1',
  assigneeId: 'ayse',
  priority: 'URGENT',
  status: 'OPEN',
  title: 'Renew residence permit now: due 2026-03-15',
  dueDate: '2026-03-15',
  createdAt: '2026-03-08T07:00:00.000Z',
  updatedAt: '2026-03-08T07:00:00.000Z',
  ...overrides,
});

describe('escalating an OVERDUE renewal', () => {
  const candidate = (renewal = overdue(), overdueOn: string | null = '2026-03-16') => ({
    kind: 'overdue' as const,
    renewal,
    overdueOn,
  });

  it('waits the office’s number of days after the due date', () => {
    expect(escalationDue(candidate(), '2026-03-16', 2)).toBeNull();
    expect(escalationDue(candidate(), '2026-03-17', 2)).toMatchObject({
      key: 'ren_1:OVERDUE:2026-03-15',
      stage: 'OVERDUE',
      since: '2026-03-15',
    });
    expect(escalationDue(candidate(), '2026-03-19', 5)).toBeNull();
    expect(escalationDue(candidate(), '2026-03-20', 5)).not.toBeNull();
  });

  it('counts from the day NoLapse learned of it when it arrived already overdue', () => {
    // Entered on 2026-04-01, two weeks past due: its agent gets the same two days.
    expect(escalationDue(candidate(overdue(), '2026-04-01'), '2026-04-01', 2)).toBeNull();
    expect(escalationDue(candidate(overdue(), '2026-04-01'), '2026-04-02', 2)).toMatchObject({
      since: '2026-03-31',
    });
  });

  it('does not escalate while in progress or snoozed, and does once the snooze has ended', () => {
    const inProgress = {
      ...overdue(),
      inProgressNote: 'Application filed',
      inProgressSince: '2026-03-16T10:00:00.000Z',
      inProgressBy: 'ayse',
    };
    expect(escalationDue(candidate(inProgress), '2026-03-30', 2)).toBeNull();
    const snoozed = { ...overdue(), snoozedUntil: '2026-03-25' };
    expect(escalationDue(candidate(snoozed), '2026-03-24', 2)).toBeNull();
    expect(escalationDue(candidate(snoozed), '2026-03-25', 2)).not.toBeNull();
    expect(
      escalationDue(candidate({ ...overdue(), status: 'COMPLETED' }), '2026-03-30', 2),
    ).toBeNull();
  });
});

describe('escalating an URGENT task', () => {
  const candidate = (task = urgentTask(), renewal = atT7()) => ({
    kind: 'task' as const,
    task,
    renewal,
    openedOn: '2026-03-08',
  });

  it('waits the office’s number of days after the task opened', () => {
    expect(escalationDue(candidate(), '2026-03-09', 2)).toBeNull();
    expect(escalationDue(candidate(), '2026-03-10', 2)).toMatchObject({
      key: 'task:ren_1:URGENT:2026-03-15',
      stage: 'T7',
      since: '2026-03-08',
    });
  });

  it('leaves tasks that are done, not urgent, escalations themselves, or of paused renewals', () => {
    expect(escalationDue(candidate(urgentTask({ status: 'DONE' })), '2026-03-12', 2)).toBeNull();
    expect(escalationDue(candidate(urgentTask({ priority: 'HIGH' })), '2026-03-12', 2)).toBeNull();
    const escalation = urgentTask({ id: 'task:esc:ren_1:OVERDUE:2026-03-15' });
    expect(isEscalationTask(escalation)).toBe(true);
    expect(escalationDue(candidate(escalation), '2026-03-12', 2)).toBeNull();
    const snoozed = { ...atT7(), snoozedUntil: '2026-03-13' };
    expect(escalationDue(candidate(urgentTask(), snoozed), '2026-03-12', 2)).toBeNull();
    expect(escalationDue({ ...candidate(), renewal: null }, '2026-03-12', 2)).toBeNull();
  });

  it('gives way to the renewal’s own escalation once the renewal is overdue', () => {
    expect(escalationDue(candidate(urgentTask(), overdue()), '2026-03-16', 2)).toBeNull();
  });
});

describe('an escalation’s records', () => {
  it('are an event for the supervisors and one task for the first of them, with stable ids', () => {
    const escalation = escalationDue(
      { kind: 'overdue', renewal: overdue(), overdueOn: '2026-03-16' },
      '2026-03-17',
      2,
    )!;
    const at = '2026-03-17T07:00:00.000Z';
    const { event, task } = planEscalation(escalation, {
      today: '2026-03-17',
      at,
      supervisors,
      staff,
    });
    expect(event).toEqual({
      id: 'evt:esc:ren_1:OVERDUE:2026-03-15',
      type: 'RENEWAL_ESCALATED',
      customerId: 'cus_1',
      subjectId: 'ren_1',
      stage: 'OVERDUE',
      serviceType: 'RESIDENCE_PERMIT',
      title: 'Residence permit overdue since 2026-03-15: escalated to the supervisors',
      detail:
        'Ayşe has not marked it in progress, snoozed or completed it in the 2 days since it fell due. Selin has a task to follow it up.',
      occurredOn: '2026-03-17',
      at,
      updatedAt: at,
    });
    expect(task).toMatchObject({
      id: 'task:esc:ren_1:OVERDUE:2026-03-15',
      renewalId: 'ren_1',
      assigneeId: 'selin',
      priority: 'URGENT',
      status: 'OPEN',
      title: 'Follow up: residence permit overdue since 2026-03-15, with Ayşe',
      dueDate: '2026-03-17',
    });
    expect(isEscalationTask(task)).toBe(true);
  });

  it('name the URGENT task’s wait for the T7 stage', () => {
    const escalation = escalationDue(
      { kind: 'task', task: urgentTask(), renewal: atT7(), openedOn: '2026-03-08' },
      '2026-03-11',
      3,
    )!;
    const { event, task } = planEscalation(escalation, {
      today: '2026-03-11',
      at: '2026-03-11T07:00:00.000Z',
      supervisors,
      staff,
    });
    expect(event.id).toBe('evt:esc:task:ren_1:URGENT:2026-03-15');
    expect(event.title).toBe(
      'Residence permit due 2026-03-15: urgent task open 3 days, escalated to the supervisors',
    );
    expect(task.id).toBe('task:esc:task:ren_1:URGENT:2026-03-15');
  });
});
