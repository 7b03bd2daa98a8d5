import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, instantAtLocal, parseLocalDateTime } from './office-time.js';

describe('office-local dates and times', () => {
  it('turns a local date into the instant of local midnight', () => {
    expect(instantAtLocal('2027-01-01', 'Europe/Istanbul')).toBe('2026-12-31T21:00:00.000Z');
    expect(instantAtLocal('2027-07-01', 'America/New_York')).toBe('2027-07-01T04:00:00.000Z');
    expect(instantAtLocal('2027-01-01', 'UTC', '09:30')).toBe('2027-01-01T09:30:00.000Z');
  });

  it('parses a date or a date with a time, and refuses anything else', () => {
    expect(parseLocalDateTime('2026-11-10 08:30', 'UTC')).toBe('2026-11-10T08:30:00.000Z');
    expect(parseLocalDateTime('2026-11-10', 'UTC')).toBe('2026-11-10T00:00:00.000Z');
    expect(parseLocalDateTime('2026-02-30', 'UTC')).toBeNull();
    expect(parseLocalDateTime('10/11/2026', 'UTC')).toBeNull();
  });

  it('shows midnight as a plain date and other times with the hour', () => {
    expect(formatLocalDateTime('2026-12-31T21:00:00.000Z', 'Europe/Istanbul')).toBe('2027-01-01');
    expect(formatLocalDateTime('2026-11-10T08:30:00.000Z', 'UTC')).toBe('2026-11-10 08:30');
  });
});
