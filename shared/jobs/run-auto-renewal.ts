import {
  applyAutomaticAction,
  applyPluginReplies,
  planAutoRenewalStep,
  type AutoRenewalContext,
} from '../policies/auto-renewal.js';
import { RENEWAL_EVENTS } from '../policies/model.js';
import type {
  AutoRenewal,
  Instant,
  PluginRef,
  Policy,
  RenewalEvent,
  RenewalTransaction,
} from '../policies/model.js';
import {
  interpretWebhookResult,
  renewalNotice,
  webhookRequestBody,
  type PluginOutcome,
  type RenewalNotice,
  type WebhookResult,
} from '../policies/plugins.js';
import type { IssuePlan } from '../policies/transactions.js';

export type AutoRenewalRun = {
  autoRenewal: AutoRenewal;
  policy: Policy;
  /** Transactions created or changed, latest version of each. */
  transactions: RenewalTransaction[];
  issued?: IssuePlan;
  notices: RenewalNotice[];
  /** Triggers that fired, in order. */
  fired: RenewalEvent[];
  /** False when nothing changed and there is nothing to save. */
  changed: boolean;
};

export type RunOptions = {
  timeZone: string;
  /** Performs the HTTP POST of a webhook plugin (the only I/O); body from webhookRequestBody. */
  callWebhook: (
    plugin: Extract<PluginRef, { kind: 'webhook' }>,
    body: string,
  ) => Promise<WebhookResult>;
};

/**
 * Runs every due trigger of one auto-renewal in order (create → accept → issue): plan a step
 * (pure, shared/policies), call its plugins out (the only I/O, through `callWebhook`), plan
 * from the replies, act. Reads no clock and writes nothing: the policies job saves the result.
 * Running it again with the result is a no-op.
 */
export async function runAutoRenewal(
  state: AutoRenewalContext,
  now: Instant,
  options: RunOptions,
): Promise<AutoRenewalRun> {
  let current: AutoRenewalContext = { ...state };
  const touched = new Map<string, RenewalTransaction>();
  const notices: RenewalNotice[] = [];
  const fired: RenewalEvent[] = [];
  let issued: IssuePlan | undefined;
  let changed = false;
  for (let guard = 0; guard < RENEWAL_EVENTS.length * 2; guard++) {
    const step = planAutoRenewalStep(current, now);
    if (step.changed) changed = true;
    current = { ...current, autoRenewal: step.autoRenewal };
    const trigger = step.due[0];
    if (!trigger) break;
    const outcomes: PluginOutcome[] = [];
    for (const plugin of trigger.plugins) {
      if (plugin === 'renewal-notice') {
        const notice = renewalNotice(trigger.request, current.policy, now, options.timeZone);
        notices.push({ event: notice.event, notice: notice.notice });
        outcomes.push({ plugin, reply: notice.reply });
      } else {
        const result = interpretWebhookResult(
          await options.callWebhook(
            plugin,
            webhookRequestBody(trigger.event, trigger.request.autoRenewal),
          ),
        );
        outcomes.push(
          'error' in result ? { plugin, error: result.error } : { plugin, reply: result.reply },
        );
      }
    }
    changed = true;
    const replied = applyPluginReplies(current.autoRenewal, trigger.event, outcomes, now);
    current = { ...current, autoRenewal: replied.autoRenewal };
    if (!replied.proceed) continue;
    const action = applyAutomaticAction(current, trigger.event, now, options.timeZone);
    fired.push(trigger.event);
    current = { ...current, autoRenewal: action.autoRenewal };
    if (action.transaction) {
      const tx = action.transaction;
      touched.set(tx.id, tx);
      current = {
        ...current,
        transactions: [...current.transactions.filter((t) => t.id !== tx.id), tx],
      };
    }
    if (action.issued) {
      issued = action.issued;
      for (const tx of action.issued.invalidatedTransactions) touched.set(tx.id, tx);
      current = { ...current, policy: action.issued.policy };
    }
  }
  return {
    autoRenewal: current.autoRenewal,
    policy: current.policy,
    transactions: [...touched.values()],
    ...(issued ? { issued } : {}),
    notices,
    fired,
    changed,
  };
}
