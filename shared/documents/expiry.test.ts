import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysInMonth,
  diffDays,
  formatLocalDate,
  isLeapYear,
  parseLocalDate,
} from '../time/index.js';
import { blockedFrom, computeExpiry, graceState, reminderDates } from './expiry.js';

const localDate = fc
  .record({
    year: fc.integer({ min: 1970, max: 2400 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ year, month, day }) =>
    formatLocalDate(year, month, Math.min(day, daysInMonth(year, month))),
  );

const calendarModel = fc
  .record({
    renewalMonth: fc.integer({ min: 1, max: 12 }),
    renewalDay: fc.integer({ min: 1, max: 31 }),
  })
  .filter(({ renewalMonth, renewalDay }) => renewalDay <= daysInMonth(2024, renewalMonth))
  .map((m) => ({ kind: 'calendar' as const, ...m }));

describe('computeExpiry', () => {
  it('never expires a document whose model is none', () => {
    expect(computeExpiry({ kind: 'none' }, '2026-05-10')).toBeNull();
  });

  it('expires a W-9 signed on Dec 15 on Dec 31 of the same year', () => {
    expect(
      computeExpiry({ kind: 'calendar', renewalMonth: 12, renewalDay: 31 }, '2026-12-15'),
    ).toBe('2026-12-31');
  });

  it('expires a W-9 signed on Dec 31 on Dec 31 of the next year', () => {
    expect(
      computeExpiry({ kind: 'calendar', renewalMonth: 12, renewalDay: 31 }, '2026-12-31'),
    ).toBe('2027-12-31');
  });

  it('expires a Jan 1 handbook signed in March on Jan 1 of the next year', () => {
    expect(computeExpiry({ kind: 'calendar', renewalMonth: 1, renewalDay: 1 }, '2026-03-10')).toBe(
      '2027-01-01',
    );
  });

  it('lets a Feb 29 calendar date fall on Feb 28 in a non-leap year', () => {
    expect(computeExpiry({ kind: 'calendar', renewalMonth: 2, renewalDay: 29 }, '2026-06-01')).toBe(
      '2027-02-28',
    );
  });

  it('keeps a Feb 29 calendar date on Feb 29 in a leap year', () => {
    expect(computeExpiry({ kind: 'calendar', renewalMonth: 2, renewalDay: 29 }, '2027-06-01')).toBe(
      '2028-02-29',
    );
  });

  it('moves a Feb 29 calendar date signed on Feb 28 of a non-leap year to the next year', () => {
    expect(computeExpiry({ kind: 'calendar', renewalMonth: 2, renewalDay: 29 }, '2027-02-28')).toBe(
      '2028-02-29',
    );
  });

  it('expires an NDA signed Feb 15 with 12 months on Feb 15 of the next year', () => {
    expect(computeExpiry({ kind: 'signature', renewalDurationMonths: 12 }, '2026-02-15')).toBe(
      '2027-02-15',
    );
  });

  it('clamps Aug 31 plus 6 months to Feb 28 in a non-leap year', () => {
    expect(computeExpiry({ kind: 'signature', renewalDurationMonths: 6 }, '2026-08-31')).toBe(
      '2027-02-28',
    );
  });

  it('clamps Aug 31 plus 6 months to Feb 29 in a leap year', () => {
    expect(computeExpiry({ kind: 'signature', renewalDurationMonths: 6 }, '2027-08-31')).toBe(
      '2028-02-29',
    );
  });

  it('expires a document signed on Feb 29 with 12 months on Feb 28 of the next year', () => {
    expect(computeExpiry({ kind: 'signature', renewalDurationMonths: 12 }, '2028-02-29')).toBe(
      '2029-02-28',
    );
  });

  it('expires a document signed on Feb 29 with 48 months on Feb 29 four years later', () => {
    expect(computeExpiry({ kind: 'signature', renewalDurationMonths: 48 }, '2028-02-29')).toBe(
      '2032-02-29',
    );
  });

  it('expires a 36-month I-9 three years after signing', () => {
    expect(computeExpiry({ kind: 'signature', renewalDurationMonths: 36 }, '2026-01-31')).toBe(
      '2029-01-31',
    );
  });

  it('always expires a calendar document strictly after signing and within a year', () => {
    fc.assert(
      fc.property(calendarModel, localDate, (model, signedOn) => {
        const expiresOn = computeExpiry(model, signedOn)!;
        expect(expiresOn > signedOn).toBe(true);
        expect(diffDays(signedOn, expiresOn)).toBeLessThanOrEqual(366);
      }),
    );
  });

  it('always expires a calendar document on its month and day, or Feb 28 for Feb 29 in a non-leap year', () => {
    fc.assert(
      fc.property(calendarModel, localDate, (model, signedOn) => {
        const { year, month, day } = parseLocalDate(computeExpiry(model, signedOn)!);
        expect(month).toBe(model.renewalMonth);
        const expectedDay =
          model.renewalMonth === 2 && model.renewalDay === 29 && !isLeapYear(year)
            ? 28
            : model.renewalDay;
        expect(day).toBe(expectedDay);
      }),
    );
  });

  it('never lets a calendar occurrence between signing and expiry go unused', () => {
    fc.assert(
      fc.property(calendarModel, localDate, (model, signedOn) => {
        const expiresOn = computeExpiry(model, signedOn)!;
        // Signing the day before the expiry date yields the same expiry date.
        expect(computeExpiry(model, addDays(expiresOn, -1))).toBe(expiresOn);
      }),
    );
  });

  it('always expires a signature document strictly after signing, on the same day or its month end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), localDate, (months, signedOn) => {
        const expiresOn = computeExpiry(
          { kind: 'signature', renewalDurationMonths: months },
          signedOn,
        )!;
        expect(expiresOn > signedOn).toBe(true);
        const signed = parseLocalDate(signedOn);
        const expiry = parseLocalDate(expiresOn);
        expect((expiry.year - signed.year) * 12 + expiry.month - signed.month).toBe(months);
        expect(expiry.day).toBe(Math.min(signed.day, daysInMonth(expiry.year, expiry.month)));
      }),
    );
  });
});

describe('reminderDates', () => {
  it('uses 30, 14, 7 and 1 days before expiry by default, in chronological order', () => {
    expect(reminderDates('2026-03-01')).toEqual([
      '2026-01-30',
      '2026-02-15',
      '2026-02-22',
      '2026-02-28',
    ]);
  });

  it('sorts custom intervals chronologically and drops duplicates', () => {
    expect(reminderDates('2026-12-31', [1, 60, 7, 60])).toEqual([
      '2026-11-01',
      '2026-12-24',
      '2026-12-30',
    ]);
  });

  it('returns no dates for an empty schedule', () => {
    expect(reminderDates('2026-12-31', [])).toEqual([]);
  });

  it('always returns strictly increasing dates before the expiry date', () => {
    fc.assert(
      fc.property(
        localDate,
        fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 8 }),
        (expiresOn, days) => {
          const dates = reminderDates(expiresOn, days);
          expect(dates).toHaveLength(new Set(days).size);
          dates.forEach((date, i) => {
            expect(date < expiresOn).toBe(true);
            if (i > 0) expect(date > dates[i - 1]!).toBe(true);
          });
        },
      ),
    );
  });
});

describe('graceState', () => {
  it('is valid the day before expiry', () => {
    expect(graceState('2026-03-01', 7, '2026-02-28')).toBe('valid');
  });

  it('is blocked on the expiry date itself with no grace period', () => {
    expect(graceState('2026-03-01', 0, '2026-03-01')).toBe('blocked');
  });

  it('is in grace from March 1 to March 7 with 7 days and expiry March 1', () => {
    for (const today of ['2026-03-01', '2026-03-04', '2026-03-07']) {
      expect(graceState('2026-03-01', 7, today)).toBe('grace');
    }
  });

  it('is blocked from March 8 with 7 days and expiry March 1', () => {
    expect(graceState('2026-03-01', 7, '2026-03-08')).toBe('blocked');
    expect(blockedFrom('2026-03-01', 7)).toBe('2026-03-08');
  });

  it('is valid before expiry, grace for exactly gracePeriodDays days, then blocked', () => {
    fc.assert(
      fc.property(
        localDate,
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: -400, max: 400 }),
        (expiresOn, grace, offset) => {
          const today = addDays(expiresOn, offset);
          const expected = offset < 0 ? 'valid' : offset < grace ? 'grace' : 'blocked';
          expect(graceState(expiresOn, grace, today)).toBe(expected);
          expect(graceState(expiresOn, grace, blockedFrom(expiresOn, grace))).toBe('blocked');
        },
      ),
    );
  });
});
