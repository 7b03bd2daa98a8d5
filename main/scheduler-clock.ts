import type { SchedulerTick, TickReason } from '../shared/ipc';
import { parseDailyTime } from './daily-time';
import { nextDailyRefresh, refreshesDueBetween, type RefreshSchedule } from './scheduler';
import { assertTimeZone } from '../shared/zoned-time';

/** The clock reads time and sets timers only through these, so tests drive it by hand. */
export type ClockTimers = {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
};

export type SchedulerClockOptions = {
  dailyTime: string;
  /** Read at every scheduling decision, so a change of the system zone is picked up. */
  timeZone: () => string;
  timers: ClockTimers;
  onTick: (tick: SchedulerTick) => void;
};

/** Timers longer than this overflow to 1 ms in Node and Chromium. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;

/**
 * Emits refresh ticks: 'startup' when started, 'daily' at the daily refresh time, 'resume' after
 * sleep, 'catch-up' when one or more daily refreshes were missed (asleep or timers late), and
 * 'manual' on request. Each tick covers every daily refresh due up to its instant.
 */
export class SchedulerClock {
  readonly #options: SchedulerClockOptions;
  #dailyTime: string;
  #coveredUntil = Number.NEGATIVE_INFINITY;
  #timer: unknown = null;
  #running = false;

  constructor(options: SchedulerClockOptions) {
    parseDailyTime(options.dailyTime);
    assertTimeZone(options.timeZone());
    this.#options = options;
    this.#dailyTime = options.dailyTime;
  }

  get dailyTime(): string {
    return this.#dailyTime;
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#emit('startup');
    this.#scheduleNext();
  }

  stop(): void {
    this.#running = false;
    this.#clearTimer();
  }

  /** Call on powerMonitor 'resume': ticks 'catch-up' when the daily time passed during sleep. */
  resume(): void {
    if (!this.#running) return;
    const missed = refreshesDueBetween(
      this.#coveredUntil,
      this.#options.timers.now(),
      this.#schedule(),
    );
    this.#emit(missed > 0 ? 'catch-up' : 'resume');
    this.#scheduleNext();
  }

  /** Ticks at once, e.g. for the tray's "Refresh now" or a reloaded renderer. */
  tickNow(reason: TickReason = 'manual'): void {
    if (!this.#running) return;
    this.#emit(reason);
  }

  /** Validates 'HH:MM' and reschedules; refreshes of the new time that already passed are not owed. */
  setDailyTime(dailyTime: string): void {
    parseDailyTime(dailyTime);
    if (dailyTime === this.#dailyTime) return;
    this.#dailyTime = dailyTime;
    this.#coveredUntil = Math.max(this.#coveredUntil, this.#options.timers.now());
    if (this.#running) this.#scheduleNext();
  }

  /** Re-arms the next tick after the office time zone changed; no day counts as missed. */
  timeZoneChanged(): void {
    assertTimeZone(this.#options.timeZone());
    this.#coveredUntil = Math.max(this.#coveredUntil, this.#options.timers.now());
    if (this.#running) this.#scheduleNext();
  }

  #schedule(): RefreshSchedule {
    return { timeZone: this.#options.timeZone(), dailyTime: this.#dailyTime };
  }

  #onTimer(): void {
    this.#timer = null;
    if (!this.#running) return;
    const due = refreshesDueBetween(
      this.#coveredUntil,
      this.#options.timers.now(),
      this.#schedule(),
    );
    // No refresh due means the timer fired early or was capped: just wait again.
    if (due === 1) this.#emit('daily');
    else if (due > 1) this.#emit('catch-up');
    this.#scheduleNext();
  }

  #scheduleNext(): void {
    this.#clearTimer();
    const now = this.#options.timers.now();
    const delay = Math.min(
      Math.max(0, nextDailyRefresh(now, this.#schedule()) - now),
      MAX_TIMER_DELAY_MS,
    );
    this.#timer = this.#options.timers.setTimeout(() => this.#onTimer(), delay);
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#options.timers.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #emit(reason: TickReason): void {
    const now = this.#options.timers.now();
    this.#coveredUntil = Math.max(this.#coveredUntil, now);
    this.#options.onTick({ reason, at: new Date(now).toISOString() });
  }
}
