import {
  applyAutomaticAction,
  applyPluginReplies,
  planAutoRenewalStep,
  recordWebhookRound,
  withoutPendingCall,
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
  WebhookPluginRef,
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
  /**
   * True when it stopped before a step that calls webhooks, because that step's calls must be
   * recorded on the saved auto-renewal: save this result, then run again.
   */
  more: boolean;
};

export type RunOptions = {
  timeZone: string;
  /**
   * Performs the HTTP POST of a webhook plugin (the only I/O); body from webhookRequestBody,
   * `idempotencyKey` the round's key (the same on a retry after an interruption).
   */
  callWebhook: (
    plugin: WebhookPluginRef,
    body: string,
    idempotencyKey: string,
  ) => Promise<WebhookResult>;
  /**
   * Saves the auto-renewal with its round of webhook calls recorded, before any of them is
   * made; false when it changed meanwhile (another run is at it), and then nothing is called.
   * Without it (pure tests) calls are made unrecorded.
   */
  recordCall?: (marked: AutoRenewal) => Promise<boolean>;
};

const isWebhook = (plugin: PluginRef): plugin is WebhookPluginRef => plugin !== 'renewal-notice';

/**
 * Runs every due trigger of one auto-renewal in order (create → accept → issue): plan a step
 * (pure, shared/policies), call its plugins out (the only I/O, through `callWebhook`), plan
 * from the replies, act. Reads no clock. With `recordCall`, a step with webhooks is first
 * recorded on the saved auto-renewal (so a crash mid-call is known to the next run), and only
 * as the first step of a run: after another step it stops with `more` for the caller to save.
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
  let more = false;
  let stepsTaken = 0;
  const term = state.policy.terms.find((t) => t.termNumber === state.autoRenewal.termNumber);
  const termEnd = term?.endTime ?? now;
  for (let guard = 0; guard < RENEWAL_EVENTS.length * 2; guard++) {
    const step = planAutoRenewalStep(current, now);
    if (step.changed) changed = true;
    current = { ...current, autoRenewal: step.autoRenewal };
    const trigger = step.due[0];
    if (!trigger) break;
    const webhooks = trigger.plugins.filter(isWebhook);
    let idempotencyKey = '';
    if (webhooks.length > 0) {
      if (options.recordCall && stepsTaken > 0) {
        more = true;
        break;
      }
      const round = recordWebhookRound(current.autoRenewal, trigger, webhooks, now);
      changed = true;
      if (round.gaveUp) {
        current = { ...current, autoRenewal: round.autoRenewal };
        continue;
      }
      if (options.recordCall && !(await options.recordCall(round.autoRenewal)))
        return { ...unchanged(state), more: false };
      current = { ...current, autoRenewal: round.autoRenewal };
      idempotencyKey = round.key;
    }
    stepsTaken++;
    const outcomes: PluginOutcome[] = [];
    // The notice says the step is happening: it is kept only once every plugin let it proceed.
    const stepNotices: RenewalNotice[] = [];
    for (const plugin of trigger.plugins) {
      if (plugin === 'renewal-notice') {
        const notice = renewalNotice(trigger.request, current.policy, now, options.timeZone);
        stepNotices.push({ event: notice.event, notice: notice.notice });
        outcomes.push({ plugin, reply: notice.reply });
      } else {
        const result = interpretWebhookResult(
          await options.callWebhook(
            plugin,
            webhookRequestBody(trigger.event, trigger.request.autoRenewal),
            idempotencyKey,
          ),
        );
        outcomes.push(
          'error' in result ? { plugin, error: result.error } : { plugin, reply: result.reply },
        );
      }
    }
    changed = true;
    // Every answer is in hand: the round is no longer pending once this result is saved.
    const replied = applyPluginReplies(
      withoutPendingCall(current.autoRenewal),
      trigger.event,
      outcomes,
      now,
      { termEnd },
    );
    current = { ...current, autoRenewal: replied.autoRenewal };
    if (!replied.proceed) continue;
    notices.push(...stepNotices);
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
    more,
  };
}

function unchanged(state: AutoRenewalContext): AutoRenewalRun {
  return {
    autoRenewal: state.autoRenewal,
    policy: state.policy,
    transactions: [],
    notices: [],
    fired: [],
    changed: false,
    more: false,
  };
}
