import { describe, expect, it } from 'vitest';
import { FakeTimers } from '../shared/time/fake-timers.test-support';
import {
  BUSY_HANG_TIMEOUT_MS,
  HANG_TIMEOUT_MS,
  RendererRecovery,
  restartDelayMs,
  STABLE_AFTER_MS,
  type RecoveryStatus,
} from './renderer-recovery';

const START = '2026-06-15T10:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(START) + ms).toISOString();

function recovery(options: { busy?: boolean } = {}) {
  const timers = new FakeTimers(START);
  const log: string[] = [];
  const statuses: RecoveryStatus[] = [];
  const subject = new RendererRecovery({
    timers,
    restart: () => log.push(`restart@${timers.now()}`),
    killHungPage: () => log.push(`kill@${timers.now()}`),
    isBusy: () => options.busy ?? false,
    onChange: (status) => statuses.push(status),
  });
  return { timers, log, statuses, subject };
}

describe('restart backoff', () => {
  it('waits 1 s, then doubles up to a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map(restartDelayMs)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });
});

describe('renderer recovery', () => {
  it('restarts a crashed page after a second and says so until it has run a while', () => {
    const { timers, log, subject } = recovery();
    subject.gone('crashed');
    expect(subject.status).toEqual({
      state: 'restarting',
      cause: 'crashed',
      at: at(1_000),
      attempt: 1,
    });
    timers.advanceTo(at(999));
    expect(log).toEqual([]);
    timers.advanceTo(at(1_000));
    expect(log).toEqual([`restart@${at(1_000)}`]);
    expect(subject.status).toEqual({
      state: 'recovered',
      cause: 'crashed',
      at: at(1_000),
      attempt: 1,
    });
    subject.loaded();
    timers.advanceTo(at(1_000 + STABLE_AFTER_MS));
    expect(subject.status).toEqual({ state: 'healthy' });
  });

  it('backs off a page that crashes again at once, and starts over once it is stable', () => {
    const { timers, log, subject } = recovery();
    let now = 0;
    for (const delay of [1_000, 2_000, 4_000]) {
      subject.gone('crashed');
      now += delay;
      timers.advanceTo(at(now));
      subject.loaded();
    }
    expect(log).toEqual([`restart@${at(1_000)}`, `restart@${at(3_000)}`, `restart@${at(7_000)}`]);
    timers.advanceTo(at(now + STABLE_AFTER_MS));
    subject.gone('oom');
    expect(subject.status).toMatchObject({
      state: 'restarting',
      cause: 'out of memory',
      attempt: 1,
    });
  });

  it('counts a second gone event for the same crash once', () => {
    const { timers, log, subject } = recovery();
    subject.gone('crashed');
    subject.gone('crashed');
    timers.advanceTo(at(10_000));
    expect(log).toEqual([`restart@${at(1_000)}`]);
  });

  it('ends a page that stays unresponsive for 30 s and restarts it as hung', () => {
    const { timers, log, subject } = recovery();
    subject.unresponsive();
    expect(subject.status).toEqual({
      state: 'unresponsive',
      since: START,
      restartAt: at(HANG_TIMEOUT_MS),
    });
    timers.advanceTo(at(HANG_TIMEOUT_MS));
    expect(log).toEqual([`kill@${at(HANG_TIMEOUT_MS)}`]);
    // Ending it makes Electron report the page gone ('killed'): that is the hang's restart.
    subject.gone('killed');
    expect(subject.status).toMatchObject({ state: 'restarting', cause: 'hung', attempt: 1 });
  });

  it('gives a page running a job two minutes before calling it hung', () => {
    const { timers, log, subject } = recovery({ busy: true });
    subject.unresponsive();
    timers.advanceTo(at(HANG_TIMEOUT_MS));
    expect(log).toEqual([]);
    timers.advanceTo(at(BUSY_HANG_TIMEOUT_MS));
    expect(log).toEqual([`kill@${at(BUSY_HANG_TIMEOUT_MS)}`]);
  });

  it('leaves a page that answers again alone and forgets the hang', () => {
    const { timers, log, statuses, subject } = recovery();
    subject.unresponsive();
    subject.responsive();
    timers.advanceTo(at(HANG_TIMEOUT_MS * 2));
    expect(log).toEqual([]);
    expect(statuses.map((s) => s.state)).toEqual(['unresponsive', 'healthy']);
  });

  it('fires nothing once disposed', () => {
    const { timers, log, subject } = recovery();
    subject.gone('crashed');
    subject.dispose();
    timers.advanceTo(at(60_000));
    expect(log).toEqual([]);
    expect(timers.pendingCount).toBe(0);
  });
});
