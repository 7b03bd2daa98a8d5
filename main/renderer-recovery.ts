import { addMs, type ClockTimers, type Instant } from '../shared/time';

/**
 * What the tray says about the window's page: nothing while it is healthy; while it is stuck
 * or being restarted; and for a while after a restart, so a person who looks knows it happened.
 */
export type RecoveryStatus =
  | { state: 'healthy' }
  | { state: 'unresponsive'; since: Instant; restartAt: Instant }
  | { state: 'restarting'; cause: RecoveryCause; at: Instant; attempt: number }
  | { state: 'recovered'; cause: RecoveryCause; at: Instant; attempt: number };

/** Why the page was restarted: it crashed (or was killed, or ran out of memory) or hung. */
export type RecoveryCause = 'crashed' | 'hung' | 'out of memory' | 'killed';

/** The first restart is quick; each one after doubles, up to a minute apart. */
export const FIRST_RESTART_DELAY_MS = 1_000;
export const MAX_RESTART_DELAY_MS = 60_000;
/** A page that stays unresponsive this long is restarted; longer while a job runs in it. */
export const HANG_TIMEOUT_MS = 30_000;
export const BUSY_HANG_TIMEOUT_MS = 120_000;
/** A page that has run this long since its last restart is healthy again: backoff starts over. */
export const STABLE_AFTER_MS = 5 * 60_000;

/** How long to wait before the `attempt`th restart in a row (1-based). */
export function restartDelayMs(attempt: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 16));
  return Math.min(FIRST_RESTART_DELAY_MS * 2 ** exponent, MAX_RESTART_DELAY_MS);
}

/** Electron's render-process-gone reason in the words the tray uses. */
export function causeOf(reason: string): RecoveryCause {
  if (reason === 'oom') return 'out of memory';
  if (reason === 'killed') return 'killed';
  return 'crashed';
}

export type RendererRecoveryOptions = {
  timers: ClockTimers;
  /** Loads the app page again in the window. */
  restart: () => void;
  /** Ends a hung page's process, which then counts as gone and is restarted. */
  killHungPage: () => void;
  /** Whether a job runs in the page now (it may be busy, not stuck). */
  isBusy: () => boolean;
  onChange: (status: RecoveryStatus) => void;
};

/**
 * Restarts the window's page when it crashes or hangs, with growing pauses between restarts
 * so a page that crashes at once is not restarted in a tight loop. Reads time only from its
 * timers. A job interrupted by a crash is finished by the next run (the job runner's write order).
 */
type TimerName = 'restart' | 'hang' | 'stable';

export class RendererRecovery {
  readonly #options: RendererRecoveryOptions;
  readonly #timers = new Map<TimerName, unknown>();
  #status: RecoveryStatus = { state: 'healthy' };
  /** What the tray said before the page stopped answering, to say again if it answers. */
  #beforeHang: RecoveryStatus = { state: 'healthy' };
  #attempt = 0;
  #killingHung = false;

  constructor(options: RendererRecoveryOptions) {
    this.#options = options;
  }

  get status(): RecoveryStatus {
    return this.#status;
  }

  /** The page's process ended (render-process-gone): restart it after the backoff delay. */
  gone(reason: string): void {
    this.#clear('hang');
    this.#clear('stable');
    if (this.#status.state === 'restarting') return;
    const cause: RecoveryCause = this.#killingHung ? 'hung' : causeOf(reason);
    this.#killingHung = false;
    this.#attempt += 1;
    const attempt = this.#attempt;
    const delay = restartDelayMs(attempt);
    const { timers } = this.#options;
    this.#set({ state: 'restarting', cause, at: addMs(timers.now(), delay), attempt });
    this.#start('restart', delay, () => {
      this.#set({ state: 'recovered', cause, at: timers.now(), attempt });
      this.#options.restart();
    });
  }

  /** The page stopped answering: give it time, more while a job runs, then restart it. */
  unresponsive(): void {
    if (this.#timers.has('hang') || this.#status.state === 'restarting') return;
    const { timers } = this.#options;
    const timeout = this.#options.isBusy() ? BUSY_HANG_TIMEOUT_MS : HANG_TIMEOUT_MS;
    this.#beforeHang = this.#status;
    this.#set({
      state: 'unresponsive',
      since: timers.now(),
      restartAt: addMs(timers.now(), timeout),
    });
    this.#start('hang', timeout, () => {
      this.#killingHung = true;
      this.#options.killHungPage();
    });
  }

  /** The page answers again: nothing to do, and the tray forgets the hang. */
  responsive(): void {
    if (!this.#timers.has('hang')) return;
    this.#clear('hang');
    this.#set(this.#beforeHang);
  }

  /** The page finished loading: once it has run for a while, restarts count from zero again. */
  loaded(): void {
    this.#clear('stable');
    if (this.#attempt === 0) return;
    this.#start('stable', STABLE_AFTER_MS, () => {
      this.#attempt = 0;
      this.#set({ state: 'healthy' });
    });
  }

  dispose(): void {
    for (const name of [...this.#timers.keys()]) this.#clear(name);
  }

  #set(status: RecoveryStatus): void {
    this.#status = status;
    this.#options.onChange(status);
  }

  #start(name: TimerName, delayMs: number, callback: () => void): void {
    this.#clear(name);
    const handle = this.#options.timers.setTimeout(() => {
      this.#timers.delete(name);
      callback();
    }, delayMs);
    this.#timers.set(name, handle);
  }

  #clear(name: TimerName): void {
    if (!this.#timers.has(name)) return;
    this.#options.timers.clearTimeout(this.#timers.get(name));
    this.#timers.delete(name);
  }
}
