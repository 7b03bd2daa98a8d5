import type { AutoRenewalRecord, AUTO_RENEWAL_STATES } from '../schema/auto-renewal.js';
import type { PolicyRecord } from '../schema/policy.js';
import type { PolicyTransactionRecord, TRANSACTION_STATES } from '../schema/policy-transaction.js';
import type { Instant } from '../time/index.js';

export type { Instant, LocalDate } from '../time/index.js';

/** A coverage period of a policy; terms may leave uncovered gaps between them. */
export type Term = { termNumber: number; startTime: Instant; endTime: Instant };

export type Policy = Omit<PolicyRecord, 'terms'> & { terms: Term[] };

export type TransactionState = (typeof TRANSACTION_STATES)[number];
export type TransactionAction = 'accept' | 'issue' | 'reject' | 'refuse' | 'discard' | 'invalidate';

export type TransactionStateChange = {
  from: TransactionState | null;
  to: TransactionState;
  at: Instant;
  /** False when an auto-renewal or a cancellation made the change. */
  manual: boolean;
  reason?: string;
};

export type RenewalTransaction = Omit<
  PolicyTransactionRecord,
  'state' | 'createdBy' | 'history'
> & {
  state: TransactionState;
  createdBy: 'manual' | 'auto';
  history: TransactionStateChange[];
};

export type AutoRenewalState = (typeof AUTO_RENEWAL_STATES)[number];
export type RenewalEvent = 'create' | 'accept' | 'issue';
export const RENEWAL_EVENTS: readonly RenewalEvent[] = ['create', 'accept', 'issue'];

export type PluginLogEntry = {
  at: Instant;
  event: RenewalEvent;
  /** 'renewal-notice' or 'webhook <url>'. */
  plugin: string;
  outcome: string;
};

export type AutoRenewal = Omit<
  AutoRenewalRecord,
  'state' | 'done' | 'pluginLog' | 'createTime' | 'acceptTime' | 'issueTime' | 'invalidatedAt'
> & {
  state: AutoRenewalState;
  createTime: Instant | null;
  acceptTime: Instant | null;
  issueTime: Instant | null;
  done: { create?: Instant; accept?: Instant; issue?: Instant };
  /** Set when a policy cancellation invalidated this auto-renewal; it holds until `reactivate`. */
  invalidatedAt: Instant | null;
  pluginLog: PluginLogEntry[];
};

export type WebhookPluginRef = { kind: 'webhook'; url: string; timeoutMs: number };
export type PluginRef = 'renewal-notice' | WebhookPluginRef;

/** Kept in the office config; a customer may be assigned one. Lead days count back from the term end. */
export type AutoRenewalPlan = {
  id: string;
  name: string;
  renewalCreateLeadDays: number;
  renewalAcceptLeadDays: number;
  renewalIssueLeadDays: number;
  generateAutoRenewals: boolean;
  newTermDurationMonths: number;
  plugins: PluginRef[];
};

/** A rule of the policy domain was broken; `message` says what and what to do instead. */
export class PolicyRuleError extends Error {
  override readonly name = 'PolicyRuleError';
}

/** Human name of a plugin for logs and messages. */
export function pluginName(plugin: PluginRef): string {
  return plugin === 'renewal-notice' ? 'renewal-notice' : `webhook ${plugin.url}`;
}

/** The latest term of a policy; every policy has at least one. */
export function latestTerm(policy: Policy): Term {
  const term = policy.terms.reduce<Term | undefined>(
    (latest, t) => (latest === undefined || t.termNumber > latest.termNumber ? t : latest),
    undefined,
  );
  if (!term) throw new PolicyRuleError(`Policy ${policy.number} has no term.`);
  return term;
}

export const TERMINAL_TRANSACTION_STATES: readonly TransactionState[] = [
  'invalidated',
  'rejected',
  'refused',
  'discarded',
];

/** Auto-renewal states that can still act or be brought back (the rest are final). */
export const OPEN_AUTO_RENEWAL_STATES: readonly AutoRenewalState[] = [
  'active',
  'doNotRenew',
  'error',
];
