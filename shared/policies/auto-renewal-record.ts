import { NO_PENDING_TRIGGER } from '../schema/auto-renewal.js';
import { policyIds } from './ids.js';
import { subtractDays } from '../time/index.js';
import { latestTerm, PolicyRuleError, RENEWAL_EVENTS } from './model.js';
import type { AutoRenewal, AutoRenewalPlan, Instant, Policy, RenewalEvent } from './model.js';

export { NO_PENDING_TRIGGER };

/** The trigger time of `event` on an auto-renewal (null = no action for that step). */
export function triggerTime(autoRenewal: AutoRenewal, event: RenewalEvent): Instant | null {
  return event === 'create'
    ? autoRenewal.createTime
    : event === 'accept'
      ? autoRenewal.acceptTime
      : autoRenewal.issueTime;
}

/** True while triggers may fire: active and not invalidated by a cancellation. */
export function isRunning(autoRenewal: AutoRenewal): boolean {
  return autoRenewal.state === 'active' && autoRenewal.invalidatedAt === null;
}

/** The earliest trigger still to fire, or NO_PENDING_TRIGGER when none can fire. */
export function nextTriggerAt(autoRenewal: AutoRenewal): Instant {
  if (!isRunning(autoRenewal)) return NO_PENDING_TRIGGER;
  for (const event of RENEWAL_EVENTS) {
    const time = triggerTime(autoRenewal, event);
    if (time !== null && autoRenewal.done[event] === undefined) return time;
  }
  return NO_PENDING_TRIGGER;
}

/** The auto-renewal without its error reason (absent, not undefined, so documents stay clean). */
export function withoutError(autoRenewal: AutoRenewal): AutoRenewal {
  const { errorReason: _dropped, ...rest } = autoRenewal;
  return rest;
}

/** Stamps `updatedAt` and recomputes `nextTriggerAt`; every change to an auto-renewal ends here. */
export function touchAutoRenewal(autoRenewal: AutoRenewal, now: Instant): AutoRenewal {
  return { ...autoRenewal, nextTriggerAt: nextTriggerAt(autoRenewal), updatedAt: now };
}

/** Why the latest term of `policy` already has an auto-renewal, or null when it has none. */
function existingBlocker(policy: Policy, existing: readonly AutoRenewal[]): string | null {
  const term = latestTerm(policy);
  const current = existing.find(
    (ar) => ar.id === policyIds.autoRenewal(policy.id, term.termNumber),
  );
  return current
    ? `Term ${term.termNumber} of policy ${policy.number} already has an auto-renewal (${current.state}); edit that one instead.`
    : null;
}

/** Why the latest term of `policy` cannot get an auto-renewal, or null when it can. */
export function canCreateAutoRenewal(
  policy: Policy,
  existing: readonly AutoRenewal[],
): string | null {
  if (policy.state === 'cancelled')
    return `Policy ${policy.number} is cancelled; reinstate it before giving it an auto-renewal.`;
  return existingBlocker(policy, existing);
}

/** What an auto-renewal is made of besides its policy and term. */
export type AutoRenewalSettings = Pick<
  AutoRenewal,
  'state' | 'transactionType' | 'newTermDurationMonths' | 'createTime' | 'acceptTime' | 'issueTime'
>;

/** A new auto-renewal on the latest term of `policy` with `settings`; nothing fired yet. */
function newAutoRenewal(policy: Policy, settings: AutoRenewalSettings, now: Instant): AutoRenewal {
  const term = latestTerm(policy);
  return touchAutoRenewal(
    {
      id: policyIds.autoRenewal(policy.id, term.termNumber),
      policyId: policy.id,
      termNumber: term.termNumber,
      ...settings,
      done: {},
      invalidatedAt: null,
      pluginLog: [],
      nextTriggerAt: NO_PENDING_TRIGGER,
      updatedAt: now,
    },
    now,
  );
}

/**
 * A new active auto-renewal on the latest term of `policy`, with trigger times counted back
 * from the term end by the plan's lead days. Refuses when that term already has one.
 */
export function createAutoRenewal(
  policy: Policy,
  plan: AutoRenewalPlan,
  now: Instant,
  existing: readonly AutoRenewal[] = [],
): AutoRenewal {
  const blocker = canCreateAutoRenewal(policy, existing);
  if (blocker) throw new PolicyRuleError(blocker);
  const term = latestTerm(policy);
  return newAutoRenewal(
    policy,
    {
      state: 'active',
      transactionType: 'renewal',
      newTermDurationMonths: plan.newTermDurationMonths,
      createTime: subtractDays(term.endTime, plan.renewalCreateLeadDays),
      acceptTime: subtractDays(term.endTime, plan.renewalAcceptLeadDays),
      issueTime: subtractDays(term.endTime, plan.renewalIssueLeadDays),
    },
    now,
  );
}

/** Trigger times and term length given by hand ("Create Auto-Renewal" without a plan). */
export type ManualAutoRenewal = Pick<
  AutoRenewal,
  'transactionType' | 'newTermDurationMonths' | 'createTime' | 'acceptTime' | 'issueTime'
>;

/** A new active auto-renewal on the latest term with the times given (checked by the form). */
export function createAutoRenewalByHand(
  policy: Policy,
  settings: ManualAutoRenewal,
  now: Instant,
  existing: readonly AutoRenewal[] = [],
): AutoRenewal {
  const blocker = canCreateAutoRenewal(policy, existing);
  if (blocker) throw new PolicyRuleError(blocker);
  return newAutoRenewal(policy, { ...settings, state: 'active' }, now);
}

/** Why Do not renew cannot be put on a policy whose latest term has no auto-renewal. */
export function canCreateDoNotRenew(
  policy: Policy,
  existing: readonly AutoRenewal[],
): string | null {
  return existingBlocker(policy, existing);
}

/**
 * Do not renew on a policy whose latest term has no auto-renewal: one is created in state
 * `doNotRenew` with no trigger times. Reactivating it leaves it active with nothing scheduled
 * until someone sets times.
 */
export function createDoNotRenew(
  policy: Policy,
  newTermDurationMonths: number,
  now: Instant,
  existing: readonly AutoRenewal[] = [],
): AutoRenewal {
  const blocker = canCreateDoNotRenew(policy, existing);
  if (blocker) throw new PolicyRuleError(blocker);
  return newAutoRenewal(
    policy,
    {
      state: 'doNotRenew',
      transactionType: 'renewal',
      newTermDurationMonths,
      createTime: null,
      acceptTime: null,
      issueTime: null,
    },
    now,
  );
}
