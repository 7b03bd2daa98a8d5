import { formatLocalDateTime } from '../time/index.js';
import { canCreateAutoRenewal, createAutoRenewal } from './auto-renewal-record.js';
import { latestTerm, OPEN_AUTO_RENEWAL_STATES } from './model.js';
import type { AutoRenewal, AutoRenewalPlan, Instant, Policy } from './model.js';

export type PlanAssignment = {
  /** Auto-renewals added to latest terms that had none. */
  created: AutoRenewal[];
  /** What a person reads: what was added, what was skipped and why, what was left alone. */
  message: string;
};

const list = (policies: readonly Policy[]) => policies.map((p) => p.number).join(', ');
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What assigning `plan` (null = removing the plan) to a customer does to the policies they
 * already have. A plan that generates auto-renewals adds one to the latest term of each policy
 * that has none, unless the policy is cancelled or its latest term has already ended (an
 * auto-renewal there would renew a lapsed policy at once). Existing auto-renewals keep their
 * own times, and removing the plan leaves them alone.
 */
export function planAssignment(
  customerName: string,
  plan: AutoRenewalPlan | null,
  policies: readonly Policy[],
  autoRenewals: readonly AutoRenewal[],
  now: Instant,
  timeZone: string,
): PlanAssignment {
  const ofPolicy = (policy: Policy) =>
    autoRenewals.find(
      (ar) => ar.policyId === policy.id && ar.termNumber === latestTerm(policy).termNumber,
    );
  if (plan === null) {
    const open = autoRenewals.filter((ar) => OPEN_AUTO_RENEWAL_STATES.includes(ar.state));
    return {
      created: [],
      message:
        open.length === 0
          ? `${customerName} has no plan now; none of their policies has an open auto-renewal.`
          : `${customerName} has no plan now. Existing auto-renewals are left alone (${open.length} still open); discard one on its policy page to stop it.`,
    };
  }
  const assigned = `Plan “${plan.name}” assigned to ${customerName}`;
  if (!plan.generateAutoRenewals)
    return {
      created: [],
      message: `${assigned}. It does not generate auto-renewals, so none were added; create them on each policy page.`,
    };
  const created: AutoRenewal[] = [];
  const cancelled: Policy[] = [];
  const ended: Policy[] = [];
  const had: Policy[] = [];
  for (const policy of policies) {
    if (ofPolicy(policy)) had.push(policy);
    else if (policy.state === 'cancelled') cancelled.push(policy);
    else if (latestTerm(policy).endTime <= now) ended.push(policy);
    else if (canCreateAutoRenewal(policy, autoRenewals) === null)
      created.push(createAutoRenewal(policy, plan, now, autoRenewals));
  }
  const createdPolicies = policies.filter((p) => created.some((ar) => ar.policyId === p.id));
  const parts = [
    created.length === 0
      ? `${assigned}; no auto-renewal was added.`
      : `${assigned}: added ${plural(created.length, 'auto-renewal', 'auto-renewals')} (${list(createdPolicies)}).`,
    had.length > 0
      ? `${list(had)} already had one and ${had.length === 1 ? 'keeps its' : 'keep their'} own times.`
      : '',
    cancelled.length > 0 ? `Skipped ${list(cancelled)}: cancelled.` : '',
    ...ended.map(
      (p) =>
        `Skipped ${p.number}: its latest term ended ${formatLocalDateTime(latestTerm(p).endTime, timeZone)}.`,
    ),
  ];
  return { created, message: parts.filter(Boolean).join(' ') };
}
