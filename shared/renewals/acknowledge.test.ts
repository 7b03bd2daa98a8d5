import { describe, expect, it } from 'vitest';
import {
  acknowledgementLabel,
  checkInProgress,
  checkSnooze,
  isInProgress,
  isSnoozed,
  planClearInProgress,
  planClearSnooze,
  planMarkInProgress,
  planSnooze,
  planSnoozeRefresh,
  remindersPaused,
  withSnoozeWake,
} from './acknowledge.js';
import { aRenewal } from './fixtures.js';
import { planRefresh } from './refresh.js';

const staff = [
  { id: 'ayse', name: 'Ayşe' },
  { id: 'mehmet', name: 'Mehmet' },
];
const AT = '2026-02-20T10:00:00.000Z';
const TODAY = '2026-02-20';

/** Due 2026-03-15, at T30 since 2026-02-13: its next stage (T14) comes on 2026-03-01. */
const atT30 = () =>
  aRenewal({ dueDate: '2026-03-15', stage: 'T30', nextStageOn: '2026-03-01', assigneeId: 'ayse' });

describe('a snoozed renewal', () => {
  it('is snoozed before its snoozedUntil day and resumes on it', () => {
    const renewal = { ...atT30(), snoozedUntil: '2026-02-27' };
    expect(isSnoozed(renewal, '2026-02-26')).toBe(true);
    expect(remindersPaused(renewal, '2026-02-26')).toBe(true);
    expect(isSnoozed(renewal, '2026-02-27')).toBe(false);
    expect(remindersPaused(renewal, '2026-02-27')).toBe(false);
    expect(acknowledgementLabel(renewal, '2026-02-26')).toBe('Snoozed until 2026-02-27');
    expect(acknowledgementLabel(renewal, '2026-02-27')).toBeNull();
  });

  it('is neither snoozed nor paused once completed', () => {
    const renewal = { ...atT30(), snoozedUntil: '2026-02-27', status: 'COMPLETED' as const };
    expect(isSnoozed(renewal, '2026-02-21')).toBe(false);
    expect(remindersPaused(renewal, '2026-02-21')).toBe(false);
  });

  it('needs a real day after today, at most a year ahead', () => {
    expect(checkSnooze(atT30(), { until: '2026-02-30' }, TODAY)).toEqual({
      ok: false,
      errors: { until: 'Enter the day reminders resume as YYYY-MM-DD, for example 2026-03-15.' },
    });
    expect(checkSnooze(atT30(), { until: '2026-02-20' }, TODAY)).toEqual({
      ok: false,
      errors: { until: 'Choose a day after today (2026-02-20): reminders resume on that day.' },
    });
    expect(checkSnooze(atT30(), { until: '2027-02-21' }, TODAY)).toEqual({
      ok: false,
      errors: {
        until:
          'Snooze for at most a year, until 2027-02-20; if the renewal is due later, change its due date instead.',
      },
    });
    expect(
      checkSnooze(atT30(), { until: ' 2027-02-20 ', note: ' Waiting for the client ' }, TODAY),
    ).toEqual({ ok: true, value: { until: '2027-02-20', note: 'Waiting for the client' } });
  });

  it('keeps its note short and refuses a renewal that is no longer open', () => {
    expect(checkSnooze(atT30(), { until: '2026-02-27', note: 'x'.repeat(501) }, TODAY).ok).toBe(
      false,
    );
    expect(
      checkSnooze({ ...atT30(), status: 'CANCELLED' }, { until: '2026-02-27' }, TODAY),
    ).toEqual({
      ok: false,
      errors: {
        form: 'This renewal is already cancelled: only open renewals can be snoozed or marked in progress.',
      },
    });
  });

  it('wakes the refresh on the day the snooze ends when that comes before the next stage', () => {
    const { renewal, event } = planSnooze(
      atT30(),
      { until: '2026-02-27', note: 'Client abroad' },
      { today: TODAY, at: AT },
    );
    expect(renewal).toMatchObject({
      snoozedUntil: '2026-02-27',
      snoozeNote: 'Client abroad',
      nextStageOn: '2026-02-27',
      updatedAt: AT,
    });
    expect(event).toMatchObject({
      id: `evt:ren_1:SNOOZED:${AT}`,
      type: 'RENEWAL_SNOOZED',
      subjectId: 'ren_1',
      title: 'Residence permit reminders snoozed until 2026-02-27',
      detail: 'Client abroad',
      occurredOn: TODAY,
    });
  });

  it('keeps the next stage as the wake-up day when the stage comes first', () => {
    const { renewal } = planSnooze(
      atT30(),
      { until: '2026-03-06', note: '' },
      { today: TODAY, at: AT },
    );
    expect(renewal.nextStageOn).toBe('2026-03-01');
    expect(renewal).not.toHaveProperty('snoozeNote');
    // An overdue renewal has no next stage: the snooze's end is its only wake-up.
    const overdue = aRenewal({
      dueDate: '2026-02-10',
      stage: 'OVERDUE',
      status: 'OVERDUE',
      nextStageOn: '9999-12-31',
    });
    expect(withSnoozeWake({ ...overdue, snoozedUntil: '2026-03-06' }, TODAY).nextStageOn).toBe(
      '2026-03-06',
    );
  });

  it('is cleared back to its stage-based next day, and only when snoozed', () => {
    const { renewal: snoozed } = planSnooze(
      atT30(),
      { until: '2026-02-27', note: 'Client abroad' },
      { today: TODAY, at: AT },
    );
    const cleared = planClearSnooze(snoozed, {
      today: '2026-02-22',
      at: '2026-02-22T08:00:00.000Z',
    });
    expect(cleared.ok && cleared.value.renewal).toEqual({
      ...atT30(),
      updatedAt: '2026-02-22T08:00:00.000Z',
    });
    expect(cleared.ok && cleared.value.event).toMatchObject({
      type: 'RENEWAL_SNOOZE_CLEARED',
      title: 'Snooze until 2026-02-27 cleared: reminders resumed',
    });
    expect(planClearSnooze(atT30(), { today: TODAY, at: AT })).toEqual({
      ok: false,
      errors: { form: 'This renewal is not snoozed: its reminders already reach people.' },
    });
  });
});

describe('the refresh of a snoozed renewal', () => {
  const snoozed = () =>
    planSnooze(atT30(), { until: '2026-02-27', note: '' }, { today: TODAY, at: AT }).renewal;

  it('writes the end of the snooze once, dated the day it ended, and moves on to the next stage', () => {
    const stored = snoozed();
    const plan = planSnoozeRefresh(
      stored,
      planRefresh([stored], '2026-02-28', '2026-02-28T07:00:00.000Z'),
      '2026-02-28',
      '2026-02-28T07:00:00.000Z',
    );
    expect(plan.events).toEqual([
      expect.objectContaining({
        id: 'evt:ren_1:SNOOZE_ENDED:2026-02-27',
        type: 'RENEWAL_SNOOZE_ENDED',
        occurredOn: '2026-02-27',
        title: 'Snooze until 2026-02-27 ended: reminders resumed',
      }),
    ]);
    expect(plan.updates).toEqual([
      { ...stored, nextStageOn: '2026-03-01', updatedAt: '2026-02-28T07:00:00.000Z' },
    ]);
  });

  it('keeps waking on the snooze day when a stage comes during the snooze', () => {
    const stored = {
      ...planSnooze(atT30(), { until: '2026-03-06', note: '' }, { today: TODAY, at: AT }).renewal,
    };
    const at = '2026-03-01T07:00:00.000Z';
    const plan = planSnoozeRefresh(
      stored,
      planRefresh([stored], '2026-03-01', at),
      '2026-03-01',
      at,
    );
    expect(plan.updates).toEqual([
      expect.objectContaining({ stage: 'T14', nextStageOn: '2026-03-06' }),
    ]);
    expect(plan.events.map((e) => e.stage)).toEqual(['T14']);
    expect(plan.tasks.map((t) => t.priority)).toEqual(['HIGH']);
  });

  it('leaves a renewal it did not change unwritten', () => {
    const stored = atT30();
    const at = '2026-02-21T07:00:00.000Z';
    expect(
      planSnoozeRefresh(stored, planRefresh([stored], '2026-02-21', at), '2026-02-21', at),
    ).toEqual({ updates: [], events: [], tasks: [] });
  });
});

describe('a renewal in progress', () => {
  it('needs a note saying what is under way, and a staff member of the office or nobody', () => {
    expect(checkInProgress(atT30(), { note: '   ' }, staff)).toEqual({
      ok: false,
      errors: {
        note: 'Say what is under way, for example “Application filed on 3 March”: the note shows in the queue.',
      },
    });
    expect(checkInProgress(atT30(), { note: 'Filed', by: 'ghost' }, staff)).toEqual({
      ok: false,
      errors: { by: 'Choose a staff member of this office, or nobody in particular.' },
    });
    expect(checkInProgress(atT30(), { note: 'x'.repeat(501) }, staff)).toEqual({
      ok: false,
      errors: { note: 'Shorten the note to 500 characters or fewer.' },
    });
    expect(checkInProgress(atT30(), { note: ' Application filed ', by: 'ayse' }, staff)).toEqual({
      ok: true,
      value: { note: 'Application filed', by: 'ayse' },
    });
  });

  it('pauses reminders with its own label, keeps its first instant and stays in the refresh', () => {
    const { renewal, event } = planMarkInProgress(
      atT30(),
      { note: 'Application filed', by: 'ayse' },
      { today: TODAY, at: AT, staff },
    );
    expect(renewal).toMatchObject({
      inProgressNote: 'Application filed',
      inProgressSince: AT,
      inProgressBy: 'ayse',
      nextStageOn: '2026-03-01',
    });
    expect(isInProgress(renewal)).toBe(true);
    expect(remindersPaused(renewal, '2027-01-01')).toBe(true);
    expect(acknowledgementLabel(renewal, TODAY)).toBe('In progress');
    expect(event).toMatchObject({
      type: 'RENEWAL_IN_PROGRESS',
      title: 'Residence permit marked in progress by Ayşe',
      detail: 'Application filed',
    });
    const later = '2026-02-25T09:00:00.000Z';
    const again = planMarkInProgress(
      renewal,
      { note: 'Biometrics booked', by: 'mehmet' },
      { today: '2026-02-25', at: later, staff },
    );
    expect(again.renewal).toMatchObject({
      inProgressNote: 'Biometrics booked',
      inProgressSince: AT,
    });

    // The refresh still moves it: T14 on 2026-03-01, OVERDUE after the due date.
    const overdue = planRefresh([renewal], '2026-03-16');
    expect(overdue.updates[0]).toMatchObject({
      status: 'OVERDUE',
      inProgressNote: 'Application filed',
    });
  });

  it('is cleared only when in progress, and the renewal is as before', () => {
    const { renewal } = planMarkInProgress(
      atT30(),
      { note: 'Application filed', by: '' },
      { today: TODAY, at: AT, staff },
    );
    const at = '2026-02-24T09:00:00.000Z';
    const cleared = planClearInProgress(renewal, { today: '2026-02-24', at });
    expect(cleared.ok && cleared.value.renewal).toEqual({ ...atT30(), updatedAt: at });
    expect(cleared.ok && cleared.value.event.title).toBe(
      'Residence permit no longer in progress: reminders resumed',
    );
    expect(planClearInProgress(atT30(), { today: TODAY, at })).toEqual({
      ok: false,
      errors: {
        form: 'This renewal is not marked in progress: its reminders already reach people.',
      },
    });
  });
});
