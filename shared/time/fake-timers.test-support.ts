import { instantFromMs, type Instant } from './instant.js';
import type { ClockTimers } from './scheduler-clock.js';

/** Hand-driven timers for the clock and pause tests: time moves only when a test says so. */
export class FakeTimers implements ClockTimers {
  #now: number;
  #nextHandle = 1;
  readonly #pending = new Map<number, { at: number; callback: () => void }>();

  constructor(startIso: string) {
    this.#now = Date.parse(startIso);
  }

  now(): Instant {
    return instantFromMs(this.#now);
  }

  setTimeout(callback: () => void, delayMs: number): unknown {
    const handle = this.#nextHandle++;
    this.#pending.set(handle, { at: this.#now + delayMs, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.#pending.delete(handle as number);
  }

  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Moves the clock to `iso`, firing due timers in order, as an awake machine would. */
  advanceTo(iso: string): void {
    const target = Date.parse(iso);
    for (;;) {
      const due = [...this.#pending.entries()]
        .filter(([, t]) => t.at <= target)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#pending.delete(due[0]);
      this.#now = Math.max(this.#now, due[1].at);
      due[1].callback();
    }
    this.#now = target;
  }

  /** Moves the clock to `iso` without firing anything, as a machine asleep would. */
  sleepUntil(iso: string): void {
    this.#now = Date.parse(iso);
  }
}
