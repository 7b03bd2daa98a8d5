import { addMs, type ClockTimers, type Instant } from '../shared/time';

/** How long Quit waits for a running job before quitting anyway (its next run finishes it). */
export const QUIT_WAIT_LIMIT_MS = 30_000;

/** While Quit waits: since when, and when it quits even if the job still runs. */
export type QuitWait = { since: Instant; until: Instant };

export type QuitGuardOptions = {
  timers: ClockTimers;
  limitMs?: number;
  /** Quits for real (app.quit again, which the guard then lets through). */
  proceed: (why: 'job finished' | 'time limit') => void;
  /** The wait began or ended, for the tray. */
  onChange: (wait: QuitWait | null) => void;
};

/**
 * Lets Quit wait for the job the window is running, up to a limit: the run's writes are
 * ordered so that stopping anywhere is safe, but a finished run (and its backup) is better.
 */
export class QuitGuard {
  readonly #options: QuitGuardOptions;
  #running = false;
  #wait: QuitWait | null = null;
  #timer: unknown = null;
  #released = false;

  constructor(options: QuitGuardOptions) {
    this.#options = options;
  }

  get running(): boolean {
    return this.#running;
  }

  get waiting(): QuitWait | null {
    return this.#wait;
  }

  /** What the renderer's job host reports (setJobRunning). */
  setJobRunning(running: boolean): void {
    this.#running = running;
    if (!running && this.#wait) this.#release('job finished');
  }

  /** The page crashed or reloaded: whatever job it ran is no longer running. */
  pageGone(): void {
    this.setJobRunning(false);
  }

  /**
   * At before-quit: 'quit' lets it through; 'wait' means prevent it, the guard quits later. A
   * second Quit while waiting is a person who will not wait: it quits now.
   */
  beforeQuit(): 'quit' | 'wait' {
    if (this.#released || !this.#running) return 'quit';
    if (this.#wait) {
      this.dispose();
      this.#released = true;
      this.#wait = null;
      this.#options.onChange(null);
      return 'quit';
    }
    const { timers } = this.#options;
    const limit = this.#options.limitMs ?? QUIT_WAIT_LIMIT_MS;
    this.#wait = { since: timers.now(), until: addMs(timers.now(), limit) };
    this.#timer = timers.setTimeout(() => {
      this.#timer = null;
      this.#release('time limit');
    }, limit);
    this.#options.onChange(this.#wait);
    return 'wait';
  }

  dispose(): void {
    if (this.#timer !== null) this.#options.timers.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #release(why: 'job finished' | 'time limit'): void {
    this.dispose();
    this.#released = true;
    this.#wait = null;
    this.#options.onChange(null);
    this.#options.proceed(why);
  }
}
