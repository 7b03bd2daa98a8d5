import { parseDailyTime } from './daily-time.js';
import { msOf, toInstant, type Instant } from './instant.js';
import { nextDailyRefresh, refreshesDueBetween, type RefreshSchedule } from './schedule.js';
import { assertTimeZone } from './zone.js';

/** Why the scheduler clock ticked; 'trigger' is a wake at an instant asked for with wakeAt. */
export type TickReason = 'startup' | 'daily' | 'resume' | 'catch-up' | 'manual' | 'trigger';

/** One tick of the scheduler clock: the jobs take their time from `at`, never from a clock. */
export type SchedulerTick = {
  reason: TickReason;
  /** The instant the tick fired. */
  at: Instant;
};

/**
 * The clock reads time and sets timers only through these, so tests drive it by hand; the
 * Electron main process and web mode pass the real ones.
 */
export type ClockTimers = {
  now(): Instant;
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

/**
 * The clock wakes at least this often to compare the wall clock with the schedule: timers run
 * late or not at all while a machine sleeps or a tab is frozen, and the wall clock can jump,
 * so a missed refresh is noticed within a minute of waking, not a day later.
 */
const MAX_SLEEP_MS = 60_000;

/**
 * Emits refresh ticks: 'startup' when started, 'daily' at the daily refresh time, 'resume' after
 * sleep, 'catch-up' when one or more daily refreshes were missed (asleep or timers late),
 * 'manual' on request, and 'trigger' at the instant set with `wakeAt` (the next auto-renewal
 * trigger), so work due between daily refreshes happens on time. Each tick covers every daily
 * refresh and the wake instant due up to its own instant.
 */
export class SchedulerClock {
  readonly #options: SchedulerClockOptions;
  #dailyTime: string;
  #coveredUntil: Instant | null = null;
  #timer: unknown = null;
  #running = false;
  /** The instant to tick 'trigger' at; null when nothing is asked for. */
  #wake: Instant | null = null;
  /** The last wake instant a tick covered: asking for it again does not tick twice. */
  #wokenFor: Instant | null = null;

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

  /**
   * Ticks 'trigger' at `at` (null cancels the wake). An instant already past ticks at once, so
   * a trigger set in the past, or one learned of late, catches up immediately; the instant the
   * last wake ticked for is not ticked again, so a trigger that stays pending (its run failed)
   * cannot make the clock spin. Before `start`, the start-up tick covers a past wake.
   */
  wakeAt(instant: Instant | null): void {
    const at = instant === null ? null : toInstant(instant);
    if (instant !== null && at === null)
      throw new Error(`"${instant}" is not an instant such as 2027-01-01T00:00:00.000Z.`);
    if (at !== null && at === this.#wokenFor) return;
    if (at === this.#wake) return;
    this.#wake = at;
    if (!this.#running) return;
    if (at !== null && at <= this.#options.timers.now()) this.#emit('trigger');
    this.#scheduleNext();
  }

  /** The wake instant still ahead, if any. */
  get wake(): Instant | null {
    return this.#wake;
  }

  /** Validates 'HH:MM' and reschedules; refreshes of the new time that already passed are not owed. */
  setDailyTime(dailyTime: string): void {
    parseDailyTime(dailyTime);
    if (dailyTime === this.#dailyTime) return;
    this.#dailyTime = dailyTime;
    this.#cover(this.#options.timers.now());
    if (this.#running) this.#scheduleNext();
  }

  /** Re-arms the next tick after the office time zone changed; no day counts as missed. */
  timeZoneChanged(): void {
    assertTimeZone(this.#options.timeZone());
    this.#cover(this.#options.timers.now());
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
    // Nothing due means the timer fired early or only woke to look: just wait again.
    if (due === 1) this.#emit('daily');
    else if (due > 1) this.#emit('catch-up');
    else if (this.#wake !== null && this.#wake <= this.#options.timers.now()) this.#emit('trigger');
    this.#scheduleNext();
  }

  #scheduleNext(): void {
    this.#clearTimer();
    const now = this.#options.timers.now();
    const daily = nextDailyRefresh(now, this.#schedule());
    const next = this.#wake !== null && this.#wake < daily ? this.#wake : daily;
    const delay = Math.min(Math.max(0, msOf(next) - msOf(now)), MAX_SLEEP_MS);
    this.#timer = this.#options.timers.setTimeout(() => this.#onTimer(), delay);
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#options.timers.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #cover(until: Instant): void {
    if (this.#coveredUntil === null || until > this.#coveredUntil) this.#coveredUntil = until;
  }

  #emit(reason: TickReason): void {
    const now = this.#options.timers.now();
    this.#cover(now);
    if (this.#wake !== null && this.#wake <= now) {
      this.#wokenFor = this.#wake;
      this.#wake = null;
    }
    this.#options.onTick({ reason, at: now });
  }
}
