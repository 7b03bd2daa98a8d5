import { describe, expect, it } from 'vitest';
import type { ChannelPreference } from '../office.js';
import { digestId, digestNotice, isoWeekday, nextDigestAt, routeFor } from './digest.js';

const daily: ChannelPreference = { mode: 'daily', at: '08:00', weekday: 1 };
const weekly: ChannelPreference = { mode: 'weekly', at: '17:00', weekday: 5 };
const each: ChannelPreference = { mode: 'each', at: '08:00', weekday: 1 };
const off: ChannelPreference = { mode: 'off', at: '08:00', weekday: 1 };

describe('digest timing', () => {
  it('knows the weekday of a date (ISO: Monday is 1, Sunday 7)', () => {
    expect(isoWeekday('2026-11-23')).toBe(1); // a Monday
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-29')).toBe(1);
  });

  it('sends a daily digest at the next time of day in the office zone, never at the same instant', () => {
    // Istanbul is UTC+3: 08:00 there is 05:00Z.
    expect(nextDigestAt(daily, false, '2026-11-23T04:59:00.000Z', 'Europe/Istanbul')).toBe(
      '2026-11-23T05:00:00.000Z',
    );
    expect(nextDigestAt(daily, false, '2026-11-23T05:00:00.000Z', 'Europe/Istanbul')).toBe(
      '2026-11-24T05:00:00.000Z',
    );
  });

  it('sends a weekly digest on its weekday, across a daylight-saving change', () => {
    // Friday 17:00 in New York: EDT (UTC-4) before 2026-11-01, EST (UTC-5) after.
    expect(nextDigestAt(weekly, true, '2026-10-28T12:00:00.000Z', 'America/New_York')).toBe(
      '2026-10-30T21:00:00.000Z',
    );
    expect(nextDigestAt(weekly, true, '2026-10-30T21:00:00.000Z', 'America/New_York')).toBe(
      '2026-11-06T22:00:00.000Z',
    );
  });
});

describe('routing one notice on one channel', () => {
  const at = '2026-11-23T10:00:00.000Z'; // Monday, 10:00 UTC

  it('holds a reminder for the daily or weekly digest the person chose', () => {
    expect(routeFor({}, daily, at, 'UTC')).toEqual({
      kind: 'digest',
      due: '2026-11-24T08:00:00.000Z',
    });
    expect(routeFor({}, weekly, at, 'UTC')).toEqual({
      kind: 'digest',
      due: '2026-11-27T17:00:00.000Z',
    });
  });

  it('sends urgent notices at once, whatever the digest choice, but never on a channel turned off', () => {
    expect(routeFor({ urgent: true }, daily, at, 'UTC')).toEqual({ kind: 'now' });
    expect(routeFor({ urgent: true }, weekly, at, 'UTC')).toEqual({ kind: 'now' });
    expect(routeFor({ urgent: true }, off, at, 'UTC')).toEqual({ kind: 'off' });
    expect(routeFor({}, each, at, 'UTC')).toEqual({ kind: 'now' });
  });

  it('keeps weekly-only items (the admins’ 30- and 14-day document items) for the weekly digest', () => {
    expect(routeFor({ digestOnly: true }, each, at, 'UTC')).toEqual({
      kind: 'digest',
      due: '2026-11-30T08:00:00.000Z',
    });
    expect(routeFor({ digestOnly: true }, daily, at, 'UTC')).toEqual({
      kind: 'digest',
      due: '2026-11-30T08:00:00.000Z',
    });
  });
});

describe('the digest itself', () => {
  it('has one id per person, channel and due time, on every device', () => {
    expect(digestId('email', 'ayse', '2026-11-24T08:00:00.000Z')).toBe(
      'digest:email:ayse:2026-11-24T08:00:00.000Z',
    );
  });

  it('says how many reminders it gathers, names the first three, and opens the notification centre', () => {
    const items = ['A expires in 30 days', 'B expires in 14 days', 'C is due', 'D is due'].map(
      (title) => ({ title }),
    );
    const due = '2026-11-24T08:00:00.000Z';
    expect(digestNotice(items, { channel: 'desktop', who: 'ayse', due })).toEqual({
      id: 'digest:desktop:ayse:2026-11-24T08:00:00.000Z',
      title: 'Your digest: 4 reminders',
      body: 'A expires in 30 days; B expires in 14 days; C is due and 1 more.',
      route: '/notifications',
      urgent: true,
    });
    expect(digestNotice(items.slice(0, 1), { channel: 'desktop', who: 'ayse', due }).title).toBe(
      'Your digest: 1 reminder',
    );
  });
});
