import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INSTANT_YEARS, isInstant, toInstant } from './instant.js';

describe('toInstant', () => {
  it('turns an ISO date-time with an offset into the canonical UTC form', () => {
    expect(toInstant('2026-12-05T09:00:00+01:00')).toBe('2026-12-05T08:00:00.000Z');
    expect(toInstant('2026-12-05T09:00+01:00')).toBe('2026-12-05T08:00:00.000Z');
    expect(toInstant('2026-12-05T09:00:00.5Z')).toBe('2026-12-05T09:00:00.500Z');
    expect(toInstant('2028-02-29T23:30-05:00')).toBe('2028-03-01T04:30:00.000Z');
  });

  it('refuses impossible calendar dates instead of rolling them over', () => {
    for (const value of [
      '2026-02-30T00:00+00:00',
      '2026-02-29T00:00Z',
      '2026-04-31T10:00Z',
      '2026-06-31T10:00+02:00',
      '2026-13-01T00:00Z',
      '2026-00-10T00:00Z',
      '2026-01-00T00:00Z',
      '2100-02-29T00:00Z',
    ])
      expect(toInstant(value), value).toBeNull();
  });

  it('refuses impossible times of day and offsets', () => {
    for (const value of [
      '2026-05-01T24:00Z',
      '2026-05-01T23:60Z',
      '2026-05-01T23:59:60Z',
      '2026-05-01T10:00+24:00',
      '2026-05-01T10:00+05:60',
    ])
      expect(toInstant(value), value).toBeNull();
  });

  it('refuses a date-time without a zone, or text that is not one', () => {
    for (const value of ['2026-05-01T10:00', '2026-05-01', 'tomorrow', '2026-5-1T10:00Z', ''])
      expect(toInstant(value), value).toBeNull();
  });

  it('keeps years within 1900–2199, as written and once in UTC', () => {
    expect(toInstant('1900-01-01T00:00Z')).toBe('1900-01-01T00:00:00.000Z');
    expect(toInstant('2199-12-31T23:59:59Z')).toBe('2199-12-31T23:59:59.000Z');
    expect(toInstant('1899-12-31T23:59Z')).toBeNull();
    expect(toInstant('2200-01-01T00:00Z')).toBeNull();
    expect(toInstant('0202-01-01T00:00Z')).toBeNull();
    expect(toInstant('1900-01-01T00:00+01:00')).toBeNull();
    expect(toInstant('2199-12-31T23:00-05:00')).toBeNull();
  });

  it('accepts every real date and time in range and keeps its calendar parts (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(Date.UTC(INSTANT_YEARS.first, 0, 1)),
          max: new Date(Date.UTC(INSTANT_YEARS.last, 11, 31, 23, 59, 59, 999)),
          noInvalidDate: true,
        }),
        (date) => {
          const iso = date.toISOString();
          expect(toInstant(iso)).toBe(iso);
          expect(isInstant(iso)).toBe(true);
        },
      ),
    );
  });

  it('refuses day 29 to 31 exactly where the month is shorter (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: INSTANT_YEARS.first, max: INSTANT_YEARS.last }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 28, max: 31 }),
        (year, month, day) => {
          const value = `${year}-${String(month).padStart(2, '0')}-${day}T12:00Z`;
          const real = new Date(Date.UTC(year, month - 1, day)).getUTCMonth() === month - 1;
          expect(toInstant(value) !== null).toBe(real);
        },
      ),
    );
  });
});
