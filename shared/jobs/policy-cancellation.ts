import {
  canCancel,
  canReinstate,
  checkCancellationForm,
  describeQueueOutcome,
  planCancellation,
  planReinstatement,
  queueRenewalId,
  type CancellationField,
  type CancellationForm,
} from '../policies/cancellation.js';
import { OPEN_AUTO_RENEWAL_STATES } from '../policies/model.js';
import { ok, refused, type Result } from '../result.js';
import type { Instant } from '../time/index.js';
import { changedMessage, contextAt, goneMessage } from './context.js';
import { applyPlan, insert, patch, update, type Plan } from './plan.js';
import type { JobPorts } from './ports.js';
import { transactionWrite } from './policy-writes.js';
import { closeTaskWrites, deliverEventNotices, newRenewalWrites } from './renewals.js';
import type { Write } from './store.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Cancelling and reinstating a policy. Both are journaled: the policy's own update is the
 * claim (written first, refused whole if the policy changed meanwhile), then what follows from
 * it, so an interruption is finished by the next run.
 */
export function policyCancellationOperations(ports: JobPorts) {
  const { store } = ports;

  async function read(policyId: string) {
    const policy = await store.get('policies', policyId);
    if (!policy) return null;
    const [transactions, autoRenewals] = await Promise.all([
      store.find('transactions', { selector: { policyId } }),
      store.find('autorenewals', { selector: { policyId } }),
    ]);
    return { policy, transactions, autoRenewals };
  }

  async function save(at: Instant, plan: Plan, label: string): Promise<boolean> {
    const applied = await applyPlan(ports, plan, { at, journal: label });
    if (applied.ok) await deliverEventNotices(await contextAt(ports, at));
    return applied.ok;
  }

  return {
    /**
     * Records a cancellation effective on an office-local date: the policy becomes cancelled,
     * its managed pending renewal goes back to draft, its open auto-renewals are invalidated
     * until reactivated, and its latest term's queue renewal closes as CANCELLED with its tasks.
     */
    async cancelPolicy(
      at: Instant,
      policyId: string,
      form: CancellationForm,
    ): Promise<Result<string, CancellationField>> {
      const ctx = await contextAt(ports, at);
      const { timeZone } = ctx.office;
      const state = await read(policyId);
      if (!state) return refused(goneMessage('policy', policyId));
      const { policy, transactions, autoRenewals } = state;
      const blocker = canCancel(policy, timeZone);
      if (blocker) return refused(blocker);
      const effective = checkCancellationForm(policy, form, timeZone);
      if (!effective.ok) return effective;
      const queueId = queueRenewalId(policy, timeZone);
      const queueRenewal = await store.get('renewals', queueId);
      const plan = planCancellation(
        policy,
        { transactions, autoRenewals, queueRenewal, timeZone },
        effective.value,
        at,
      );
      const queueWrites: Write[] = [];
      if (plan.queue) {
        const { status, nextStageOn, updatedAt } = plan.queue.renewal;
        const tasks = await store.find('tasks', { selector: { renewalId: queueId } });
        queueWrites.push(
          insert('events', plan.queue.event),
          // Closed from whichever open status it has now: a refresh may move it meanwhile.
          ...(['ACTIVE', 'OVERDUE'] as const).map((open) =>
            patch('renewals', queueId, { status: open }, { status, nextStageOn, updatedAt }),
          ),
          ...closeTaskWrites(tasks, at),
        );
      }
      const saved = await save(
        at,
        {
          writes: [
            update('policies', policy, plan.policy),
            ...plan.transactionUpdates.map((t) => transactionWrite(t, transactions)),
            ...plan.autoRenewalUpdates.flatMap((ar) => {
              const was = autoRenewals.find((a) => a.id === ar.id);
              return was ? [update('autorenewals', was, ar)] : [];
            }),
            insert('events', plan.event),
            ...queueWrites,
          ],
          notices: [],
        },
        `Cancel policy ${policy.number}`,
      );
      if (!saved) return refused(changedMessage('policy', 'edited meanwhile'));
      return ok(
        [
          `Policy ${policy.number} cancelled effective ${effective.value.effectiveDate}.`,
          plan.transactionUpdates.length > 0
            ? `${plural(plan.transactionUpdates.length, 'managed renewal is', 'managed renewals are')} back in draft.`
            : '',
          plan.autoRenewalUpdates.length > 0
            ? 'The auto-renewal is invalidated until you reactivate it.'
            : '',
          plan.queue ? `Its queue renewal due ${plan.queue.renewal.dueDate} is cancelled.` : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
    },

    /**
     * Undoes a cancellation while the latest term has not ended: the policy is active again
     * and its latest term's queue renewal open again (reopened, or created when missing).
     */
    async reinstatePolicy(at: Instant, policyId: string): Promise<Result<string>> {
      const ctx = await contextAt(ports, at);
      const { timeZone } = ctx.office;
      const state = await read(policyId);
      if (!state) return refused(goneMessage('policy', policyId));
      const { policy, autoRenewals } = state;
      const blocker = canReinstate(policy, at, timeZone);
      if (blocker) return refused(blocker);
      const queueId = queueRenewalId(policy, timeZone);
      const [queueRenewal, tasks] = await Promise.all([
        store.get('renewals', queueId),
        store.find('tasks', { selector: { renewalId: queueId } }),
      ]);
      const plan = planReinstatement(policy, { queueRenewal, tasks, timeZone }, at);
      const queue = plan.queue;
      const queueWrites: Write[] =
        queue.kind === 'created'
          ? newRenewalWrites([queue.renewal], ctx)
          : queue.kind === 'reopened' && queueRenewal
            ? [
                ...plan.stageEvents.map((e) => insert('events', e)),
                ...plan.stageTasks.map((t) => insert('tasks', t)),
                update('renewals', queueRenewal, queue.renewal),
                ...(plan.queueEvent ? [insert('events', plan.queueEvent)] : []),
                ...plan.reopenTasks.map((t) =>
                  patch(
                    'tasks',
                    t.id,
                    { status: 'DONE', updatedAt: t.updatedAt },
                    { status: 'OPEN', updatedAt: at },
                  ),
                ),
              ]
            : [];
      const saved = await save(
        at,
        {
          writes: [
            update('policies', policy, plan.policy),
            insert('events', plan.event),
            ...queueWrites,
          ],
          notices: [],
        },
        `Reinstate policy ${policy.number}`,
      );
      if (!saved) return refused(changedMessage('policy', 'edited meanwhile'));
      const held = autoRenewals.some(
        (ar) => ar.invalidatedAt !== null && OPEN_AUTO_RENEWAL_STATES.includes(ar.state),
      );
      return ok(
        [
          `Policy ${policy.number} reinstated.`,
          describeQueueOutcome(queue),
          held
            ? 'The auto-renewal stays invalidated: reactivate it to let it renew the policy.'
            : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
    },
  };
}
