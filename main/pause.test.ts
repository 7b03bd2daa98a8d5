import { describe, expect, it } from 'vitest';
import { isPausedAt, pauseStateAt, pauseUntil } from './pause';

const at = (iso: string) => new Date(iso).toISOString();

describe('pause reminders', () => {
  it('pauses for one hour', () => {
    expect(pauseUntil('1h', at('2026-06-15T10:15:00Z'), 'Europe/Berlin')).toBe(
      at('2026-06-15T11:15:00Z'),
    );
  });

  it('pauses until the next local midnight', () => {
    expect(pauseUntil('tomorrow', at('2026-06-15T10:15:00Z'), 'Europe/Berlin')).toBe(
      at('2026-06-15T22:00:00Z'),
    );
  });

  it('pauses until the midnight after a late-evening local time that is already tomorrow in UTC', () => {
    expect(pauseUntil('tomorrow', at('2026-06-15T02:00:00Z'), 'America/New_York')).toBe(
      at('2026-06-15T04:00:00Z'),
    );
  });

  it('pauses until the first valid minute when midnight is skipped by daylight saving', () => {
    // Santiago springs forward from 00:00 to 01:00 on 2026-09-06.
    expect(pauseUntil('tomorrow', at('2026-09-05T15:00:00Z'), 'America/Santiago')).toBe(
      at('2026-09-06T04:00:00Z'),
    );
  });

  it('is paused before the end and not at or after it', () => {
    const until = at('2026-06-15T11:00:00Z');
    expect(isPausedAt(until, at('2026-06-15T10:59:59Z'))).toBe(true);
    expect(isPausedAt(until, until)).toBe(false);
    expect(isPausedAt(null, until)).toBe(false);
  });

  it('reports an ended pause as no pause', () => {
    const until = at('2026-06-15T11:00:00Z');
    expect(pauseStateAt(until, at('2026-06-15T10:00:00Z'))).toEqual({
      until: '2026-06-15T11:00:00.000Z',
    });
    expect(pauseStateAt(until, at('2026-06-15T12:00:00Z'))).toEqual({ until: null });
  });
});
