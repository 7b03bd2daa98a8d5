import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  daysUntilDue,
  diffDays,
  epochDayOfValid,
  formatLocalDate,
  isCalendarDate,
  isLocalDate,
  LOCAL_DATE_PATTERN,
  localDateProblem,
} from './local-date.js';
import { localDateIn } from './zone.js';

const localDate = fc
  .date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2100-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => formatLocalDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));

describe('dates', () => {
  it('rejects dates that do not exist', () => {
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-04-31')).toBe(false);
    expect(isLocalDate('2026-4-3')).toBe(false);
    expect(isLocalDate('1900-02-29')).toBe(false);
    expect(isLocalDate('2000-02-29')).toBe(true);
  });

  it('takes dates people enter only in the years 1900-2199', () => {
    expect(isLocalDate('1900-01-01')).toBe(true);
    expect(isLocalDate('2199-12-31')).toBe(true);
    expect(isLocalDate('1899-12-31')).toBe(false);
    expect(isLocalDate('2200-01-01')).toBe(false);
    expect(isLocalDate('0026-03-15')).toBe(false);
    expect(isLocalDate('9999-12-31')).toBe(false);
    expect(isCalendarDate('9999-12-31')).toBe(true);
    expect(isCalendarDate('0026-02-29')).toBe(false);
  });

  it('says what is wrong with a date, and suggests the century a typo left out', () => {
    expect(localDateProblem('2026-03-15')).toBeNull();
    expect(localDateProblem('0026-03-15')).toBe(
      'The year must be between 1900 and 2199. Did you mean 2026-03-15?',
    );
    expect(localDateProblem('2300-01-01')).toBe('The year must be between 1900 and 2199.');
    expect(localDateProblem('2026-02-30')).toBe(
      '2026-02-30 does not exist: check the month and the day.',
    );
    expect(localDateProblem('15.03.2026')).toBe(
      'Write the date as YYYY-MM-DD, for example 2026-03-15.',
    );
  });

  it('counts years below 100 as written, no longer as 1900-1999', () => {
    expect(diffDays('0026-03-15', '0027-03-15')).toBe(365);
    expect(diffDays('0026-03-15', '2026-03-15')).toBe(
      diffDays('0026-03-15', '1926-03-15') + diffDays('1926-03-15', '2026-03-15'),
    );
    expect(addDays('0026-12-31', 1)).toBe('0027-01-01');
    expect(epochDayOfValid('0026-03-15')).toBe(diffDays('1970-01-01', '0026-03-15'));
  });

  it('still computes with the "never" sentinel', () => {
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
    expect(daysUntilDue('9999-12-31', '2026-01-01')).toBeGreaterThan(2_900_000);
    expect(addMonthsClamped('2199-12-31', 2)).toBe('2200-02-28');
  });

  it('agrees with the schema pattern on the years records may hold', () => {
    const pattern = new RegExp(LOCAL_DATE_PATTERN);
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
        (d) => {
          const date = d.toISOString().slice(0, 10);
          expect(pattern.test(date)).toBe(isLocalDate(date));
        },
      ),
    );
  });

  it('counts days until due across a month end and a leap day', () => {
    expect(daysUntilDue('2026-03-01', '2026-02-27')).toBe(2);
    expect(daysUntilDue('2028-03-01', '2028-02-27')).toBe(3);
    expect(daysUntilDue('2026-03-15', '2026-03-15')).toBe(0);
    expect(daysUntilDue('2026-03-15', '2026-03-16')).toBe(-1);
  });

  it('clamps a month end when adding months', () => {
    expect(addMonthsClamped('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonthsClamped('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonthsClamped('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('takes today as the office local date, not the UTC date', () => {
    // 22:30 UTC on Nov 23 is already Nov 24 in Istanbul (UTC+3) and still Nov 23 in New York.
    expect(localDateIn('2026-11-23T22:30:00.000Z', 'Europe/Istanbul')).toBe('2026-11-24');
    expect(localDateIn('2026-11-23T22:30:00.000Z', 'America/New_York')).toBe('2026-11-23');
    expect(localDateIn('2026-11-24T03:30:00.000Z', 'America/Los_Angeles')).toBe('2026-11-23');
  });

  it('never moves a date across daylight-saving changes', () => {
    // Europe's 2026 spring-forward is Mar 29, autumn fall-back Oct 25.
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(diffDays('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('adds and subtracts days as inverse operations', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: -5000, max: 5000 }), (date, days) => {
        const later = addDays(date, days);
        expect(isLocalDate(later)).toBe(true);
        expect(diffDays(date, later)).toBe(days);
        expect(addDays(later, -days)).toBe(date);
      }),
    );
  });

  it('adds months to a real date that never passes the target month end', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: 0, max: 240 }), (date, months) => {
        const result = addMonthsClamped(date, months);
        expect(isLocalDate(result)).toBe(true);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const [ry, rm, rd] = result.split('-').map(Number) as [number, number, number];
        expect(ry * 12 + rm - (y * 12 + m)).toBe(months);
        expect(rd).toBeLessThanOrEqual(d);
      }),
    );
  });

  it('computes the office date from any instant in a way consistent with the UTC offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2090, 0, 1) }),
        fc.constantFrom(
          'Europe/Istanbul',
          'America/New_York',
          'Asia/Tokyo',
          'Pacific/Auckland',
          'UTC',
        ),
        (ms, zone) => {
          const instant = new Date(ms).toISOString();
          const utc = localDateIn(instant, 'UTC');
          expect(Math.abs(diffDays(utc, localDateIn(instant, zone)))).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('epochDayOfValid', () => {
  it('agrees with day differences for valid dates', () => {
    fc.assert(
      fc.property(localDate, localDate, (a, b) => {
        expect(epochDayOfValid(b) - epochDayOfValid(a)).toBe(diffDays(a, b));
      }),
    );
  });
});
