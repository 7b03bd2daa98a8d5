/** Why a notification request is or is not shown. */
export type NotificationDecision = 'show' | 'duplicate' | 'paused';

/**
 * Decides whether a notification is shown: once per ledger id, and never while reminders are
 * paused. A request refused for the pause is not remembered, so it can be shown after the pause.
 */
export class NotificationGate {
  readonly #shown = new Set<string>();
  readonly #capacity: number;

  constructor(capacity = 5000) {
    this.#capacity = capacity;
  }

  decide(id: string, paused: boolean): NotificationDecision {
    if (this.#shown.has(id)) return 'duplicate';
    if (paused) return 'paused';
    this.#shown.add(id);
    // Ledger ids are deterministic per day, so forgetting the oldest ones is safe.
    if (this.#shown.size > this.#capacity) {
      const oldest = this.#shown.values().next().value;
      if (oldest !== undefined) this.#shown.delete(oldest);
    }
    return 'show';
  }
}
