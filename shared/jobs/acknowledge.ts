import { ok, refused, type FieldErrors, type Result } from '../result.js';
import {
  checkInProgress,
  checkSnooze,
  planClearInProgress,
  planClearSnooze,
  planMarkInProgress,
  planSnooze,
  type InProgressField,
  type InProgressInput,
  type SnoozeField,
  type SnoozeInput,
} from '../renewals/acknowledge.js';
import type { Renewal } from '../schema/renewal.js';
import type { TimelineEvent } from '../schema/timeline-event.js';
import type { Instant } from '../time/index.js';
import { changedMessage, contextAt, goneMessage, type JobContext } from './context.js';
import { applyPlan, insert, update } from './plan.js';
import type { JobPorts } from './ports.js';
import { deliverEventNotices } from './renewals.js';

type Planned<K extends string> = Result<{ renewal: Renewal; event: TimelineEvent }, K>;

/** A refusal that belongs to no field, typed for an operation whose fields are `K`. */
const refusedWith = <K extends string>(message: string): Result<Renewal, K> => ({
  ok: false,
  errors: refused(message).errors as FieldErrors<K>,
});

/**
 * What people do to say a renewal is handled for now: mark it in progress with a note, snooze
 * its reminders until a date, and clear either. Each writes the renewal (its claim: a newer
 * change refuses it, and it is planned again from what is stored) and then a timeline event,
 * journaled; clearing delivers at once an alert held during the pause.
 */
export function acknowledgeOperations(ports: JobPorts) {
  async function acknowledge<K extends string>(
    at: Instant,
    renewalId: string,
    label: string,
    plan: (renewal: Renewal, ctx: JobContext) => Planned<K>,
  ): Promise<Result<Renewal, K>> {
    const ctx = await contextAt(ports, at);
    for (let attempt = 0; attempt < 3; attempt++) {
      const renewal = await ports.store.get('renewals', renewalId);
      if (!renewal) return refusedWith(goneMessage('renewal', renewalId));
      const planned = plan(renewal, ctx);
      if (!planned.ok) return planned;
      const applied = await applyPlan(
        ports,
        {
          writes: [
            update('renewals', renewal, planned.value.renewal),
            insert('events', planned.value.event),
          ],
          notices: [],
        },
        { at, journal: `${label} ${renewalId}` },
      );
      if (applied.ok) {
        await deliverEventNotices(ctx);
        return ok(planned.value.renewal);
      }
    }
    return refusedWith(changedMessage('renewal', 'it kept changing while saving'));
  }

  return {
    /** Pauses the renewal's reminders and escalation while the work is under way. */
    markInProgress: (at: Instant, renewalId: string, input: InProgressInput) =>
      acknowledge<InProgressField>(at, renewalId, 'Mark in progress', (renewal, ctx) => {
        const checked = checkInProgress(renewal, input, ctx.office.staff);
        if (!checked.ok) return checked;
        return ok(planMarkInProgress(renewal, checked.value, { ...ctx, staff: ctx.office.staff }));
      }),

    clearInProgress: (at: Instant, renewalId: string) =>
      acknowledge(at, renewalId, 'Clear in progress', (renewal, ctx) =>
        planClearInProgress(renewal, ctx),
      ),

    /** Snoozes the renewal's reminders and escalation until `input.until` (they resume that day). */
    snooze: (at: Instant, renewalId: string, input: SnoozeInput) =>
      acknowledge<SnoozeField>(at, renewalId, 'Snooze', (renewal, ctx) => {
        const checked = checkSnooze(renewal, input, ctx.today);
        if (!checked.ok) return checked;
        return ok(planSnooze(renewal, checked.value, ctx));
      }),

    clearSnooze: (at: Instant, renewalId: string) =>
      acknowledge(at, renewalId, 'Clear the snooze of', (renewal, ctx) =>
        planClearSnooze(renewal, ctx),
      ),
  };
}
