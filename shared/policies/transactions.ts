import { ids as renewalIds } from '../renewals/ids.js';
import type { TimelineEvent } from '../schema/timeline-event.js';
import { localDateIn } from '../time/index.js';
import type { LocalDate } from '../time/index.js';
import { createAutoRenewal, touchAutoRenewal, withoutError } from './auto-renewal-record.js';
import { policyIds } from './ids.js';
import { addMonthsToInstant, toInstant } from '../time/index.js';
import { latestTerm, OPEN_AUTO_RENEWAL_STATES, PolicyRuleError } from './model.js';
import type {
  AutoRenewal,
  AutoRenewalPlan,
  Instant,
  Policy,
  RenewalTransaction,
  TransactionAction,
  TransactionState,
} from './model.js';

export type ManualRenewalInput = {
  /** The new policy end; give this or `termDurationMonths`. */
  endTime?: Instant;
  /** When the new term starts; defaults to the current end. Later than the current end = a gap. */
  effectiveTime?: Instant;
  termDurationMonths?: number;
  /** 'renewal' or an office-defined renewal type. */
  type: string;
  /** Defaults to `tx:<policyId>:T<termNumber>:<now>`. */
  id?: string;
};

/** The end of the latest term: what a renewal must go beyond. */
export function currentEnd(policy: Policy): Instant {
  return latestTerm(policy).endTime;
}

/** Checks effective and end times against the policy; returns them canonical or throws. */
function checkRenewalTimes(
  policy: Policy,
  effectiveTime: Instant,
  endTime: Instant,
): { effectiveTime: Instant; endTime: Instant } {
  const end = currentEnd(policy);
  const effective = toInstant(effectiveTime);
  if (effective === null) {
    throw new PolicyRuleError(
      `The effective time "${effectiveTime}" is not a date-time such as 2027-01-01T00:00:00.000Z.`,
    );
  }
  const newEnd = toInstant(endTime);
  if (newEnd === null) {
    throw new PolicyRuleError(
      `The new end "${endTime}" is not a date-time such as 2028-01-01T00:00:00.000Z.`,
    );
  }
  if (effective < end) {
    throw new PolicyRuleError(
      `The renewal takes effect at ${effective}, before the current end ${end} of policy ${policy.number}; a renewal starts at or after the current end.`,
    );
  }
  if (newEnd <= end) {
    throw new PolicyRuleError(
      `The new end ${newEnd} must be after the current end ${end} of policy ${policy.number}.`,
    );
  }
  if (newEnd <= effective) {
    throw new PolicyRuleError(
      `The new end ${newEnd} must be after the renewal's effective time ${effective}.`,
    );
  }
  return { effectiveTime: effective, endTime: newEnd };
}

/** A draft renewal transaction with its first history entry. */
export function draftTransaction(
  fields: Pick<
    RenewalTransaction,
    'id' | 'policyId' | 'termNumber' | 'type' | 'effectiveTime' | 'endTime' | 'createdBy'
  >,
  now: Instant,
): RenewalTransaction {
  return {
    ...fields,
    state: 'draft',
    history: [{ from: null, to: 'draft', at: now, manual: fields.createdBy === 'manual' }],
    updatedAt: now,
  };
}

/**
 * A manual renewal draft for the latest term. The new end must be strictly after the current
 * end; an `effectiveTime` after the current end renews with a gap that no term covers.
 */
export function planManualRenewal(
  policy: Policy,
  input: ManualRenewalInput,
  now: Instant,
): RenewalTransaction {
  const term = latestTerm(policy);
  const type = input.type.trim();
  if (type === '' || type.length > 60) {
    throw new PolicyRuleError(
      'Give the renewal a type (such as "renewal") of at most 60 characters.',
    );
  }
  const effectiveTime = input.effectiveTime ?? term.endTime;
  let endTime: Instant;
  if (input.endTime !== undefined && input.termDurationMonths !== undefined) {
    throw new PolicyRuleError('Give either the new end or a term duration in months, not both.');
  } else if (input.endTime !== undefined) {
    endTime = input.endTime;
  } else if (input.termDurationMonths !== undefined) {
    const months = input.termDurationMonths;
    if (!Number.isInteger(months) || months < 1 || months > 120) {
      throw new PolicyRuleError(
        `The term duration must be a whole number of months from 1 to 120, not ${months}.`,
      );
    }
    const start = toInstant(effectiveTime);
    if (start === null) {
      throw new PolicyRuleError(
        `The effective time "${effectiveTime}" is not a date-time such as 2027-01-01T00:00:00.000Z.`,
      );
    }
    endTime = addMonthsToInstant(start, months);
  } else {
    throw new PolicyRuleError('Give the new end of the policy or a term duration in months.');
  }
  const times = checkRenewalTimes(policy, effectiveTime, endTime);
  return draftTransaction(
    {
      id: input.id ?? policyIds.manualTransaction(policy.id, term.termNumber, now),
      policyId: policy.id,
      termNumber: term.termNumber,
      type,
      createdBy: 'manual',
      ...times,
    },
    now,
  );
}

const ALLOWED_FROM: Record<
  TransactionAction,
  { from: readonly TransactionState[]; message: string }
> = {
  accept: { from: ['draft'], message: 'Only a draft can be accepted' },
  issue: { from: ['accepted'], message: 'Only an accepted renewal can be issued; accept it first' },
  reject: {
    from: ['draft', 'accepted'],
    message: 'Only a draft or accepted renewal can be rejected',
  },
  refuse: { from: ['accepted'], message: 'Only an accepted renewal can be refused' },
  discard: { from: ['draft'], message: 'Only a draft can be discarded' },
  invalidate: {
    from: ['draft', 'accepted'],
    message: 'Only a draft or accepted renewal can be invalidated',
  },
};

const TARGET: Record<TransactionAction, TransactionState> = {
  accept: 'accepted',
  issue: 'issued',
  reject: 'rejected',
  refuse: 'refused',
  discard: 'discarded',
  invalidate: 'invalidated',
};

export type TransitionOptions = {
  /** False for automatic actions (auto-renewal, cancellation); defaults to true. */
  manual?: boolean;
  reason?: string;
};

/** Why `action` is not allowed from the transaction's state, or null when it is. */
export function transitionBlocker(
  transaction: RenewalTransaction,
  action: TransactionAction,
): string | null {
  const rule = ALLOWED_FROM[action];
  return rule.from.includes(transaction.state)
    ? null
    : `${rule.message}; this renewal is ${transaction.state}.`;
}

function transition(
  transaction: RenewalTransaction,
  action: TransactionAction,
  now: Instant,
  options: TransitionOptions = {},
): RenewalTransaction {
  const blocker = transitionBlocker(transaction, action);
  if (blocker) throw new PolicyRuleError(blocker);
  const to = TARGET[action];
  return {
    ...transaction,
    state: to,
    history: [
      ...transaction.history,
      {
        from: transaction.state,
        to,
        at: now,
        manual: options.manual ?? true,
        ...(options.reason === undefined ? {} : { reason: options.reason }),
      },
    ],
    updatedAt: now,
  };
}

/** draft → accepted. */
export function acceptTransaction(
  tx: RenewalTransaction,
  now: Instant,
  options?: TransitionOptions,
): RenewalTransaction {
  return transition(tx, 'accept', now, options);
}
/** draft | accepted → rejected (terminal). */
export function rejectTransaction(
  tx: RenewalTransaction,
  now: Instant,
  options?: TransitionOptions,
): RenewalTransaction {
  return transition(tx, 'reject', now, options);
}
/** accepted → refused (terminal): the customer declined the renewal. */
export function refuseTransaction(
  tx: RenewalTransaction,
  now: Instant,
  options?: TransitionOptions,
): RenewalTransaction {
  return transition(tx, 'refuse', now, options);
}
/** draft → discarded (terminal). */
export function discardTransaction(
  tx: RenewalTransaction,
  now: Instant,
  options?: TransitionOptions,
): RenewalTransaction {
  return transition(tx, 'discard', now, options);
}
/** draft | accepted → invalidated (terminal): the renewal no longer applies. */
export function invalidateTransaction(
  tx: RenewalTransaction,
  now: Instant,
  options?: TransitionOptions,
): RenewalTransaction {
  return transition(tx, 'invalidate', now, options);
}

export type IssueContext = {
  policy: Policy;
  /** Auto-renewals of the policy (any term): a doNotRenew one blocks issuance. */
  autoRenewals: readonly AutoRenewal[];
  /** Other transactions of the policy; pending renewals of the same term become invalidated. */
  transactions?: readonly RenewalTransaction[];
  /** The customer's auto-renewal plan, if any. */
  plan: AutoRenewalPlan | null;
  /** The office time zone: the new Renewal record is due on the new end's local date there. */
  timeZone: string;
};

/** What the foundation's renewal creation needs for the new term's `Renewal` record. */
export type RenewalDue = {
  /** Deterministic: `ren:policy:<policyId>@<dueDate>`. */
  id: string;
  serviceType: 'INSURANCE_POLICY';
  customerId: string;
  policyId: string;
  dueDate: LocalDate;
  assigneeId: string;
};

export type IssuePlan = {
  transaction: RenewalTransaction;
  /** The policy with the new term appended. */
  policy: Policy;
  /** The renewed term's auto-renewal(s), now `issued`. */
  autoRenewalUpdates: AutoRenewal[];
  /** Other pending renewals of the same term, now invalidated (the term is renewed). */
  invalidatedTransactions: RenewalTransaction[];
  renewalDue: RenewalDue;
  event: TimelineEvent;
  /** The auto-renewal of the new term when the plan generates them. */
  nextAutoRenewal?: AutoRenewal;
};

/** Why the transaction cannot be issued on this policy now, or null when it can. */
export function issueBlocker(
  transaction: RenewalTransaction,
  context: Pick<IssueContext, 'policy' | 'autoRenewals'>,
): string | null {
  const { policy } = context;
  const stateBlocker = transitionBlocker(transaction, 'issue');
  if (stateBlocker) return stateBlocker;
  if (transaction.policyId !== policy.id) {
    return `This renewal belongs to policy ${transaction.policyId}, not ${policy.number}.`;
  }
  if (policy.state === 'cancelled') {
    const since = policy.cancellation ? ` (effective ${policy.cancellation.effectiveDate})` : '';
    return `Policy ${policy.number} is cancelled${since}; a cancelled policy cannot be renewed. Reinstate it first.`;
  }
  if (context.autoRenewals.some((ar) => ar.policyId === policy.id && ar.state === 'doNotRenew')) {
    return `Policy ${policy.number} is marked Do not renew; reactivate its auto-renewal to issue.`;
  }
  const term = latestTerm(policy);
  if (transaction.termNumber !== term.termNumber) {
    return `Term ${transaction.termNumber} of policy ${policy.number} was already renewed (the latest term is ${term.termNumber}); this renewal is out of date.`;
  }
  try {
    checkRenewalTimes(policy, transaction.effectiveTime, transaction.endTime);
  } catch (error) {
    if (error instanceof PolicyRuleError) return error.message;
    throw error;
  }
  return null;
}

/**
 * Issues an accepted renewal: appends the new term (starting at the effective time, so a gap
 * stays uncovered), marks the term's auto-renewal issued, and plans the next Renewal record and,
 * with `generateAutoRenewals`, the next auto-renewal. Refused while the policy is Do not renew.
 */
export function issueTransaction(
  transaction: RenewalTransaction,
  context: IssueContext,
  now: Instant,
  options?: TransitionOptions,
): IssuePlan {
  const blocker = issueBlocker(transaction, context);
  if (blocker) throw new PolicyRuleError(blocker);
  const { policy } = context;
  const issued = transition(transaction, 'issue', now, options);
  const newTerm = {
    termNumber: transaction.termNumber + 1,
    startTime: issued.effectiveTime,
    endTime: issued.endTime,
  };
  const renewedPolicy: Policy = { ...policy, terms: [...policy.terms, newTerm], updatedAt: now };
  const autoRenewalUpdates = context.autoRenewals
    .filter(
      (ar) =>
        ar.policyId === policy.id &&
        ar.termNumber === transaction.termNumber &&
        OPEN_AUTO_RENEWAL_STATES.includes(ar.state),
    )
    .map((ar) => touchAutoRenewal({ ...withoutError(ar), state: 'issued' }, now));
  const invalidatedTransactions = (context.transactions ?? [])
    .filter(
      (tx) =>
        tx.id !== transaction.id &&
        tx.policyId === policy.id &&
        tx.termNumber === transaction.termNumber &&
        (tx.state === 'draft' || tx.state === 'accepted'),
    )
    .map((tx) =>
      invalidateTransaction(tx, now, {
        manual: false,
        reason: `Term ${transaction.termNumber} was renewed by ${transaction.id}.`,
      }),
    );
  const dueDate = localDateIn(issued.endTime, context.timeZone);
  const plan: IssuePlan = {
    transaction: issued,
    policy: renewedPolicy,
    autoRenewalUpdates,
    invalidatedTransactions,
    renewalDue: {
      id: renewalIds.policyRenewal(policy.id, dueDate),
      serviceType: 'INSURANCE_POLICY',
      customerId: policy.customerId,
      policyId: policy.id,
      dueDate,
      assigneeId: policy.assigneeId,
    },
    event: {
      id: policyIds.issueEvent(issued.id),
      type: 'POLICY_RENEWED',
      customerId: policy.customerId,
      subjectId: policy.id,
      title: `Policy ${policy.number} renewed: term ${newTerm.termNumber} runs to ${dueDate}`,
      detail:
        issued.effectiveTime > currentEnd(policy)
          ? `Renewal with a gap: nothing covers ${currentEnd(policy)} to ${issued.effectiveTime}.`
          : `${options?.manual === false ? 'Issued automatically' : 'Issued manually'} (${issued.type}).`,
      occurredOn: localDateIn(now, context.timeZone),
      at: now,
      updatedAt: now,
    },
  };
  if (context.plan?.generateAutoRenewals) {
    plan.nextAutoRenewal = createAutoRenewal(
      renewedPolicy,
      context.plan,
      now,
      context.autoRenewals,
    );
  }
  return plan;
}
