import { describe, expect, it } from 'vitest';
import { nextWakeAt } from './wake.js';

const ar = (nextTriggerAt: string, updatedAt = '2026-06-01T00:00:00.000Z') => ({
  nextTriggerAt,
  updatedAt,
});

describe('nextWakeAt', () => {
  it('is the earliest pending trigger, or null when none is pending', () => {
    expect(nextWakeAt([ar('2027-01-01T00:00:00.000Z'), ar('2027-02-01T00:00:00.000Z')], null)).toBe(
      '2027-01-01T00:00:00.000Z',
    );
    expect(nextWakeAt([], null)).toBeNull();
  });

  it('skips a trigger the last run met and could not move, so it does not hide later ones', () => {
    const stuck = ar('2026-12-01T00:00:00.000Z', '2026-11-30T00:00:00.000Z');
    const later = ar('2027-01-01T00:00:00.000Z');
    expect(nextWakeAt([stuck, later], '2026-12-01T09:00:00.000Z')).toBe('2027-01-01T00:00:00.000Z');
  });

  it('wakes at once for a past trigger someone set after the last run', () => {
    const edited = ar('2026-12-01T00:00:00.000Z', '2026-12-01T10:00:00.000Z');
    expect(nextWakeAt([edited], '2026-12-01T09:00:00.000Z')).toBe('2026-12-01T00:00:00.000Z');
  });
});
