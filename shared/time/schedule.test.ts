import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msOf } from './instant.js';
import {
  daysMissedSince,
  nextDailyRefresh,
  planSchedule,
  refreshesDueBetween,
} from './schedule.js';
import { wallTimeAt } from './zone.js';

const at = (iso: string) => new Date(iso).toISOString();
const ms = (iso: string) => Date.parse(iso);
const berlin = { timeZone: 'Europe/Berlin', dailyTime: '07:00' };

describe('next daily refresh', () => {
  it('is later today when the daily time has not come yet', () => {
    expect(nextDailyRefresh(at('2026-06-15T04:00:00Z'), berlin)).toBe(at('2026-06-15T05:00:00Z'));
  });

  it('is tomorrow when the daily time has passed or is exactly now', () => {
    expect(nextDailyRefresh(at('2026-06-15T05:00:00Z'), berlin)).toBe(at('2026-06-16T05:00:00Z'));
    expect(nextDailyRefresh(at('2026-06-15T12:00:00Z'), berlin)).toBe(at('2026-06-16T05:00:00Z'));
  });

  it('crosses midnight in the office zone, not in UTC', () => {
    // 23:30 UTC on the 15th is already 01:30 on the 16th in Berlin.
    expect(nextDailyRefresh(at('2026-06-15T23:30:00Z'), berlin)).toBe(at('2026-06-16T05:00:00Z'));
  });

  it('fires at midnight when midnight is the daily time', () => {
    const schedule = { timeZone: 'America/New_York', dailyTime: '00:00' };
    expect(nextDailyRefresh(at('2026-06-15T12:00:00Z'), schedule)).toBe(at('2026-06-16T04:00:00Z'));
  });

  it('fires at the first valid minute after a spring-forward gap', () => {
    const schedule = { timeZone: 'Europe/Berlin', dailyTime: '02:30' };
    expect(nextDailyRefresh(at('2026-03-28T12:00:00Z'), schedule)).toBe(at('2026-03-29T01:00:00Z'));
  });

  it('fires once, at the first occurrence, on a fall-back day', () => {
    const schedule = { timeZone: 'America/New_York', dailyTime: '01:30' };
    const first = nextDailyRefresh(at('2026-10-31T12:00:00Z'), schedule);
    expect(first).toBe(at('2026-11-01T05:30:00Z'));
    expect(nextDailyRefresh(first, schedule)).toBe(at('2026-11-02T06:30:00Z'));
  });

  it('is always strictly later than now, within 25 hours, at the daily wall time when it exists', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: ms('2020-01-01T00:00:00Z'), max: ms('2035-12-31T00:00:00Z') }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (nowMs, timeZone, hour, minute) => {
          const now = new Date(nowMs).toISOString();
          const dailyTime = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const next = nextDailyRefresh(now, { timeZone, dailyTime });
          expect(next > now).toBe(true);
          expect(msOf(next) - nowMs).toBeLessThanOrEqual(25 * 3_600_000);
          const wall = wallTimeAt(next, timeZone);
          const inGap = wall.hour * 60 + wall.minute !== hour * 60 + minute;
          if (inGap) expect(wall.hour * 60 + wall.minute).toBeGreaterThan(hour * 60 + minute);
        },
      ),
    );
  });
});

describe('missed refreshes', () => {
  it('counts none when the last refresh was today', () => {
    expect(daysMissedSince('2026-06-15', at('2026-06-15T20:00:00Z'), berlin)).toBe(0);
  });

  it('counts none before today’s daily time when the last refresh was yesterday', () => {
    expect(daysMissedSince('2026-06-14', at('2026-06-15T04:00:00Z'), berlin)).toBe(0);
  });

  it('counts today once its daily time has passed', () => {
    expect(daysMissedSince('2026-06-14', at('2026-06-15T06:00:00Z'), berlin)).toBe(1);
  });

  it('counts every day slept through over a long weekend', () => {
    expect(daysMissedSince('2026-06-12', at('2026-06-15T06:00:00Z'), berlin)).toBe(3);
  });

  it('counts none when there was no earlier refresh', () => {
    expect(daysMissedSince(null, at('2026-06-15T06:00:00Z'), berlin)).toBe(0);
  });

  it('plans a catch-up together with the next tick', () => {
    expect(planSchedule('2026-06-13', at('2026-06-15T06:00:00Z'), berlin)).toEqual({
      nextTickAt: at('2026-06-16T05:00:00Z'),
      daysMissed: 2,
      catchUpDue: true,
    });
  });

  it('counts the refreshes between two instants, excluding the first and including the last', () => {
    expect(
      refreshesDueBetween(at('2026-06-15T05:00:00Z'), at('2026-06-16T05:00:00Z'), berlin),
    ).toBe(1);
    expect(
      refreshesDueBetween(at('2026-06-15T04:00:00Z'), at('2026-06-15T04:59:00Z'), berlin),
    ).toBe(0);
    expect(
      refreshesDueBetween(at('2026-06-10T12:00:00Z'), at('2026-06-15T12:00:00Z'), berlin),
    ).toBe(5);
  });

  it('counts refreshes between instants the same as walking day by day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: ms('2026-01-01T00:00:00Z'), max: ms('2026-12-31T00:00:00Z') }),
        fc.integer({ min: 0, max: 20 * 86_400_000 }),
        (afterMs, span) => {
          const after = new Date(afterMs).toISOString();
          const upTo = new Date(afterMs + span).toISOString();
          let walked = 0;
          for (let t = nextDailyRefresh(after, berlin); t <= upTo; t = nextDailyRefresh(t, berlin))
            walked++;
          expect(refreshesDueBetween(after, upTo, berlin)).toBe(walked);
        },
      ),
      { numRuns: 200 },
    );
  });
});
