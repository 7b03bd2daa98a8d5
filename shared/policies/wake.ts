import type { AutoRenewal, Instant } from './model.js';

/**
 * When the scheduler should next wake for auto-renewals: the earliest pending trigger of
 * `pending` (sorted by `nextTriggerAt`), leaving out those a completed run at `coveredUntil`
 * already met and could not move (its trigger is at or before that run and nobody changed it
 * since): they wait for a change or the next daily run instead of waking the clock again and
 * hiding later triggers. Null when nothing is pending.
 */
export function nextWakeAt(
  pending: readonly Pick<AutoRenewal, 'nextTriggerAt' | 'updatedAt'>[],
  coveredUntil: Instant | null,
): Instant | null {
  const next = pending.find(
    (ar) => coveredUntil === null || ar.nextTriggerAt > coveredUntil || ar.updatedAt > coveredUntil,
  );
  return next?.nextTriggerAt ?? null;
}
