import { describe, expect, it } from 'vitest';
import { describePreference, weekdayName } from './preference-words.js';

describe('reminder preferences in words', () => {
  it('say how each mode reaches the person, with the day and time a digest goes out', () => {
    expect(describePreference({ mode: 'each', at: '08:00', weekday: 1 })).toBe(
      'each reminder as it comes',
    );
    expect(describePreference({ mode: 'daily', at: '08:00', weekday: 1 })).toBe(
      'daily digest at 08:00',
    );
    expect(describePreference({ mode: 'weekly', at: '17:00', weekday: 5 })).toBe(
      'weekly digest on Fridays at 17:00',
    );
    expect(describePreference({ mode: 'off', at: '08:00', weekday: 1 })).toBe('off');
  });

  it('name ISO weekdays from Monday (1) to Sunday (7)', () => {
    expect([1, 7].map(weekdayName)).toEqual(['Monday', 'Sunday']);
  });
});
