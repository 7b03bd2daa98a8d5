import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, formatLocalDate } from '../time/index.js';
import { nextStageOn, stageForDays, stageOn, stageRank } from './stages.js';

describe('stages', () => {
  it('maps days to the most urgent threshold reached', () => {
    expect(stageForDays(91)).toBeNull();
    expect(stageForDays(90)).toBe('T90');
    expect(stageForDays(61)).toBe('T90');
    expect(stageForDays(60)).toBe('T60');
    expect(stageForDays(45)).toBe('T60');
    expect(stageForDays(30)).toBe('T30');
    expect(stageForDays(14)).toBe('T14');
    expect(stageForDays(7)).toBe('T7');
    expect(stageForDays(0)).toBe('T7');
    expect(stageForDays(-1)).toBe('OVERDUE');
  });

  it('names the date each next stage begins', () => {
    expect(nextStageOn('2026-12-31', null)).toBe('2026-10-02');
    expect(nextStageOn('2026-12-31', 'T14')).toBe('2026-12-24');
    expect(nextStageOn('2026-12-31', 'T7')).toBe('2027-01-01');
    expect(nextStageOn('2026-12-31', 'OVERDUE')).toBe('9999-12-31');
  });

  it('never makes a renewal less urgent as days pass', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: 1, max: 30 }),
        (days, step) => {
          expect(stageRank(stageForDays(days - step))).toBeGreaterThanOrEqual(
            stageRank(stageForDays(days)),
          );
        },
      ),
    );
  });

  it('changes stage exactly on nextStageOn and not the day before', () => {
    const due = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2090-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => formatLocalDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
    fc.assert(
      fc.property(due, fc.integer({ min: 0, max: 200 }), (dueDate, before) => {
        const today = addDays(dueDate, -before);
        const stage = stageOn(dueDate, today);
        const change = nextStageOn(dueDate, stage);
        if (change === '9999-12-31') return;
        expect(stageRank(stageOn(dueDate, change))).toBeGreaterThan(stageRank(stage));
        expect(stageOn(dueDate, addDays(change, -1))).toBe(stage);
      }),
    );
  });
});
