import { describe, expect, it } from 'vitest';
import { FakeTimers } from '../shared/time/fake-timers.test-support';
import { QUIT_WAIT_LIMIT_MS, QuitGuard, type QuitWait } from './quit-guard';

const START = '2026-06-15T10:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(START) + ms).toISOString();

function guard() {
  const timers = new FakeTimers(START);
  const quits: string[] = [];
  const waits: (QuitWait | null)[] = [];
  const subject = new QuitGuard({
    timers,
    proceed: (why) => quits.push(`${why}@${timers.now()}`),
    onChange: (wait) => waits.push(wait),
  });
  return { timers, quits, waits, subject };
}

describe('quit guard', () => {
  it('lets Quit through at once when no job runs', () => {
    const { subject, waits } = guard();
    expect(subject.beforeQuit()).toBe('quit');
    expect(waits).toEqual([]);
  });

  it('holds Quit while a job runs and quits when it finishes', () => {
    const { timers, subject, quits, waits } = guard();
    subject.setJobRunning(true);
    expect(subject.beforeQuit()).toBe('wait');
    expect(subject.waiting).toEqual({ since: START, until: at(QUIT_WAIT_LIMIT_MS) });
    timers.advanceTo(at(5_000));
    subject.setJobRunning(false);
    expect(quits).toEqual([`job finished@${at(5_000)}`]);
    expect(waits).toEqual([{ since: START, until: at(QUIT_WAIT_LIMIT_MS) }, null]);
    // The quit the guard asks for goes through, even if another run started meanwhile.
    subject.setJobRunning(true);
    expect(subject.beforeQuit()).toBe('quit');
    expect(timers.pendingCount).toBe(0);
  });

  it('quits anyway after 30 seconds (the next run finishes the job)', () => {
    const { timers, subject, quits } = guard();
    subject.setJobRunning(true);
    subject.beforeQuit();
    timers.advanceTo(at(QUIT_WAIT_LIMIT_MS - 1));
    expect(quits).toEqual([]);
    timers.advanceTo(at(QUIT_WAIT_LIMIT_MS));
    expect(quits).toEqual([`time limit@${at(QUIT_WAIT_LIMIT_MS)}`]);
    expect(subject.beforeQuit()).toBe('quit');
  });

  it('quits at once when Quit is chosen again while waiting', () => {
    const { timers, subject, quits, waits } = guard();
    subject.setJobRunning(true);
    expect(subject.beforeQuit()).toBe('wait');
    expect(subject.beforeQuit()).toBe('quit');
    expect(waits.at(-1)).toBeNull();
    timers.advanceTo(at(QUIT_WAIT_LIMIT_MS * 2));
    expect(quits).toEqual([]);
  });

  it('stops waiting when the page that ran the job crashes or reloads', () => {
    const { subject, quits } = guard();
    subject.setJobRunning(true);
    subject.beforeQuit();
    subject.pageGone();
    expect(quits).toEqual([`job finished@${START}`]);
    expect(subject.running).toBe(false);
  });
});
