// Policies with terms, their transactions and auto-renewals, and the INSURANCE_POLICY queue
// renewal of each term, built with the policy domain's own functions (shared/policies) so they
// are what the app itself would have stored. Nothing of theirs fires on DAY1 or DAY2.
import { createAutoRenewal } from '../../shared/policies/auto-renewal-record';
import { planCancellation } from '../../shared/policies/cancellation';
import { aYearlyPlan } from '../../shared/policies/fixtures';
import { policyIds } from '../../shared/policies/ids';
import type { AutoRenewal, Policy, RenewalTransaction } from '../../shared/policies/model';
import { acceptTransaction, draftTransaction } from '../../shared/policies/transactions';
import { renewalForPolicyTerm } from '../../shared/renewals/create';
import type { Customer } from '../../shared/schema/customer';
import { NEVER, type Renewal } from '../../shared/schema/renewal';
import { addDays, addMonthsClamped } from '../../shared/time';
import { at, pad, pick, type Calendar, type Rnd } from './calendar';

/** Create 60, accept 30, issue 7 days before the term ends; 12-month terms. */
export const YEARLY_PLAN = aYearlyPlan;
const CROSSING_SHARE = 0.01;
const CANCELLED_SHARE = 0.04;
/** Share of the policies whose latest term is far enough out that have an auto-renewal. */
const AUTO_RENEWED_SHARE = 0.7;
const PRODUCTS = ['Commercial auto', 'Home', 'Health', 'Travel', 'Liability', 'Life'];

export type PolicyPart = {
  policies: Policy[];
  transactions: RenewalTransaction[];
  autorenewals: AutoRenewal[];
  /** The queue renewal of every term: the latest open (or cancelled), earlier ones completed. */
  renewals: Renewal[];
};

const termEnd = (endDate: string) => at(endDate, '00:00');

export function generatePolicies(
  rnd: Rnd,
  cal: Calendar,
  customers: readonly Customer[],
): PolicyPart {
  const part: PolicyPart = { policies: [], transactions: [], autorenewals: [], renewals: [] };
  const count = Math.max(1, Math.round(customers.length / 4));
  // A latest term ends within the coming year, or up to 60 days ago (lapsed, not renewed); not
  // yesterday, whose lapsed renewal would escalate to the supervisors on DAY1.
  const yesterday = addDays(cal.today, -1);
  const ends = cal.pool.filter((d) => d <= addDays(cal.today, 365) && d !== yesterday);
  const createAfter = addDays(cal.day2, YEARLY_PLAN.renewalCreateLeadDays);
  for (let p = 0; p < count; p++) {
    const customer = pick(rnd, customers);
    const cancelled = rnd() < CANCELLED_SHARE;
    const end = !cancelled && rnd() < CROSSING_SHARE ? pick(rnd, cal.crossing) : pick(rnd, ends);
    const termCount = 1 + Math.floor(rnd() * 3);
    const ends_ = Array.from({ length: termCount }, (_, k) =>
      addMonthsClamped(end, -12 * (termCount - 1 - k)),
    );
    const id = `pol_${p}`;
    const number = `P-${end.slice(0, 4)}-${pad(p, 5)}`;
    let policy: Policy = {
      id,
      customerId: customer.id,
      number,
      productName: pick(rnd, PRODUCTS),
      assigneeId: customer.assigneeId,
      terms: ends_.map((e, k) => ({
        termNumber: k + 1,
        startTime: termEnd(addMonthsClamped(e, -12)),
        endTime: termEnd(e),
      })),
      state: 'active',
      updatedAt: cal.seedAt,
    };
    const queue = (endDate: string, now: string) =>
      renewalForPolicyTerm(
        {
          customerId: customer.id,
          policyId: id,
          policyNumber: number,
          endDate,
          assigneeId: policy.assigneeId,
        },
        now,
      );
    // Earlier terms were renewed by hand: drafted 30 days before their end, accepted, issued 7
    // days before it, which completed their queue renewal.
    for (let k = 0; k < termCount - 1; k++) {
      const e = ends_[k]!;
      const drafted = at(addDays(e, -30));
      const issuedAt = at(addDays(e, -7));
      const accepted = acceptTransaction(
        draftTransaction(
          {
            id: policyIds.manualTransaction(id, k + 1, drafted),
            policyId: id,
            termNumber: k + 1,
            type: 'renewal',
            effectiveTime: termEnd(e),
            endTime: termEnd(ends_[k + 1]!),
            createdBy: 'manual',
          },
          drafted,
        ),
        at(addDays(e, -20)),
      );
      part.transactions.push({
        ...accepted,
        state: 'issued',
        history: [
          ...accepted.history,
          { from: 'accepted', to: 'issued', at: issuedAt, manual: true },
        ],
        updatedAt: issuedAt,
      });
      part.renewals.push({
        ...queue(e, at(addDays(e, -372))),
        status: 'COMPLETED',
        nextStageOn: NEVER,
        completedAt: issuedAt,
        updatedAt: issuedAt,
      });
    }
    const latest = queue(end, cal.seedAt);
    if (cancelled) {
      const recordedAt = at(addDays(cal.today, -1 - Math.floor(rnd() * 60)));
      const effectiveDate = recordedAt.slice(0, 10);
      const plan = planCancellation(
        policy,
        { transactions: [], autoRenewals: [], queueRenewal: latest, timeZone: 'UTC' },
        { effectiveDate, effectiveTime: termEnd(effectiveDate) },
        recordedAt,
      );
      policy = plan.policy;
      part.renewals.push(plan.queue?.renewal ?? latest);
    } else {
      part.renewals.push(latest);
      if (end > createAfter) {
        // Nothing fired yet: its first trigger (create) comes after DAY2.
        if (rnd() < AUTO_RENEWED_SHARE)
          part.autorenewals.push(createAutoRenewal(policy, YEARLY_PLAN, cal.seedAt));
      } else if (end > cal.today && rnd() < 0.5) {
        // Renewed by hand, under way: drafted in the last ten days, accepted in half of them.
        const drafted = at(addDays(cal.today, -1 - Math.floor(rnd() * 10)));
        const draft = draftTransaction(
          {
            id: policyIds.manualTransaction(id, termCount, drafted),
            policyId: id,
            termNumber: termCount,
            type: 'renewal',
            effectiveTime: termEnd(end),
            endTime: termEnd(addMonthsClamped(end, 12)),
            createdBy: 'manual',
          },
          drafted,
        );
        part.transactions.push(
          rnd() < 0.5 ? draft : acceptTransaction(draft, at(drafted.slice(0, 10), '15:00')),
        );
      }
    }
    part.policies.push(policy);
  }
  return part;
}
