import { RENEWAL_EVENTS } from '../schema/auto-renewal.js';
import type { AutoRenewalRecord } from '../schema/auto-renewal.js';
import type { PolicyRecord } from '../schema/policy.js';
import type { PolicyTransactionRecord } from '../schema/policy-transaction.js';

export { RENEWAL_EVENTS };

export type { Instant, LocalDate } from '../time/index.js';

/** A policy with its terms embedded; gaps between terms are allowed. */
export type Policy = PolicyRecord;
/** A coverage period of a policy; terms may leave uncovered gaps between them. */
export type Term = Policy['terms'][number];

export type RenewalTransaction = PolicyTransactionRecord;
export type TransactionState = RenewalTransaction['state'];
export type TransactionAction = 'accept' | 'issue' | 'reject' | 'refuse' | 'discard' | 'invalidate';
export type TransactionStateChange = RenewalTransaction['history'][number];

export type AutoRenewal = AutoRenewalRecord;
export type AutoRenewalState = AutoRenewal['state'];
export type RenewalEvent = (typeof RENEWAL_EVENTS)[number];
export type PluginLogEntry = AutoRenewal['pluginLog'][number];

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
