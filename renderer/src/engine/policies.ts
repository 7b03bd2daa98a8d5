import { z } from 'zod';
import {
  createAutoRenewal,
  discardAutoRenewal,
  markDoNotRenew,
  reactivate,
  reconcileAutoRenewal,
  runAutoRenewal,
  updateAutoRenewal,
  type RunOptions,
} from '../../../shared/policies/auto-renewal';
import { latestTerm, PolicyRuleError } from '../../../shared/policies/model';
import type {
  AutoRenewal,
  AutoRenewalPlan,
  Instant,
  Policy,
  RenewalTransaction,
} from '../../../shared/policies/model';
import { validateAutoRenewalPlan, type PlanCheck } from '../../../shared/policies/plan';
import {
  acceptTransaction,
  discardTransaction,
  issueTransaction,
  planCancellation,
  planManualRenewal,
  refuseTransaction,
  rejectTransaction,
  type IssuePlan,
} from '../../../shared/policies/transactions';
import { renewalForPolicyTerm } from '../../../shared/renewals/create';
import { ids as renewalIds } from '../../../shared/renewals/ids';
import { isLocalDate, localDateIn } from '../../../shared/time';
import type { LocalData } from '../db/local-data';
import { policiesData, type PoliciesData } from '../db/policies-data';
import type { Engine } from './engine';
import { postWebhook } from './policies-webhook';
import type { PlatformApi } from '../../../shared/ipc';
import { formatLocalDateTime, instantAtLocal, parseLocalDateTime } from '../../../shared/time';

/** The `config` record that holds the office's auto-renewal plans. */
export const PLANS_CONFIG_ID = 'plans';
export type PlansConfig = { plans: AutoRenewalPlan[] };

export type ActionResult = { ok: true; message: string } | { ok: false; error: string };

const policyInputSchema = z
  .object({
    number: z
      .string()
      .trim()
      .min(1, 'Enter the policy number, e.g. P-2026-0042.')
      .max(60, 'Shorten the policy number to 60 characters or fewer.'),
    productName: z
      .string()
      .trim()
      .min(1, 'Enter the product, e.g. Commercial auto.')
      .max(120, 'Shorten the product name to 120 characters or fewer.'),
    startDate: z
      .string()
      .trim()
      .refine(isLocalDate, 'Enter the first term’s start as YYYY-MM-DD, e.g. 2026-01-01.'),
    endDate: z
      .string()
      .trim()
      .refine(isLocalDate, 'Enter the first term’s end as YYYY-MM-DD, e.g. 2027-01-01.'),
    assigneeId: z.string().trim().min(1, 'Choose who looks after this policy.'),
  })
  .superRefine((input, ctx) => {
    if (isLocalDate(input.startDate) && isLocalDate(input.endDate))
      if (input.endDate <= input.startDate)
        ctx.addIssue({
          code: 'custom',
          path: ['endDate'],
          message: `The term must end after it starts (${input.startDate}).`,
        });
  });

export type PolicyInput = z.input<typeof policyInputSchema>;
export type PolicyFieldErrors = Partial<Record<keyof PolicyInput | 'form', string>>;

export type ManualRenewalForm = { endDate: string; effectiveDate: string; type: string };
export type RenewalFieldErrors = Partial<Record<keyof ManualRenewalForm | 'form', string>>;

export type TriggerTimesForm = { createTime: string; acceptTime: string; issueTime: string };
export type TriggerFieldErrors = Partial<Record<keyof TriggerTimesForm | 'form', string>>;

export type PolicyDailySummary = {
  checked: number;
  fired: number;
  created: number;
  issued: number;
  errors: number;
};

/** The refresh toast's line for the policies job, or '' on a quiet day. */
export function policiesSummaryLine(summary: PolicyDailySummary): string {
  if (summary.fired === 0 && summary.errors === 0) return '';
  const parts = [
    `${summary.fired} auto-renewal step${summary.fired === 1 ? '' : 's'}`,
    summary.issued > 0
      ? `${summary.issued} polic${summary.issued === 1 ? 'y' : 'ies'} renewed`
      : '',
    summary.errors > 0
      ? `${summary.errors} auto-renewal${summary.errors === 1 ? '' : 's'} in error`
      : '',
  ];
  return parts.filter(Boolean).join(', ');
}

/** Where a notification or a link about a policy leads. */
export function policyRoute(policyId: string): string {
  return `/policies/${encodeURIComponent(policyId)}`;
}

function ruleError(error: unknown): string {
  if (error instanceof PolicyRuleError) return error.message;
  throw error;
}

/**
 * The policies shell: reads records, asks shared/policies for a plan, writes what it says.
 * Derived records (the auto transaction, the next term's Renewal and auto-renewal, notices)
 * have deterministic ids, and every write puts the effects before the record that caused them,
 * so a run interrupted half-way, repeated, or done on two devices converges to one record each.
 */
export function createPoliciesEngine(deps: {
  data: LocalData;
  engine: Engine;
  /** Electron posts through main (no CSP or CORS); without a platform, fetch directly. */
  platform?: Pick<PlatformApi, 'postWebhook'>;
  callWebhook?: RunOptions['callWebhook'];
}) {
  const { data, engine, platform } = deps;
  const store: PoliciesData = policiesData(data.db);
  const callWebhook: RunOptions['callWebhook'] =
    deps.callWebhook ??
    (platform
      ? (plugin, body) =>
          platform.postWebhook({ url: plugin.url, body, timeoutMs: plugin.timeoutMs })
      : postWebhook);
  const now = () => engine.clock.now();

  async function plans(): Promise<AutoRenewalPlan[]> {
    return (await data.config.get<PlansConfig>(PLANS_CONFIG_ID))?.plans ?? [];
  }

  async function planOfCustomer(customerId: string): Promise<AutoRenewalPlan | null> {
    const customer = await data.customers.get(customerId);
    if (!customer?.planId) return null;
    return (await plans()).find((p) => p.id === customer.planId) ?? null;
  }

  async function mustGet<T>(promise: Promise<T | null>, what: string, id: string): Promise<T> {
    const value = await promise;
    if (!value)
      throw new Error(
        `The ${what} ${id} no longer exists; it may have been removed on another device.`,
      );
    return value;
  }

  /** Saves what issuing a renewal produced; `before` is the policy as it was before the issue. */
  async function saveIssue(plan: IssuePlan, before: Policy, at: Instant): Promise<void> {
    const { timeZone } = await engine.office();
    await store.transactions.upsert([plan.transaction, ...plan.invalidatedTransactions]);
    await engine.addRenewals([
      renewalForPolicyTerm(
        {
          customerId: before.customerId,
          policyId: before.id,
          policyNumber: before.number,
          endDate: plan.renewalDue.dueDate,
          assigneeId: plan.renewalDue.assigneeId,
        },
        at,
      ),
    ]);
    await data.events.insert([plan.event]);
    if (plan.nextAutoRenewal) await store.autoRenewals.insert([plan.nextAutoRenewal]);
    await store.autoRenewals.upsert(plan.autoRenewalUpdates);
    await store.policies.upsert([plan.policy]);
    // The renewed term's own queue entry is done: the policy no longer lapses on that date.
    const renewedId = renewalIds.policyRenewal(
      before.id,
      localDateIn(latestTerm(before).endTime, timeZone),
    );
    const renewed = await data.renewals.get(renewedId);
    if (renewed && (renewed.status === 'ACTIVE' || renewed.status === 'OVERDUE'))
      await engine.completeRenewal(renewedId);
  }

  /** After a manual change, brings the policy's auto-renewals in line with its transactions. */
  async function reconcile(policyId: string, at: Instant): Promise<void> {
    const [autoRenewals, transactions] = await Promise.all([
      store.autoRenewals.ofPolicy(policyId),
      store.transactions.ofPolicy(policyId),
    ]);
    const changed = autoRenewals
      .map((ar) => [ar, reconcileAutoRenewal(ar, transactions, at)] as const)
      .filter(([before, after]) => before !== after)
      .map(([, after]) => after);
    await store.autoRenewals.upsert(changed);
  }

  /** Runs one auto-renewal's due triggers and saves the result; false when nothing changed. */
  async function runOne(
    autoRenewalId: string,
    at: Instant,
    timeZone: string,
  ): Promise<{ fired: number; created: boolean; issued: boolean; error: boolean } | null> {
    const autoRenewal = await store.autoRenewals.get(autoRenewalId);
    if (!autoRenewal) return null;
    const policy = await store.policies.get(autoRenewal.policyId);
    if (!policy) return null;
    const [transactions, autoRenewals, plan] = await Promise.all([
      store.transactions.ofPolicy(policy.id),
      store.autoRenewals.ofPolicy(policy.id),
      planOfCustomer(policy.customerId),
    ]);
    const run = await runAutoRenewal(
      { policy, autoRenewal, transactions, plan, autoRenewals },
      at,
      { timeZone, callWebhook },
    );
    if (!run.changed) return null;
    await store.transactions.upsert(run.transactions);
    if (run.issued) await saveIssue(run.issued, policy, at);
    await data.events.insert(run.notices.map((n) => n.event));
    await store.autoRenewals.upsert([run.autoRenewal]);
    await engine.deliver(
      run.notices.map(({ notification: { assigneeId: _assignee, ...request } }) => request),
    );
    return {
      fired: run.fired.length,
      created: run.fired.includes('create'),
      issued: run.issued !== undefined,
      error: run.autoRenewal.state === 'error' && autoRenewal.state !== 'error',
    };
  }

  async function changeAutoRenewal(
    autoRenewalId: string,
    change: (ar: AutoRenewal, at: Instant) => AutoRenewal,
    message: string,
  ): Promise<ActionResult> {
    const at = now();
    const autoRenewal = await mustGet(
      store.autoRenewals.get(autoRenewalId),
      'auto-renewal',
      autoRenewalId,
    );
    try {
      await store.autoRenewals.upsert([change(autoRenewal, at)]);
      return { ok: true, message };
    } catch (error) {
      return { ok: false, error: ruleError(error) };
    }
  }

  return {
    data: store,
    plans,
    planOfCustomer,

    /** Adds or replaces (by id) a plan after validating it; errors name the field and the fix. */
    async savePlan(draft: unknown): Promise<PlanCheck> {
      const check = validateAutoRenewalPlan(draft);
      if (!check.ok) return check;
      const current = await plans();
      const next = current.some((p) => p.id === check.plan.id)
        ? current.map((p) => (p.id === check.plan.id ? check.plan : p))
        : [...current, check.plan];
      await data.config.set(PLANS_CONFIG_ID, { plans: next } satisfies PlansConfig, now());
      return check;
    },

    /** Assigns a plan to a customer (null removes it); new terms follow the plan from then on. */
    async assignPlan(customerId: string, planId: string | null): Promise<ActionResult> {
      const customer = await mustGet(data.customers.get(customerId), 'customer', customerId);
      if (planId !== null && !(await plans()).some((p) => p.id === planId))
        return { ok: false, error: `There is no plan "${planId}"; create it first.` };
      const { planId: _old, ...rest } = customer;
      await data.customers.upsert([
        { ...rest, ...(planId === null ? {} : { planId }), updatedAt: now() },
      ]);
      return {
        ok: true,
        message:
          planId === null
            ? `${customer.name} has no plan now.`
            : `Plan assigned to ${customer.name}.`,
      };
    },

    /** A new policy with its first term, its Renewal in the queue, and the plan's auto-renewal. */
    async createPolicy(
      customerId: string,
      input: PolicyInput,
    ): Promise<{ ok: true; policy: Policy } | { ok: false; errors: PolicyFieldErrors }> {
      const parsed = policyInputSchema.safeParse(input);
      if (!parsed.success) {
        const errors: PolicyFieldErrors = {};
        for (const issue of parsed.error.issues)
          errors[issue.path[0] as keyof PolicyInput] ??= issue.message;
        return { ok: false, errors };
      }
      const value = parsed.data;
      const customer = await mustGet(data.customers.get(customerId), 'customer', customerId);
      if ((await store.policies.byNumber(customerId, value.number)).length > 0)
        return {
          ok: false,
          errors: { number: `${customer.name} already has policy ${value.number}.` },
        };
      const at = now();
      const { timeZone } = await engine.office();
      const policy: Policy = {
        id: engine.newId('pol'),
        customerId,
        number: value.number,
        productName: value.productName,
        assigneeId: value.assigneeId,
        terms: [
          {
            termNumber: 1,
            startTime: instantAtLocal(value.startDate, timeZone),
            endTime: instantAtLocal(value.endDate, timeZone),
          },
        ],
        updatedAt: at,
      };
      const plan = await planOfCustomer(customerId);
      await engine.addRenewals([
        renewalForPolicyTerm(
          {
            customerId,
            policyId: policy.id,
            policyNumber: policy.number,
            endDate: value.endDate,
            assigneeId: policy.assigneeId,
          },
          at,
        ),
      ]);
      if (plan?.generateAutoRenewals)
        await store.autoRenewals.insert([createAutoRenewal(policy, plan, at)]);
      await store.policies.insert([policy]);
      return { ok: true, policy };
    },

    /** Drafts a manual renewal of the latest term; dates are office-local YYYY-MM-DD. */
    async draftRenewal(
      policyId: string,
      form: ManualRenewalForm,
    ): Promise<
      { ok: true; transaction: RenewalTransaction } | { ok: false; errors: RenewalFieldErrors }
    > {
      const policy = await mustGet(store.policies.get(policyId), 'policy', policyId);
      const { timeZone } = await engine.office();
      const end = latestTerm(policy).endTime;
      const endLocal = formatLocalDateTime(end, timeZone);
      const errors: RenewalFieldErrors = {};
      const endDate = form.endDate.trim();
      const effectiveDate = form.effectiveDate.trim();
      if (!isLocalDate(endDate))
        errors.endDate = 'Enter the new end as YYYY-MM-DD, e.g. 2028-01-01.';
      if (effectiveDate !== '' && !isLocalDate(effectiveDate))
        errors.effectiveDate = 'Enter the start of the new term as YYYY-MM-DD, or leave it empty.';
      if (form.type.trim() === '') errors.type = 'Give the renewal a type, e.g. renewal.';
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      const endTime = instantAtLocal(endDate, timeZone);
      const effectiveTime = effectiveDate === '' ? end : instantAtLocal(effectiveDate, timeZone);
      if (endTime <= end)
        errors.endDate = `The new end must be after the current end (${endLocal}).`;
      if (effectiveTime < end)
        errors.effectiveDate = `The new term cannot start before the current end (${endLocal}); leave it empty to start right then.`;
      else if (endTime <= effectiveTime && !errors.endDate)
        errors.endDate = `The new end must be after the new term’s start (${effectiveDate}).`;
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      const at = now();
      try {
        const transaction = planManualRenewal(
          policy,
          { endTime, effectiveTime, type: form.type },
          at,
        );
        await store.transactions.upsert([transaction]);
        return { ok: true, transaction };
      } catch (error) {
        return { ok: false, errors: { form: ruleError(error) } };
      }
    },

    /** accept | reject | refuse | discard a renewal by hand (no plugin fires). */
    async act(
      transactionId: string,
      action: 'accept' | 'reject' | 'refuse' | 'discard',
    ): Promise<ActionResult> {
      const at = now();
      const tx = await mustGet(store.transactions.get(transactionId), 'renewal', transactionId);
      const apply = {
        accept: acceptTransaction,
        reject: rejectTransaction,
        refuse: refuseTransaction,
        discard: discardTransaction,
      }[action];
      try {
        const next = apply(tx, at);
        await store.transactions.upsert([next]);
        await reconcile(tx.policyId, at);
        return { ok: true, message: `Renewal ${next.state}.` };
      } catch (error) {
        return { ok: false, error: ruleError(error) };
      }
    },

    /** Issues an accepted renewal by hand: the new term, its Renewal and next auto-renewal. */
    async issue(transactionId: string): Promise<ActionResult> {
      const at = now();
      const tx = await mustGet(store.transactions.get(transactionId), 'renewal', transactionId);
      const policy = await mustGet(store.policies.get(tx.policyId), 'policy', tx.policyId);
      const [autoRenewals, transactions, plan, office] = await Promise.all([
        store.autoRenewals.ofPolicy(policy.id),
        store.transactions.ofPolicy(policy.id),
        planOfCustomer(policy.customerId),
        engine.office(),
      ]);
      let plan_: IssuePlan;
      try {
        plan_ = issueTransaction(
          tx,
          { policy, autoRenewals, transactions, plan, timeZone: office.timeZone },
          at,
        );
      } catch (error) {
        return { ok: false, error: ruleError(error) };
      }
      await saveIssue(plan_, policy, at);
      return {
        ok: true,
        message: `Issued: term ${plan_.transaction.termNumber + 1} runs to ${plan_.renewalDue.dueDate}.`,
      };
    },

    /**
     * Records a cancellation of the policy: its managed renewals go back to draft and its open
     * auto-renewals are invalidated until someone reactivates them.
     */
    async cancelPolicy(policyId: string): Promise<ActionResult> {
      const at = now();
      const policy = await mustGet(store.policies.get(policyId), 'policy', policyId);
      const [autoRenewals, transactions, office] = await Promise.all([
        store.autoRenewals.ofPolicy(policy.id),
        store.transactions.ofPolicy(policy.id),
        engine.office(),
      ]);
      const plan = planCancellation(policy, transactions, autoRenewals, at);
      await store.transactions.upsert(plan.transactionUpdates);
      await data.events.insert([
        {
          id: `evt:${policy.id}:cancelled:${at}`,
          type: 'POLICY_CANCELLED',
          customerId: policy.customerId,
          subjectId: policy.id,
          title: `Policy ${policy.number} cancelled`,
          detail: `${plan.transactionUpdates.length} managed renewal(s) back to draft; ${plan.autoRenewalUpdates.length} auto-renewal(s) invalidated until reactivated.`,
          occurredOn: localDateIn(at, office.timeZone),
          at,
          updatedAt: at,
        },
      ]);
      await store.autoRenewals.upsert(plan.autoRenewalUpdates);
      return {
        ok: true,
        message:
          plan.autoRenewalUpdates.length > 0
            ? 'Cancellation recorded: the auto-renewal is invalidated until you reactivate it.'
            : 'Cancellation recorded.',
      };
    },

    /** An auto-renewal on the latest term, from the customer's plan. */
    async createAutoRenewal(policyId: string): Promise<ActionResult> {
      const at = now();
      const policy = await mustGet(store.policies.get(policyId), 'policy', policyId);
      const plan = await planOfCustomer(policy.customerId);
      if (!plan)
        return {
          ok: false,
          error:
            'This customer has no auto-renewal plan. Assign one under Policies → Plans, then create the auto-renewal.',
        };
      try {
        const created = createAutoRenewal(
          policy,
          plan,
          at,
          await store.autoRenewals.ofPolicy(policy.id),
        );
        await store.autoRenewals.insert([created]);
        return { ok: true, message: `Auto-renewal created from plan ${plan.name}.` };
      } catch (error) {
        return { ok: false, error: ruleError(error) };
      }
    },

    /** Edits trigger times given as office-local 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM'; empty = no action. */
    async editTriggerTimes(
      autoRenewalId: string,
      form: TriggerTimesForm,
    ): Promise<{ ok: true } | { ok: false; errors: TriggerFieldErrors }> {
      const { timeZone } = await engine.office();
      const errors: TriggerFieldErrors = {};
      const times: Partial<Record<keyof TriggerTimesForm, Instant | null>> = {};
      for (const key of ['createTime', 'acceptTime', 'issueTime'] as const) {
        const text = form[key].trim();
        if (text === '') {
          times[key] = null;
          continue;
        }
        const instant = parseLocalDateTime(text, timeZone);
        if (instant === null)
          errors[key] = 'Use YYYY-MM-DD or YYYY-MM-DD HH:MM (office time), or leave it empty.';
        else times[key] = instant;
      }
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      const result = await changeAutoRenewal(
        autoRenewalId,
        (ar, at) => updateAutoRenewal(ar, times, at),
        'Trigger times saved.',
      );
      return result.ok ? { ok: true } : { ok: false, errors: { form: result.error } };
    },

    doNotRenew: (id: string) =>
      changeAutoRenewal(
        id,
        markDoNotRenew,
        'Marked Do not renew: no renewal of this policy can be issued until you reactivate.',
      ),
    reactivate: (id: string) =>
      changeAutoRenewal(
        id,
        reactivate,
        'Reactivated: the auto-renewal resumes at its next pending trigger.',
      ),
    discardAutoRenewal: (id: string) =>
      changeAutoRenewal(
        id,
        discardAutoRenewal,
        'Auto-renewal discarded: no more plugin calls or automatic actions.',
      ),

    /**
     * The daily job: runs every auto-renewal trigger due by now, earliest first, until none is
     * left (an issue may create a next auto-renewal that is itself already due after a long
     * absence). Fired triggers are recorded, so a second run changes nothing.
     */
    async daily(): Promise<PolicyDailySummary> {
      const at = now();
      const { timeZone } = await engine.office();
      const summary: PolicyDailySummary = {
        checked: 0,
        fired: 0,
        created: 0,
        issued: 0,
        errors: 0,
      };
      const seen = new Set<string>();
      for (let round = 0; round < 20; round++) {
        const due = (await store.autoRenewals.dueBy(at)).filter(
          (ar) => !seen.has(`${ar.id}@${ar.updatedAt}`),
        );
        if (due.length === 0) break;
        for (const ar of due) {
          seen.add(`${ar.id}@${ar.updatedAt}`);
          summary.checked++;
          const result = await runOne(ar.id, at, timeZone);
          if (!result) continue;
          summary.fired += result.fired;
          if (result.created) summary.created++;
          if (result.issued) summary.issued++;
          if (result.error) summary.errors++;
        }
      }
      return summary;
    },
  };
}

export type PoliciesEngine = ReturnType<typeof createPoliciesEngine>;
