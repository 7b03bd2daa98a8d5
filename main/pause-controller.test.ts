import { describe, expect, it } from 'vitest';
import type { PauseReminders } from '../shared/ipc';
import { FakeTimers } from '../shared/time/fake-timers.test-support';
import { PauseController } from './pause-controller';

function controller(startIso: string) {
  const timers = new FakeTimers(startIso);
  const changes: PauseReminders[] = [];
  const pause = new PauseController({
    timeZone: () => 'UTC',
    timers,
    onChange: (state) => changes.push(state),
  });
  return { timers, changes, pause };
}

describe('pause controller', () => {
  it('announces a pause and its automatic end', () => {
    const { timers, changes, pause } = controller('2026-06-15T10:00:00Z');
    pause.pause('1h');
    expect(pause.isPaused()).toBe(true);
    timers.advanceTo('2026-06-15T11:00:00Z');
    expect(pause.isPaused()).toBe(false);
    expect(changes).toEqual([{ until: '2026-06-15T11:00:00.000Z' }, { until: null }]);
  });

  it('ends a pause early on resume and forgets its timer', () => {
    const { timers, changes, pause } = controller('2026-06-15T10:00:00Z');
    pause.pause('tomorrow');
    pause.resume();
    expect(timers.pendingCount).toBe(0);
    expect(changes).toEqual([{ until: '2026-06-16T00:00:00.000Z' }, { until: null }]);
  });

  it('reads as not paused once the end has passed, even while asleep', () => {
    const { timers, pause } = controller('2026-06-15T10:00:00Z');
    pause.pause('1h');
    timers.sleepUntil('2026-06-15T12:00:00Z');
    expect(pause.pausedUntil).toBeNull();
    expect(pause.state()).toEqual({ until: null });
  });
});
