import { describe, expect, it } from 'vitest';
import { isDailyTime, parseDailyTime } from './daily-time.js';

describe('daily refresh time', () => {
  it('parses a 24-hour HH:MM time', () => {
    expect(parseDailyTime('07:30')).toEqual({ hour: 7, minute: 30 });
    expect(parseDailyTime('23:59')).toEqual({ hour: 23, minute: 59 });
    expect(parseDailyTime('00:00')).toEqual({ hour: 0, minute: 0 });
  });

  it.each(['7:30', '24:00', '12:60', '07:30:00', ' 07:30', '7h30', ''])('rejects %j', (text) => {
    expect(isDailyTime(text)).toBe(false);
    expect(() => parseDailyTime(text)).toThrow(/use a 24-hour local time written 'HH:MM'/);
  });
});
