import type { PauseReminders } from '../shared/ipc';
import { msOf, type ClockTimers, type Instant } from '../shared/time';
import { isPausedAt, pauseStateAt, pauseUntil, type PauseChoice } from './pause';

export type PauseControllerOptions = {
  timeZone: () => string;
  timers: ClockTimers;
  /** Called when the pause starts, is cleared, or ends on its own. */
  onChange: (pause: PauseReminders, pausedUntil: Instant | null) => void;
};

/** Holds the reminder pause and ends it on time, so the tray and renderer learn when it lapses. */
export class PauseController {
  readonly #options: PauseControllerOptions;
  #pausedUntil: Instant | null = null;
  #timer: unknown = null;

  constructor(options: PauseControllerOptions) {
    this.#options = options;
  }

  /** The end of the current pause, or null when reminders are on. */
  get pausedUntil(): Instant | null {
    return isPausedAt(this.#pausedUntil, this.#options.timers.now()) ? this.#pausedUntil : null;
  }

  isPaused(): boolean {
    return this.pausedUntil !== null;
  }

  state(): PauseReminders {
    return pauseStateAt(this.#pausedUntil, this.#options.timers.now());
  }

  pause(choice: PauseChoice): void {
    const now = this.#options.timers.now();
    this.#set(pauseUntil(choice, now, this.#options.timeZone()));
  }

  resume(): void {
    this.#set(null);
  }

  dispose(): void {
    this.#clearTimer();
  }

  #set(pausedUntil: Instant | null): void {
    this.#clearTimer();
    this.#pausedUntil = pausedUntil;
    if (pausedUntil !== null) {
      const delay = Math.max(0, msOf(pausedUntil) - msOf(this.#options.timers.now()));
      this.#timer = this.#options.timers.setTimeout(() => this.#expire(), delay);
    }
    this.#options.onChange(this.state(), this.pausedUntil);
  }

  #expire(): void {
    this.#timer = null;
    const until = this.#pausedUntil;
    if (until === null) return;
    // Timers may fire early or be clamped; wait again until the pause has really ended.
    if (isPausedAt(until, this.#options.timers.now())) this.#set(until);
    else this.#set(null);
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#options.timers.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
