import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, diffDays } from '../time/index.js';
import { weekOf } from './week.js';

describe('weekOf', () => {
  it('returns the Monday of the ISO week, also across a year end', () => {
    expect(weekOf('2026-03-01')).toBe('2026-02-23'); // a Sunday belongs to the week before
    expect(weekOf('2026-03-02')).toBe('2026-03-02');
    expect(weekOf('2027-01-01')).toBe('2026-12-28');
  });

  it('always returns a Monday at most six days earlier', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20000, max: 100000 }), (offset) => {
        const date = addDays('1970-01-01', offset);
        const monday = weekOf(date);
        expect(diffDays(monday, date)).toBeGreaterThanOrEqual(0);
        expect(diffDays(monday, date)).toBeLessThan(7);
        expect(Math.abs(diffDays('2026-03-02', monday) % 7)).toBe(0);
      }),
    );
  });
});
