import { describe, expect, it } from 'vitest';
import { assertTimeZone, instantOfWallTime, isTimeZone, localDateIn, wallTimeAt } from './zone.js';

const at = (iso: string) => new Date(iso).toISOString();

describe('zoned time', () => {
  it('reads the local date of an instant in the office time zone, not UTC', () => {
    expect(localDateIn(at('2026-03-10T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-11');
    expect(localDateIn(at('2026-03-10T23:30:00Z'), 'America/New_York')).toBe('2026-03-10');
  });

  it('reads the wall clock on both sides of a daylight-saving change', () => {
    expect(wallTimeAt(at('2026-03-29T00:59:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-03-29',
      hour: 1,
      minute: 59,
    });
    expect(wallTimeAt(at('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-03-29',
      hour: 3,
      minute: 0,
    });
  });

  it('finds the instant of an ordinary wall time', () => {
    expect(instantOfWallTime('2026-06-15', 9, 30, 'Europe/Berlin')).toBe(
      at('2026-06-15T07:30:00Z'),
    );
  });

  it('moves a wall time skipped by spring forward to the first minute after the gap', () => {
    // Berlin clocks jump from 02:00 to 03:00 on 2026-03-29.
    const instant = instantOfWallTime('2026-03-29', 2, 30, 'Europe/Berlin');
    expect(instant).toBe(at('2026-03-29T01:00:00Z'));
    expect(wallTimeAt(instant, 'Europe/Berlin')).toEqual({
      date: '2026-03-29',
      hour: 3,
      minute: 0,
    });
  });

  it('picks the first occurrence of a wall time repeated by fall back', () => {
    // New York repeats 01:00–02:00 on 2026-11-01 (EDT, then EST).
    expect(instantOfWallTime('2026-11-01', 1, 30, 'America/New_York')).toBe(
      at('2026-11-01T05:30:00Z'),
    );
  });

  it('handles a day skipped entirely, as Samoa did on 2011-12-30', () => {
    const instant = instantOfWallTime('2011-12-30', 9, 0, 'Pacific/Apia');
    expect(wallTimeAt(instant, 'Pacific/Apia')).toEqual({ date: '2011-12-31', hour: 0, minute: 0 });
  });

  it('refuses an unknown time zone with a message that names it', () => {
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('Europe/Istanbul')).toBe(true);
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(/Unknown time zone "Mars\/Olympus"/);
  });
});
