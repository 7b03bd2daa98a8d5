import { describe, expect, it } from 'vitest';
import { FakeTimers } from './fake-timers.test-support.js';
import { SchedulerClock, type SchedulerTick } from './scheduler-clock.js';

function startClock(startIso: string, dailyTime = '07:00') {
  const timers = new FakeTimers(startIso);
  const ticks: SchedulerTick[] = [];
  const clock = new SchedulerClock({
    dailyTime,
    timeZone: () => 'Europe/Berlin',
    timers,
    onTick: (tick) => ticks.push(tick),
  });
  clock.start();
  return { timers, ticks, clock };
}

describe('scheduler clock', () => {
  it('ticks at start-up with the instant it fired', () => {
    const { ticks } = startClock('2026-06-15T06:00:00Z');
    expect(ticks).toEqual([{ reason: 'startup', at: '2026-06-15T06:00:00.000Z' }]);
  });

  it('ticks daily at the configured local time', () => {
    const { timers, ticks } = startClock('2026-06-15T04:00:00Z');
    timers.advanceTo('2026-06-17T12:00:00Z');
    expect(ticks.map((t) => `${t.reason} ${t.at}`)).toEqual([
      'startup 2026-06-15T04:00:00.000Z',
      'daily 2026-06-15T05:00:00.000Z',
      'daily 2026-06-16T05:00:00.000Z',
      'daily 2026-06-17T05:00:00.000Z',
    ]);
  });

  it('ticks resume after a short sleep that missed no daily time', () => {
    const { timers, ticks, clock } = startClock('2026-06-15T08:00:00Z');
    timers.sleepUntil('2026-06-15T10:00:00Z');
    clock.resume();
    expect(ticks.map((t) => t.reason)).toEqual(['startup', 'resume']);
  });

  it('ticks catch-up when the machine slept over the daily time', () => {
    const { timers, ticks, clock } = startClock('2026-06-15T18:00:00Z');
    timers.sleepUntil('2026-06-16T09:00:00Z');
    clock.resume();
    expect(ticks.map((t) => t.reason)).toEqual(['startup', 'catch-up']);
  });

  it('does not tick again when the late timer fires after a resume already caught up', () => {
    const { timers, ticks, clock } = startClock('2026-06-15T18:00:00Z');
    timers.sleepUntil('2026-06-18T09:00:00Z');
    clock.resume();
    timers.advanceTo('2026-06-18T10:00:00Z');
    expect(ticks.map((t) => t.reason)).toEqual(['startup', 'catch-up']);
  });

  it('ticks catch-up when a late timer finds several days missed', () => {
    const { timers, ticks } = startClock('2026-06-15T18:00:00Z');
    timers.sleepUntil('2026-06-17T09:00:00Z');
    timers.advanceTo('2026-06-17T09:00:01Z');
    expect(ticks.map((t) => t.reason)).toEqual(['startup', 'catch-up']);
  });

  it('reschedules when the daily time changes, owing nothing for the times already passed', () => {
    const { timers, ticks, clock } = startClock('2026-06-15T08:00:00Z');
    clock.setDailyTime('09:30');
    timers.advanceTo('2026-06-16T07:31:00Z');
    expect(ticks.map((t) => `${t.reason} ${t.at}`)).toEqual([
      'startup 2026-06-15T08:00:00.000Z',
      'daily 2026-06-16T07:30:00.000Z',
    ]);
  });

  it('follows the office time zone when it changes, owing nothing for the day so far', () => {
    const timers = new FakeTimers('2026-06-15T08:00:00Z');
    const ticks: SchedulerTick[] = [];
    let zone = 'Europe/Berlin';
    const clock = new SchedulerClock({
      dailyTime: '07:00',
      timeZone: () => zone,
      timers,
      onTick: (tick) => ticks.push(tick),
    });
    clock.start();
    zone = 'America/New_York';
    clock.timeZoneChanged();
    timers.advanceTo('2026-06-16T11:01:00Z');
    // 07:00 in New York (UTC-4 in June) is 11:00 UTC, still ahead on the 15th; Berlin's
    // 07:00 (05:00 UTC) on the 16th passes without a tick.
    expect(ticks.map((t) => `${t.reason} ${t.at}`)).toEqual([
      'startup 2026-06-15T08:00:00.000Z',
      'daily 2026-06-15T11:00:00.000Z',
      'daily 2026-06-16T11:00:00.000Z',
    ]);
  });

  it('rejects a daily time that is not HH:MM and keeps the old one', () => {
    const { clock } = startClock('2026-06-15T08:00:00Z');
    expect(() => clock.setDailyTime('9:30')).toThrow(/'HH:MM'/);
    expect(clock.dailyTime).toBe('07:00');
  });

  it('refuses to start with an invalid daily time or time zone', () => {
    const timers = new FakeTimers('2026-06-15T08:00:00Z');
    const base = { timers, onTick: () => {} };
    expect(
      () => new SchedulerClock({ ...base, dailyTime: '25:00', timeZone: () => 'UTC' }),
    ).toThrow(/'HH:MM'/);
    expect(
      () => new SchedulerClock({ ...base, dailyTime: '07:00', timeZone: () => 'Nowhere/City' }),
    ).toThrow(/Unknown time zone/);
  });

  it('ticks manual on request and keeps one timer pending', () => {
    const { timers, ticks, clock } = startClock('2026-06-15T08:00:00Z');
    clock.tickNow();
    expect(ticks.map((t) => t.reason)).toEqual(['startup', 'manual']);
    expect(timers.pendingCount).toBe(1);
  });

  it('stops ticking when stopped', () => {
    const { timers, ticks, clock } = startClock('2026-06-15T08:00:00Z');
    clock.stop();
    timers.advanceTo('2026-06-20T08:00:00Z');
    clock.resume();
    expect(ticks.map((t) => t.reason)).toEqual(['startup']);
    expect(timers.pendingCount).toBe(0);
  });
});

describe('scheduler clock after the wall clock jumps', () => {
  it('catches up within a minute when the clock jumps days ahead without firing timers', () => {
    const { timers, ticks } = startClock('2026-06-15T08:00:00Z');
    timers.sleepUntil('2026-06-20T08:00:00Z');
    timers.advanceTo('2026-06-20T08:01:00Z');
    expect(ticks.map((t) => t.reason)).toEqual(['startup', 'catch-up']);
  });
});

describe('scheduler clock woken at an instant', () => {
  it('ticks trigger at the exact instant asked for, between daily refreshes', () => {
    const { timers, ticks, clock } = startClock('2026-12-31T20:00:00Z');
    clock.wakeAt('2027-01-01T00:00:00.000Z');
    timers.advanceTo('2027-01-01T00:30:00Z');
    expect(ticks.map((t) => `${t.reason} ${t.at}`)).toEqual([
      'startup 2026-12-31T20:00:00.000Z',
      'trigger 2027-01-01T00:00:00.000Z',
    ]);
    expect(clock.wake).toBeNull();
  });

  it('ticks at once for an instant already past: a catch-up', () => {
    const { ticks, clock } = startClock('2026-06-15T08:00:00Z');
    clock.wakeAt('2026-06-15T07:30:00.000Z');
    expect(ticks.map((t) => `${t.reason} ${t.at}`)).toEqual([
      'startup 2026-06-15T08:00:00.000Z',
      'trigger 2026-06-15T08:00:00.000Z',
    ]);
  });

  it('does not tick twice for the same instant, so a trigger that stays pending cannot spin', () => {
    const { timers, ticks, clock } = startClock('2026-06-15T08:00:00Z');
    clock.wakeAt('2026-06-15T09:00:00.000Z');
    timers.advanceTo('2026-06-15T09:00:00Z');
    clock.wakeAt('2026-06-15T09:00:00.000Z');
    timers.advanceTo('2026-06-15T09:30:00Z');
    expect(ticks.map((t) => t.reason)).toEqual(['startup', 'trigger']);
    clock.wakeAt('2026-06-15T08:45:00.000Z');
    expect(ticks.map((t) => t.reason)).toEqual(['startup', 'trigger', 'trigger']);
  });

  it('moves or cancels the wake when asked again', () => {
    const { timers, ticks, clock } = startClock('2026-06-15T08:00:00Z');
    clock.wakeAt('2026-06-15T09:00:00.000Z');
    clock.wakeAt('2026-06-15T10:15:00.000Z');
    timers.advanceTo('2026-06-15T10:00:00Z');
    expect(ticks.map((t) => t.reason)).toEqual(['startup']);
    timers.advanceTo('2026-06-15T10:15:00Z');
    expect(ticks.map((t) => `${t.reason} ${t.at}`)).toEqual([
      'startup 2026-06-15T08:00:00.000Z',
      'trigger 2026-06-15T10:15:00.000Z',
    ]);
    clock.wakeAt('2026-06-15T11:00:00.000Z');
    clock.wakeAt(null);
    timers.advanceTo('2026-06-15T12:00:00Z');
    expect(ticks).toHaveLength(2);
    expect(timers.pendingCount).toBe(1);
  });

  it('lets a daily or resume tick cover a wake that fell at or before it', () => {
    const { timers, ticks, clock } = startClock('2026-06-15T04:00:00Z');
    clock.wakeAt('2026-06-15T05:00:00.000Z');
    timers.advanceTo('2026-06-15T06:00:00Z');
    clock.wakeAt('2026-06-15T09:00:00.000Z');
    timers.sleepUntil('2026-06-15T10:00:00Z');
    clock.resume();
    timers.advanceTo('2026-06-15T11:00:00Z');
    // 07:00 in Berlin is 05:00 UTC: the daily tick covers the wake asked for that instant.
    expect(ticks.map((t) => `${t.reason} ${t.at}`)).toEqual([
      'startup 2026-06-15T04:00:00.000Z',
      'daily 2026-06-15T05:00:00.000Z',
      'resume 2026-06-15T10:00:00.000Z',
    ]);
  });

  it('keeps a wake asked for before start and covers it with the start-up tick when past', () => {
    const timers = new FakeTimers('2026-06-15T08:00:00Z');
    const ticks: SchedulerTick[] = [];
    const clock = new SchedulerClock({
      dailyTime: '07:00',
      timeZone: () => 'UTC',
      timers,
      onTick: (tick) => ticks.push(tick),
    });
    clock.wakeAt('2026-06-15T08:30:00.000Z');
    expect(ticks).toEqual([]);
    clock.start();
    timers.advanceTo('2026-06-15T09:00:00Z');
    expect(ticks.map((t) => `${t.reason} ${t.at}`)).toEqual([
      'startup 2026-06-15T08:00:00.000Z',
      'trigger 2026-06-15T08:30:00.000Z',
    ]);
  });

  it('normalises the instant and refuses one that is not', () => {
    const { timers, ticks, clock } = startClock('2026-06-15T08:00:00Z');
    clock.wakeAt('2026-06-15T11:00:00+02:00');
    timers.advanceTo('2026-06-15T09:00:00Z');
    expect(ticks.map((t) => `${t.reason} ${t.at}`)).toContain('trigger 2026-06-15T09:00:00.000Z');
    expect(() => clock.wakeAt('tomorrow')).toThrow(/is not an instant/);
  });
});
