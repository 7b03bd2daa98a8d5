import { isRunning, touchAutoRenewal, triggerTime, withoutError } from './auto-renewal-record.js';
import { policyIds } from './ids.js';
import { addMonthsToInstant, subtractDays, toInstant } from '../time/index.js';
import {
  OPEN_AUTO_RENEWAL_STATES,
  PolicyRuleError,
  RENEWAL_EVENTS,
  TERMINAL_TRANSACTION_STATES,
  pluginName,
} from './model.js';
import type {
  AutoRenewal,
  AutoRenewalPlan,
  Instant,
  Policy,
  PluginLogEntry,
  PluginRef,
  RenewalEvent,
  RenewalTransaction,
} from './model.js';
import { validatePluginReply, webhookIdempotencyKey } from './plugins.js';
import type { PluginOutcome, PluginReply, PluginRequest } from './plugins.js';
import { acceptTransaction, draftTransaction, issueTransaction } from './transactions.js';
import type { IssuePlan } from './transactions.js';

export {
  createAutoRenewal,
  isRunning,
  nextTriggerAt,
  NO_PENDING_TRIGGER,
} from './auto-renewal-record.js';

/** Everything one auto-renewal step reads. `autoRenewals` (optional) are the policy's others. */
export type AutoRenewalContext = {
  policy: Policy;
  autoRenewal: AutoRenewal;
  transactions: readonly RenewalTransaction[];
  plan: AutoRenewalPlan | null;
  autoRenewals?: readonly AutoRenewal[];
};

/** A trigger whose time has come: run `plugins` with `request`, then apply replies and the action. */
export type DueTrigger = {
  event: RenewalEvent;
  /** The recorded trigger time. */
  at: Instant;
  plugins: PluginRef[];
  request: PluginRequest;
  /**
   * False when the transaction was already advanced by hand past this step (or there is none
   * to act on): the plugin still fires, no automatic action happens.
   */
  automaticAction: boolean;
};

export type AutoRenewalStepPlan = {
  /** The auto-renewal after reconciling with its transactions (issued/terminated), with due triggers. */
  autoRenewal: AutoRenewal;
  /** True when reconciling changed the auto-renewal and it must be saved. */
  changed: boolean;
  /** Due triggers in order create → accept → issue; only the first is certain (see runAutoRenewal). */
  due: DueTrigger[];
};

/** The transaction the auto-renewal manages, if it exists among `transactions`. */
export function managedTransaction(
  autoRenewal: AutoRenewal,
  transactions: readonly RenewalTransaction[],
): RenewalTransaction | undefined {
  const id = autoRenewal.transactionId ?? policyIds.autoTransaction(autoRenewal.id);
  return transactions.find((tx) => tx.id === id);
}

/**
 * Brings an open auto-renewal in line with its transactions: any renewal issued for its term
 * makes it `issued`; its managed transaction in a terminal state makes it `terminated`.
 */
export function reconcileAutoRenewal(
  autoRenewal: AutoRenewal,
  transactions: readonly RenewalTransaction[],
  now: Instant,
): AutoRenewal {
  if (!OPEN_AUTO_RENEWAL_STATES.includes(autoRenewal.state)) return autoRenewal;
  const issuedForTerm = transactions.some(
    (tx) =>
      tx.policyId === autoRenewal.policyId &&
      tx.termNumber === autoRenewal.termNumber &&
      tx.state === 'issued',
  );
  if (issuedForTerm)
    return touchAutoRenewal({ ...withoutError(autoRenewal), state: 'issued' }, now);
  const managed =
    autoRenewal.transactionId === undefined
      ? undefined
      : managedTransaction(autoRenewal, transactions);
  if (managed && TERMINAL_TRANSACTION_STATES.includes(managed.state)) {
    return touchAutoRenewal({ ...withoutError(autoRenewal), state: 'terminated' }, now);
  }
  return autoRenewal;
}

function hasAutomaticAction(
  event: RenewalEvent,
  transaction: RenewalTransaction | undefined,
): boolean {
  if (event === 'create') return transaction === undefined;
  if (transaction === undefined) return false;
  return event === 'accept'
    ? transaction.state === 'draft'
    : transaction.state === 'draft' || transaction.state === 'accepted';
}

/**
 * The triggers due at `now` that have not fired yet, in order. Nothing is due unless the
 * auto-renewal is active and not invalidated; `error`, `doNotRenew`, `discarded`,
 * `terminated` and `issued` all hold. Fired triggers (`done`) never come back, so catch-up
 * after days offline runs each missed trigger exactly once.
 */
export function planAutoRenewalStep(state: AutoRenewalContext, now: Instant): AutoRenewalStepPlan {
  const autoRenewal = reconcileAutoRenewal(state.autoRenewal, state.transactions, now);
  const changed = autoRenewal !== state.autoRenewal;
  if (!isRunning(autoRenewal)) return { autoRenewal, changed, due: [] };
  const transaction =
    autoRenewal.transactionId === undefined
      ? undefined
      : managedTransaction(autoRenewal, state.transactions);
  const due: DueTrigger[] = [];
  for (const event of RENEWAL_EVENTS) {
    const at = triggerTime(autoRenewal, event);
    if (at === null || at > now || autoRenewal.done[event] !== undefined) continue;
    due.push({
      event,
      at,
      plugins: [...(state.plan?.plugins ?? [])],
      request: { renewalEvent: event, autoRenewal },
      automaticAction: hasAutomaticAction(event, transaction),
    });
  }
  return { autoRenewal, changed, due };
}

const TIME_FIELDS = [
  ['create', 'renewalTransactionCreateTime', 'createTime'],
  ['accept', 'renewalTransactionAcceptTime', 'acceptTime'],
  ['issue', 'renewalTransactionIssueTime', 'issueTime'],
] as const;

/** Non-null trigger times must run create ≤ accept ≤ issue; returns the problem or null. */
function triggerOrderProblem(autoRenewal: AutoRenewal): string | null {
  let previous: { event: RenewalEvent; time: Instant } | null = null;
  for (const event of RENEWAL_EVENTS) {
    const time = triggerTime(autoRenewal, event);
    if (time === null) continue;
    if (previous && time < previous.time) {
      return `the ${event} time ${time} is before the ${previous.event} time ${previous.time}`;
    }
    previous = { event, time };
  }
  return null;
}

function toError(
  autoRenewal: AutoRenewal,
  reason: string,
  now: Instant,
  log: PluginLogEntry[],
): AutoRenewal {
  return touchAutoRenewal(
    {
      ...autoRenewal,
      state: 'error',
      errorReason: reason,
      pluginLog: [...autoRenewal.pluginLog, ...log],
    },
    now,
  );
}

function describeChanges(changes: PluginReply): string {
  const keys = Object.keys(changes);
  return keys.length === 0
    ? 'ok'
    : `ok: ${keys.map((k) => `${k}=${String(changes[k as keyof PluginReply])}`).join(', ')}`;
}

/** The bounds a plugin's trigger times must keep; see applyPluginReplies. */
export type ReplyBounds = {
  /** The end of the term the auto-renewal renews. */
  termEnd: Instant;
};

/**
 * Why a plugin may not move `event`'s trigger to `time`, or null: not more than a day into the
 * past (nothing would be scheduled, only fired at once or skipped) and not more than a year
 * after the term ends (the renewal would come after the cover lapsed for a year).
 */
function outsideWindow(
  event: RenewalEvent,
  time: Instant,
  now: Instant,
  bounds: ReplyBounds,
): string | null {
  const earliest = subtractDays(now, 1);
  if (time < earliest)
    return `A plugin set the ${event} time to ${time}, more than a day before now (${now}); a trigger time can move into the future only.`;
  const latest = addMonthsToInstant(bounds.termEnd, 12);
  if (time > latest)
    return `A plugin set the ${event} time to ${time}, more than a year after the term ends (${bounds.termEnd}); set it by hand if that is really meant.`;
  return null;
}

/**
 * Applies the plugins' replies for `event` (in plugin order; later replies win). A failed or
 * invalid reply puts the auto-renewal in `error` with the reason and changes nothing else; so
 * does a trigger time moved outside the window (see outsideWindow). `proceed` says whether the
 * automatic action may run now: not after doNotRenew, discarded, an error, or a reply that
 * moved this trigger (to later, or to null). What a plugin discards, a person may reactivate.
 */
export function applyPluginReplies(
  autoRenewal: AutoRenewal,
  event: RenewalEvent,
  outcomes: readonly PluginOutcome[],
  now: Instant,
  bounds: ReplyBounds,
): { autoRenewal: AutoRenewal; proceed: boolean } {
  const log: PluginLogEntry[] = [];
  const merged: PluginReply = {};
  let stateFrom = '';
  for (const outcome of outcomes) {
    const plugin = pluginName(outcome.plugin);
    if ('error' in outcome) {
      log.push({ at: now, event, plugin, outcome: `error: ${outcome.error}` });
      return {
        autoRenewal: toError(
          autoRenewal,
          `${plugin} failed at ${event}: ${outcome.error}`,
          now,
          log,
        ),
        proceed: false,
      };
    }
    const check = validatePluginReply(outcome.reply);
    if (!check.ok) {
      log.push({ at: now, event, plugin, outcome: `error: ${check.reason}` });
      return {
        autoRenewal: toError(autoRenewal, `${plugin} at ${event}: ${check.reason}`, now, log),
        proceed: false,
      };
    }
    log.push({ at: now, event, plugin, outcome: describeChanges(check.changes) });
    if (check.changes.autoRenewalState !== undefined) stateFrom = plugin;
    Object.assign(merged, check.changes);
  }
  let next: AutoRenewal = { ...autoRenewal, pluginLog: [...autoRenewal.pluginLog, ...log] };
  if (merged.renewalTransactionType !== undefined)
    next.transactionType = merged.renewalTransactionType;
  if (merged.newTermDuration !== undefined) next.newTermDurationMonths = merged.newTermDuration;
  let proceed = true;
  for (const [trigger, replyField, field] of TIME_FIELDS) {
    const value = merged[replyField];
    if (value === undefined || value === next[field]) continue;
    if (next.done[trigger] !== undefined) {
      return {
        autoRenewal: toError(
          autoRenewal,
          `A plugin tried to move the ${trigger} trigger, which already fired at ${next.done[trigger]}.`,
          now,
          log,
        ),
        proceed: false,
      };
    }
    const window = value === null ? null : outsideWindow(trigger, value, now, bounds);
    if (window) return { autoRenewal: toError(autoRenewal, window, now, log), proceed: false };
    next = { ...next, [field]: value };
    if (trigger === event && (value === null || value > now)) proceed = false;
  }
  const orderProblem = triggerOrderProblem(next);
  if (orderProblem) {
    return {
      autoRenewal: toError(
        autoRenewal,
        `A plugin set trigger times out of order: ${orderProblem}.`,
        now,
        log,
      ),
      proceed: false,
    };
  }
  if (merged.autoRenewalState === 'doNotRenew') {
    next = { ...next, state: 'doNotRenew' };
    proceed = false;
  }
  if (merged.autoRenewalState === 'discarded') {
    next = { ...next, state: 'discarded', discardedBy: stateFrom };
    proceed = false;
  }
  return { autoRenewal: touchAutoRenewal(next, now), proceed };
}

/** How many times a round of webhook calls is tried when each try was interrupted. */
export const MAX_CALL_ATTEMPTS = 3;

/** The auto-renewal without a pending round of webhook calls. */
export function withoutPendingCall(autoRenewal: AutoRenewal): AutoRenewal {
  const { pendingCall: _done, ...rest } = autoRenewal;
  return rest;
}

/**
 * Records a round of webhook calls on the auto-renewal before they are made. A round of the same
 * step already pending means the last try was interrupted before its answers were saved (the
 * app quit, the power went): it is logged and tried again with the same Idempotency-Key, so the
 * webhook can recognise the retry. After MAX_CALL_ATTEMPTS interrupted tries it gives up and
 * puts the auto-renewal in `error`, so a call that brings the app down cannot repeat forever.
 */
export function recordWebhookRound(
  autoRenewal: AutoRenewal,
  trigger: { event: RenewalEvent; at: Instant },
  webhooks: readonly PluginRef[],
  now: Instant,
): { autoRenewal: AutoRenewal; key: string; gaveUp: boolean } {
  const { event } = trigger;
  const plugin = webhooks.map(pluginName).join(', ');
  const pending = autoRenewal.pendingCall;
  if (pending && pending.event === event) {
    if (pending.attempts >= MAX_CALL_ATTEMPTS) {
      const reason = `The ${event} call to ${plugin} was interrupted ${pending.attempts} times before its answer was saved (Idempotency-Key ${pending.key}). Check what the webhook received, then edit the trigger times (or save them unchanged) to call it again.`;
      return {
        key: pending.key,
        gaveUp: true,
        autoRenewal: toError(withoutPendingCall(autoRenewal), reason, now, [
          { at: now, event, plugin, outcome: `error: ${reason}` },
        ]),
      };
    }
    return {
      key: pending.key,
      gaveUp: false,
      autoRenewal: touchAutoRenewal(
        {
          ...autoRenewal,
          pendingCall: { ...pending, recordedAt: now, attempts: pending.attempts + 1 },
          pluginLog: [
            ...autoRenewal.pluginLog,
            {
              at: now,
              event,
              plugin,
              outcome: `interrupted: the call made at ${pending.recordedAt} has no saved answer (NoLapse stopped mid-call); calling again with the same Idempotency-Key`,
            },
          ],
        },
        now,
      ),
    };
  }
  const round = (autoRenewal.webhookRounds ?? 0) + 1;
  const key = webhookIdempotencyKey(autoRenewal.id, event, trigger.at, round);
  return {
    key,
    gaveUp: false,
    autoRenewal: touchAutoRenewal(
      {
        ...autoRenewal,
        webhookRounds: round,
        pendingCall: { event, key, recordedAt: now, attempts: 1 },
      },
      now,
    ),
  };
}

export type AutomaticActionResult = {
  autoRenewal: AutoRenewal;
  /** The created or advanced transaction, when the action changed one. */
  transaction?: RenewalTransaction;
  /** Present when the action issued the renewal. */
  issued?: IssuePlan;
  /** What happened, for logs: 'created', 'accepted', 'issued', or why nothing happened. */
  note: string;
};

/**
 * Runs the automatic action of `event` (after the plugins) and marks the trigger fired:
 * create drafts `tx:<autoRenewalId>:auto`; accept accepts a draft; issue accepts if needed and
 * issues. A transaction already advanced by hand is left alone. A refused issue (e.g. Do not
 * renew elsewhere on the policy) puts the auto-renewal in `error` and leaves the trigger pending.
 */
export function applyAutomaticAction(
  state: AutoRenewalContext,
  event: RenewalEvent,
  now: Instant,
  timeZone: string,
): AutomaticActionResult {
  const autoRenewal = state.autoRenewal;
  if (!isRunning(autoRenewal)) {
    return {
      autoRenewal,
      note: `not active (${autoRenewal.state}${autoRenewal.invalidatedAt ? ', invalidated' : ''})`,
    };
  }
  const fired = (ar: AutoRenewal): AutoRenewal =>
    touchAutoRenewal({ ...ar, done: { ...ar.done, [event]: now } }, now);
  const transaction = managedTransaction(autoRenewal, state.transactions);
  if (event === 'create') {
    if (transaction) {
      return {
        autoRenewal: fired({ ...autoRenewal, transactionId: transaction.id }),
        note: `renewal ${transaction.id} already exists`,
      };
    }
    const term = state.policy.terms.find((t) => t.termNumber === autoRenewal.termNumber);
    if (!term)
      return { autoRenewal: fired(autoRenewal), note: `term ${autoRenewal.termNumber} not found` };
    const created = draftTransaction(
      {
        id: policyIds.autoTransaction(autoRenewal.id),
        policyId: autoRenewal.policyId,
        termNumber: autoRenewal.termNumber,
        type: autoRenewal.transactionType,
        effectiveTime: term.endTime,
        endTime: addMonthsToInstant(term.endTime, autoRenewal.newTermDurationMonths),
        createdBy: 'auto',
      },
      now,
    );
    return {
      autoRenewal: fired({ ...autoRenewal, transactionId: created.id }),
      transaction: created,
      note: 'created',
    };
  }
  if (!transaction) return { autoRenewal: fired(autoRenewal), note: 'no renewal to advance' };
  if (event === 'accept') {
    if (transaction.state !== 'draft') {
      return { autoRenewal: fired(autoRenewal), note: `renewal already ${transaction.state}` };
    }
    return {
      autoRenewal: fired(autoRenewal),
      transaction: acceptTransaction(transaction, now, { manual: false }),
      note: 'accepted',
    };
  }
  if (transaction.state !== 'draft' && transaction.state !== 'accepted') {
    return { autoRenewal: fired(autoRenewal), note: `renewal already ${transaction.state}` };
  }
  const accepted =
    transaction.state === 'draft'
      ? acceptTransaction(transaction, now, { manual: false })
      : transaction;
  try {
    const others = (state.autoRenewals ?? []).filter((ar) => ar.id !== autoRenewal.id);
    const issued = issueTransaction(
      accepted,
      {
        policy: state.policy,
        autoRenewals: [autoRenewal, ...others],
        transactions: state.transactions,
        plan: state.plan,
        timeZone,
      },
      now,
      { manual: false },
    );
    const own = issued.autoRenewalUpdates.find((ar) => ar.id === autoRenewal.id) ?? autoRenewal;
    return {
      autoRenewal: fired(own),
      transaction: issued.transaction,
      issued: {
        ...issued,
        autoRenewalUpdates: issued.autoRenewalUpdates.filter((ar) => ar.id !== autoRenewal.id),
      },
      note: 'issued',
    };
  } catch (error) {
    if (!(error instanceof PolicyRuleError)) throw error;
    return {
      autoRenewal: touchAutoRenewal(
        { ...autoRenewal, state: 'error', errorReason: error.message },
        now,
      ),
      note: `refused: ${error.message}`,
    };
  }
}

export type AutoRenewalChanges = {
  createTime?: Instant | null;
  acceptTime?: Instant | null;
  issueTime?: Instant | null;
  transactionType?: string;
  newTermDurationMonths?: number;
  /** Link another renewal of the same term so this auto-renewal manages it. */
  transactionId?: string;
};

/**
 * Edits an open auto-renewal (active, doNotRenew or error). A trigger that already fired
 * cannot be rescheduled; times must run create ≤ accept ≤ issue. Leaving `error` makes it
 * active again, and the trigger that failed fires at the next step.
 */
export function updateAutoRenewal(
  autoRenewal: AutoRenewal,
  changes: AutoRenewalChanges,
  now: Instant,
): AutoRenewal {
  if (discardedByPlugin(autoRenewal))
    throw new PolicyRuleError(
      `${autoRenewal.discardedBy} discarded this auto-renewal; reactivate it first to change it.`,
    );
  if (!OPEN_AUTO_RENEWAL_STATES.includes(autoRenewal.state)) {
    throw new PolicyRuleError(
      `This auto-renewal is ${autoRenewal.state}; it can no longer be changed.`,
    );
  }
  let next: AutoRenewal = { ...autoRenewal };
  for (const [trigger, , field] of TIME_FIELDS) {
    const raw = changes[field];
    if (raw === undefined) continue;
    const value = raw === null ? null : toInstant(raw);
    if (raw !== null && value === null) {
      throw new PolicyRuleError(
        `The ${trigger} time "${raw}" is not a date-time such as 2026-12-01T09:00:00.000Z.`,
      );
    }
    if (value === next[field]) continue;
    if (next.done[trigger] !== undefined) {
      throw new PolicyRuleError(
        `The ${trigger} trigger already fired at ${next.done[trigger]}; it cannot be rescheduled.`,
      );
    }
    next = { ...next, [field]: value };
  }
  const orderProblem = triggerOrderProblem(next);
  if (orderProblem)
    throw new PolicyRuleError(`Trigger times must run create, accept, issue: ${orderProblem}.`);
  if (changes.transactionType !== undefined) {
    const type = changes.transactionType.trim();
    if (type === '' || type.length > 60)
      throw new PolicyRuleError('The renewal type must be 1 to 60 characters.');
    next.transactionType = type;
  }
  if (changes.newTermDurationMonths !== undefined) {
    const months = changes.newTermDurationMonths;
    if (!Number.isInteger(months) || months < 1 || months > 120) {
      throw new PolicyRuleError(
        `The new term duration must be a whole number of months from 1 to 120, not ${months}.`,
      );
    }
    next.newTermDurationMonths = months;
  }
  if (changes.transactionId !== undefined) {
    if (changes.transactionId.trim() === '')
      throw new PolicyRuleError('Choose the renewal this auto-renewal should manage.');
    next.transactionId = changes.transactionId;
  }
  if (next.state === 'error') next = { ...withoutError(next), state: 'active' };
  return touchAutoRenewal(next, now);
}

/** Why the auto-renewal cannot be marked Do not renew now, or null when it can. */
export function canMarkDoNotRenew(autoRenewal: AutoRenewal): string | null {
  if (autoRenewal.state === 'doNotRenew') return 'Already marked Do not renew.';
  if (autoRenewal.state !== 'active' && autoRenewal.state !== 'error')
    return `Only an active auto-renewal can be marked Do not renew; this one is ${autoRenewal.state}.`;
  return null;
}

/** active | error → doNotRenew: no renewal of the policy can be issued until `reactivate`. */
export function markDoNotRenew(autoRenewal: AutoRenewal, now: Instant): AutoRenewal {
  const blocker = canMarkDoNotRenew(autoRenewal);
  if (blocker) throw new PolicyRuleError(blocker);
  return touchAutoRenewal({ ...withoutError(autoRenewal), state: 'doNotRenew' }, now);
}

/** True when a plugin discarded the auto-renewal (a person's discard is final). */
export function discardedByPlugin(autoRenewal: AutoRenewal): boolean {
  return autoRenewal.state === 'discarded' && autoRenewal.discardedBy !== undefined;
}

/** The auto-renewal without the mark of a plugin's discard. */
function withoutDiscardedBy(autoRenewal: AutoRenewal): AutoRenewal {
  const { discardedBy: _dropped, ...rest } = autoRenewal;
  return rest;
}

/** Why the auto-renewal cannot be reactivated now, or null when it can. */
export function canReactivate(autoRenewal: AutoRenewal): string | null {
  if (discardedByPlugin(autoRenewal)) return null;
  if (autoRenewal.state === 'discarded')
    return 'This auto-renewal was discarded by hand; it cannot be reactivated. Create a new one for the term instead.';
  if (autoRenewal.state === 'active' && autoRenewal.invalidatedAt === null)
    return 'Nothing to reactivate: the auto-renewal is active and not held by a cancellation.';
  if (autoRenewal.state !== 'doNotRenew' && autoRenewal.invalidatedAt === null)
    return `Only a Do not renew or invalidated auto-renewal can be reactivated; this one is ${autoRenewal.state}.`;
  if (!OPEN_AUTO_RENEWAL_STATES.includes(autoRenewal.state))
    return `This auto-renewal is ${autoRenewal.state}; it cannot be reactivated.`;
  return null;
}

/**
 * Lifts Do not renew, a plugin's discard and a cancellation's invalidation; the auto-renewal
 * resumes at its next pending trigger (one already past fires at the next step, calling its
 * plugins again).
 */
export function reactivate(autoRenewal: AutoRenewal, now: Instant): AutoRenewal {
  const blocker = canReactivate(autoRenewal);
  if (blocker) throw new PolicyRuleError(blocker);
  const state =
    autoRenewal.state === 'doNotRenew' || discardedByPlugin(autoRenewal)
      ? 'active'
      : autoRenewal.state;
  return touchAutoRenewal({ ...withoutDiscardedBy(autoRenewal), state, invalidatedAt: null }, now);
}

/** Why the auto-renewal cannot be discarded now, or null when it can. */
export function canDiscard(autoRenewal: AutoRenewal): string | null {
  return OPEN_AUTO_RENEWAL_STATES.includes(autoRenewal.state) || discardedByPlugin(autoRenewal)
    ? null
    : `This auto-renewal is already ${autoRenewal.state}; there is nothing to discard.`;
}

/**
 * active | doNotRenew | error → discarded: no more plugin calls or automatic actions. A person
 * may also discard for good what a plugin discarded; then it can no longer be reactivated.
 */
export function discardAutoRenewal(autoRenewal: AutoRenewal, now: Instant): AutoRenewal {
  const blocker = canDiscard(autoRenewal);
  if (blocker) throw new PolicyRuleError(blocker);
  return touchAutoRenewal(
    { ...withoutDiscardedBy(withoutError(autoRenewal)), state: 'discarded' },
    now,
  );
}

export { discardAutoRenewal as discard };

/**
 * Why `transaction` cannot be linked to the auto-renewal so that it manages it from then on,
 * or null when it can: only a pending (draft or accepted) renewal of the same policy term, by
 * an auto-renewal that is still open.
 */
export function linkBlocker(
  autoRenewal: AutoRenewal,
  transaction: RenewalTransaction,
): string | null {
  if (!OPEN_AUTO_RENEWAL_STATES.includes(autoRenewal.state))
    return `This auto-renewal is ${autoRenewal.state}; it can no longer manage a renewal.`;
  if (transaction.policyId !== autoRenewal.policyId)
    return 'This renewal belongs to another policy.';
  if (transaction.termNumber !== autoRenewal.termNumber)
    return `This renewal renews term ${transaction.termNumber}; the auto-renewal manages term ${autoRenewal.termNumber}.`;
  if (transaction.state !== 'draft' && transaction.state !== 'accepted')
    return `Only a draft or accepted renewal can be linked; this one is ${transaction.state}.`;
  if (autoRenewal.transactionId === transaction.id)
    return 'The auto-renewal already manages this renewal.';
  return null;
}

/** The renewals the auto-renewal could manage instead of its current one, oldest first. */
export function linkCandidates(
  autoRenewal: AutoRenewal,
  transactions: readonly RenewalTransaction[],
): RenewalTransaction[] {
  return transactions
    .filter((tx) => linkBlocker(autoRenewal, tx) === null)
    .sort((a, b) => (a.history[0]?.at ?? '').localeCompare(b.history[0]?.at ?? ''));
}

/** Links `transaction` so the auto-renewal manages it; refuses what linkBlocker refuses. */
export function linkTransaction(
  autoRenewal: AutoRenewal,
  transaction: RenewalTransaction,
  now: Instant,
): AutoRenewal {
  const blocker = linkBlocker(autoRenewal, transaction);
  if (blocker) throw new PolicyRuleError(blocker);
  return updateAutoRenewal(autoRenewal, { transactionId: transaction.id }, now);
}
