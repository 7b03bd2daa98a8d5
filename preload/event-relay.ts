import type { Unsubscribe } from '../shared/ipc';

/**
 * Relays one main → renderer event channel to listeners. Events that arrive before the renderer
 * subscribes (the start-up tick is sent as soon as the page loads, before React mounts) are kept,
 * up to `capacity`, and replayed to the first listener.
 */
export class EventRelay<T> {
  readonly #listeners = new Set<(payload: T) => void>();
  readonly #pending: T[] = [];
  readonly #capacity: number;
  readonly #defer: (task: () => void) => void;

  constructor(options: { capacity?: number; defer?: (task: () => void) => void } = {}) {
    this.#capacity = options.capacity ?? 20;
    this.#defer = options.defer ?? queueMicrotask;
  }

  emit(payload: T): void {
    if (this.#listeners.size === 0) {
      this.#pending.push(payload);
      if (this.#pending.length > this.#capacity) this.#pending.shift();
      return;
    }
    for (const listener of [...this.#listeners]) listener(payload);
  }

  subscribe(listener: (payload: T) => void): Unsubscribe {
    this.#listeners.add(listener);
    if (this.#pending.length > 0) {
      const replay = this.#pending.splice(0);
      // Replayed after subscribe returns, so the caller holds its Unsubscribe first.
      this.#defer(() => {
        for (const payload of replay) if (this.#listeners.has(listener)) listener(payload);
      });
    }
    return () => {
      this.#listeners.delete(listener);
    };
  }
}
