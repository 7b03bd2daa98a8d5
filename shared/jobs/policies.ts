import {
  canCreateAutoRenewal,
  canCreateDoNotRenew,
  createAutoRenewalByHand,
  createDoNotRenew,
} from '../policies/auto-renewal-record.js';
import {
  checkAutoRenewalForm,
  type AutoRenewalField,
  type AutoRenewalForm,
} from '../policies/auto-renewal-input.js';
import { planAssignment } from '../policies/plan-assignment.js';
import {
  canDiscard,
  canMarkDoNotRenew,
  canReactivate,
  createAutoRenewal,
  discardAutoRenewal,
  linkBlocker,
  linkTransaction,
  markDoNotRenew,
  reactivate,
  reconcileAutoRenewal,
  updateAutoRenewal,
} from '../policies/auto-renewal.js';
import { latestTerm, RENEWAL_EVENTS } from '../policies/model.js';
import { webhookAllowedHosts } from '../office.js';
import type {
  AutoRenewal,
  AutoRenewalPlan,
  Policy,
  RenewalTransaction,
} from '../policies/model.js';
import { PLANS_CONFIG_ID, validateAutoRenewalPlan, type PlansConfig } from '../policies/plan.js';
import {
  checkManualRenewalForm,
  checkTriggerTimesForm,
  planPolicy,
  type ManualRenewalField,
  type ManualRenewalForm,
  type PolicyField,
  type PolicyInput,
  type TriggerField,
  type TriggerTimesForm,
} from '../policies/policy-input.js';
import {
  acceptTransaction,
  discardTransaction,
  issueBlocker,
  issueTransaction,
  planManualRenewal,
  refuseTransaction,
  rejectTransaction,
  transitionBlocker,
  type IssuePlan,
} from '../policies/transactions.js';
import { invalid, ok, refused, type Result } from '../result.js';
import { renewalForPolicyTerm } from '../renewals/create.js';
import { ids as renewalIds } from '../renewals/ids.js';
import { localDateIn, type Instant } from '../time/index.js';
import {
  changedMessage,
  contextAt,
  goneMessage,
  planOfCustomer,
  readPlans,
  type JobContext,
} from './context.js';
import type { JobPorts } from './ports.js';
import { applyPlan, insert, update, type Plan } from './plan.js';
import {
  completeIfOpen,
  deliverEventNotices,
  newRenewalWrites,
  type JobProblem,
} from './renewals.js';
import { policyCancellationOperations } from './policy-cancellation.js';
import { ruleRefusal, transactionWrite } from './policy-writes.js';
import { runAutoRenewal } from './run-auto-renewal.js';
import type { Write } from './store.js';

export type ManualAction = 'accept' | 'reject' | 'refuse' | 'discard';

export type PolicyDailySummary = {
  checked: number;
  fired: number;
  created: number;
  issued: number;
  errors: number;
};

/**
 * What issuing a renewal writes after its claim: the transactions, the POLICY_RENEWED event,
 * the next term's queue renewal (with the stage it has reached), the next auto-renewal, the
 * renewed term's auto-renewals, and the renewed term's own queue renewal, now moot.
 */
async function issueWrites(
  ctx: JobContext,
  issued: IssuePlan,
  before: Policy,
  read: { transactions: readonly RenewalTransaction[]; autoRenewals: readonly AutoRenewal[] },
  options: { transactions: boolean },
): Promise<Write[]> {
  const renewedQueueId = renewalIds.policyRenewal(
    before.id,
    localDateIn(latestTerm(before).endTime, ctx.office.timeZone),
  );
  const arBefore = new Map(read.autoRenewals.map((ar) => [ar.id, ar]));
  return [
    ...(options.transactions
      ? [issued.transaction, ...issued.invalidatedTransactions].map((tx) =>
          transactionWrite(tx, read.transactions),
        )
      : []),
    insert('events', issued.event),
    ...newRenewalWrites(
      [
        renewalForPolicyTerm(
          {
            customerId: before.customerId,
            policyId: before.id,
            policyNumber: before.number,
            endDate: issued.renewalDue.dueDate,
            assigneeId: issued.renewalDue.assigneeId,
          },
          ctx.at,
        ),
      ],
      ctx,
    ),
    ...(issued.nextAutoRenewal ? [insert('autorenewals', issued.nextAutoRenewal)] : []),
    ...issued.autoRenewalUpdates.flatMap((ar) => {
      const was = arBefore.get(ar.id);
      return was ? [update('autorenewals', was, ar)] : [];
    }),
    ...(await completeIfOpen(ctx, [renewedQueueId])),
  ];
}

/**
 * Runs one auto-renewal's due triggers and saves each result as one journaled plan whose claim
 * is the auto-renewal itself: if another run advanced it meanwhile, nothing is written twice.
 * Before a step calls webhooks, the round of calls is saved on the auto-renewal (the claim of
 * that step), so a crash mid-call is known to the next run; a step after it runs in a next
 * pass, on what the previous pass saved.
 */
async function runOne(ctx: JobContext, first: AutoRenewal) {
  const { store, effects } = ctx.ports;
  const allowedHosts = webhookAllowedHosts(ctx.office);
  const total = { fired: 0, created: false, issued: false, error: false };
  let saved = false;
  let autoRenewal = first;
  for (let pass = 0; pass <= RENEWAL_EVENTS.length; pass++) {
    const policy = await store.get('policies', autoRenewal.policyId);
    if (!policy) break;
    const [transactions, autoRenewals, plan] = await Promise.all([
      store.find('transactions', { selector: { policyId: policy.id } }),
      store.find('autorenewals', { selector: { policyId: policy.id } }),
      planOfCustomer(ctx.ports, policy.customerId),
    ]);
    let stored = autoRenewal;
    const run = await runAutoRenewal(
      { policy, autoRenewal, transactions, plan, autoRenewals },
      ctx.at,
      {
        timeZone: ctx.office.timeZone,
        callWebhook: (plugin, body, idempotencyKey) =>
          effects.postWebhook({
            url: plugin.url,
            body,
            timeoutMs: plugin.timeoutMs,
            idempotencyKey,
            allowedHosts,
          }),
        recordCall: async (marked) => {
          const { conflicts } = await store.update('autorenewals', [
            { before: stored, after: marked },
          ]);
          if (conflicts.length > 0) return false;
          stored = marked;
          return true;
        },
      },
    );
    if (!run.changed) break;
    const writes: Write[] = [
      update('autorenewals', stored, run.autoRenewal),
      ...(run.issued ? [update('policies', policy, run.issued.policy)] : []),
      ...run.transactions.map((tx) => transactionWrite(tx, transactions)),
      ...(run.issued
        ? await issueWrites(
            ctx,
            run.issued,
            policy,
            { transactions, autoRenewals },
            {
              transactions: false,
            },
          )
        : []),
      ...run.notices.map((n) => insert('events', n.event)),
    ];
    const applied = await applyPlan(
      ctx.ports,
      { writes, notices: [] },
      { at: ctx.at, journal: `Auto-renewal of policy ${policy.number}` },
    );
    if (!applied.ok) break;
    saved = true;
    total.fired += run.fired.length;
    if (run.fired.includes('create')) total.created = true;
    if (run.issued) total.issued = true;
    if (run.autoRenewal.state === 'error' && first.state !== 'error') total.error = true;
    if (!run.more) break;
    autoRenewal = run.autoRenewal;
  }
  return saved ? total : null;
}

/** How many rounds a catch-up may take: an issue can create a next auto-renewal already due. */
const MAX_ROUNDS = 20;

/**
 * The daily policies job: runs every auto-renewal trigger due by the tick, earliest first,
 * until none is left. Fired triggers are recorded, so a second run changes nothing. One
 * auto-renewal that fails is reported and the others still run.
 */
export async function runAutoRenewals(
  ctx: JobContext,
): Promise<{ summary: PolicyDailySummary; problems: JobProblem[] }> {
  const summary: PolicyDailySummary = { checked: 0, fired: 0, created: 0, issued: 0, errors: 0 };
  const problems: JobProblem[] = [];
  const seen = new Set<string>();
  // One that failed is not tried again in this run, even if it saved a round of calls first.
  const failed = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const due = (
      await ctx.ports.store.find('autorenewals', {
        selector: { nextTriggerAt: { $lte: ctx.at } },
        sort: [{ nextTriggerAt: 'asc' }, { id: 'asc' }],
        limit: 200,
      })
    ).filter((ar) => !seen.has(`${ar.id}@${ar.updatedAt}`) && !failed.has(ar.id));
    if (due.length === 0) break;
    for (const ar of due) {
      seen.add(`${ar.id}@${ar.updatedAt}`);
      summary.checked++;
      try {
        const result = await runOne(ctx, ar);
        if (!result) continue;
        summary.fired += result.fired;
        if (result.created) summary.created++;
        if (result.issued) summary.issued++;
        if (result.error) summary.errors++;
      } catch (error) {
        failed.add(ar.id);
        problems.push({
          collection: 'autorenewals',
          id: ar.id,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
  return { summary, problems };
}

/** The policy operations people perform, each with the instant it happens. */
export function policyOperations(ports: JobPorts) {
  const { store } = ports;

  async function policyState(policyId: string) {
    const policy = await store.get('policies', policyId);
    if (!policy) return null;
    const [transactions, autoRenewals] = await Promise.all([
      store.find('transactions', { selector: { policyId } }),
      store.find('autorenewals', { selector: { policyId } }),
    ]);
    return { policy, transactions, autoRenewals };
  }

  /** After a manual change, brings the policy's auto-renewals in line with its transactions. */
  function reconcileWrites(
    autoRenewals: readonly AutoRenewal[],
    transactions: readonly RenewalTransaction[],
    at: Instant,
  ): Write[] {
    return autoRenewals.flatMap((ar) => {
      const next = reconcileAutoRenewal(ar, transactions, at);
      return next === ar ? [] : [update('autorenewals', ar, next)];
    });
  }

  async function save(ctx: JobContext, plan: Plan, label: string, message: string) {
    const applied = await applyPlan(ports, plan, { at: ctx.at, journal: label });
    if (!applied.ok) return refused(changedMessage('policy', 'edited meanwhile'));
    await deliverEventNotices(ctx);
    return ok(message);
  }

  async function changeAutoRenewal(
    at: Instant,
    autoRenewalId: string,
    blocker: (ar: AutoRenewal) => string | null,
    change: (ar: AutoRenewal, at: Instant) => AutoRenewal,
    message: string,
  ): Promise<Result<string>> {
    const current = await store.get('autorenewals', autoRenewalId);
    if (!current) return refused(goneMessage('auto-renewal', autoRenewalId));
    const reason = blocker(current);
    if (reason) return refused(reason);
    const { conflicts } = await store.update('autorenewals', [
      { before: current, after: change(current, at) },
    ]);
    return conflicts.length === 0
      ? ok(message)
      : refused(changedMessage('auto-renewal', 'edited meanwhile'));
  }

  return {
    ...policyCancellationOperations(ports),

    /**
     * Adds or replaces (by id) a plan after validating it; errors name the field and the fix.
     * A draft without an id is a new plan.
     */
    async savePlan(at: Instant, draft: unknown): Promise<Result<AutoRenewalPlan>> {
      const check = validateAutoRenewalPlan(
        draft !== null && typeof draft === 'object' && !('id' in draft)
          ? { ...draft, id: ports.newId('plan') }
          : draft,
      );
      if (!check.ok) {
        const errors: Record<string, string> = {};
        for (const e of check.errors) errors[e.field] ??= e.message;
        return invalid(errors);
      }
      const current = await store.get('config', PLANS_CONFIG_ID);
      const plans = (current?.value as PlansConfig | undefined)?.plans ?? [];
      const next: PlansConfig = {
        plans: plans.some((p) => p.id === check.plan.id)
          ? plans.map((p) => (p.id === check.plan.id ? check.plan : p))
          : [...plans, check.plan],
      };
      const record = { id: PLANS_CONFIG_ID, value: next, updatedAt: at };
      if (current) {
        const { conflicts } = await store.update('config', [{ before: current, after: record }]);
        if (conflicts.length > 0) return refused(changedMessage('plan list', 'edited meanwhile'));
      } else {
        const { existing } = await store.insert('config', [record]);
        if (existing.length > 0) return refused(changedMessage('plan list', 'edited meanwhile'));
      }
      return ok(check.plan);
    },

    /**
     * Assigns a plan to a customer (null removes it); new terms follow the plan from then on.
     * A plan that generates auto-renewals also gives one to the latest term of each of the
     * customer's active policies that has none; removing a plan leaves auto-renewals alone.
     * The customer is the claim; the new auto-renewals follow it in the same journaled plan.
     */
    async assignPlan(
      at: Instant,
      customerId: string,
      planId: string | null,
    ): Promise<Result<string>> {
      const ctx = await contextAt(ports, at);
      const customer = await store.get('customers', customerId);
      if (!customer) return refused(goneMessage('customer', customerId));
      const plan = planId === null ? null : (await readPlans(ports)).find((p) => p.id === planId);
      if (plan === undefined) return refused(`There is no plan "${planId}"; create it first.`);
      const policies = await store.find('policies', {
        selector: { customerId },
        sort: [{ customerId: 'asc' }, { number: 'asc' }],
      });
      const autoRenewals =
        policies.length === 0
          ? []
          : await store.find('autorenewals', {
              selector: { policyId: { $in: policies.map((p) => p.id) } },
            });
      const assignment = planAssignment(
        customer.name,
        plan,
        policies,
        autoRenewals,
        at,
        ctx.office.timeZone,
      );
      const { planId: _old, ...rest } = customer;
      const after = { ...rest, ...(planId === null ? {} : { planId }), updatedAt: at };
      const applied = await applyPlan(
        ports,
        {
          writes: [
            update('customers', customer, after),
            ...assignment.created.map((ar) => insert('autorenewals', ar)),
          ],
          notices: [],
        },
        { at, journal: `Assign a plan to ${customer.name}` },
      );
      if (!applied.ok) return refused(changedMessage('customer', 'edited meanwhile'));
      return ok(assignment.message);
    },

    /**
     * A new policy with its first term, then its queue renewal and the plan's auto-renewal: the
     * policy comes first, so no queue renewal ever points at a policy that is not there.
     */
    async createPolicy(
      at: Instant,
      customerId: string,
      input: PolicyInput,
    ): Promise<Result<Policy, PolicyField>> {
      const ctx = await contextAt(ports, at);
      const customer = await store.get('customers', customerId);
      if (!customer) return refused(goneMessage('customer', customerId));
      const checked = planPolicy(input, {
        id: ports.newId('pol'),
        customerId,
        timeZone: ctx.office.timeZone,
        now: at,
      });
      if (!checked.ok) return checked;
      const policy = checked.value;
      const sameNumber = await store.find('policies', {
        selector: { customerId, number: policy.number },
      });
      if (sameNumber.length > 0)
        return invalid({ number: `${customer.name} already has policy ${policy.number}.` });
      const plan = await planOfCustomer(ports, customerId);
      const endDate = localDateIn(latestTerm(policy).endTime, ctx.office.timeZone);
      await applyPlan(
        ports,
        {
          writes: [
            insert('policies', policy),
            ...newRenewalWrites(
              [
                renewalForPolicyTerm(
                  {
                    customerId,
                    policyId: policy.id,
                    policyNumber: policy.number,
                    endDate,
                    assigneeId: policy.assigneeId,
                  },
                  at,
                ),
              ],
              ctx,
            ),
            ...(plan?.generateAutoRenewals
              ? [insert('autorenewals', createAutoRenewal(policy, plan, at))]
              : []),
          ],
          notices: [],
        },
        { at, journal: `Create policy ${policy.number}` },
      );
      await deliverEventNotices(ctx);
      return ok(policy);
    },

    /** Drafts a manual renewal of the latest term; dates are office-local YYYY-MM-DD. */
    async draftRenewal(
      at: Instant,
      policyId: string,
      form: ManualRenewalForm,
    ): Promise<Result<RenewalTransaction, ManualRenewalField>> {
      const ctx = await contextAt(ports, at);
      const policy = await store.get('policies', policyId);
      if (!policy) return refused(goneMessage('policy', policyId));
      const times = checkManualRenewalForm(policy, form, ctx.office.timeZone);
      if (!times.ok) return times;
      try {
        const transaction = planManualRenewal(policy, times.value, at);
        await store.insert('transactions', [transaction]);
        return ok(transaction);
      } catch (error) {
        return ruleRefusal(error);
      }
    },

    /** accept | reject | refuse | discard a renewal by hand (no plugin fires). */
    async act(at: Instant, transactionId: string, action: ManualAction): Promise<Result<string>> {
      const ctx = await contextAt(ports, at);
      const tx = await store.get('transactions', transactionId);
      if (!tx) return refused(goneMessage('renewal', transactionId));
      const blocker = transitionBlocker(tx, action);
      if (blocker) return refused(blocker);
      const apply = {
        accept: acceptTransaction,
        reject: rejectTransaction,
        refuse: refuseTransaction,
        discard: discardTransaction,
      }[action];
      const next = apply(tx, at);
      const state = await policyState(tx.policyId);
      const transactions = (state?.transactions ?? []).map((t) => (t.id === next.id ? next : t));
      return save(
        ctx,
        {
          writes: [
            update('transactions', tx, next),
            ...reconcileWrites(state?.autoRenewals ?? [], transactions, at),
          ],
          notices: [],
        },
        `${action} renewal ${transactionId}`,
        `Renewal ${next.state}.`,
      );
    },

    /**
     * Issues an accepted renewal by hand. The policy's new term is its claim, so two issues of
     * the same term cannot both succeed; the rest follows from the journal if interrupted.
     */
    async issue(at: Instant, transactionId: string): Promise<Result<string>> {
      const ctx = await contextAt(ports, at);
      const tx = await store.get('transactions', transactionId);
      if (!tx) return refused(goneMessage('renewal', transactionId));
      const state = await policyState(tx.policyId);
      if (!state) return refused(goneMessage('policy', tx.policyId));
      const { policy, transactions, autoRenewals } = state;
      const blocker = issueBlocker(tx, { policy, autoRenewals });
      if (blocker) return refused(blocker);
      const plan = await planOfCustomer(ports, policy.customerId);
      const issued = issueTransaction(
        tx,
        { policy, autoRenewals, transactions, plan, timeZone: ctx.office.timeZone },
        at,
      );
      return save(
        ctx,
        {
          writes: [
            update('policies', policy, issued.policy),
            ...(await issueWrites(
              ctx,
              issued,
              policy,
              { transactions, autoRenewals },
              {
                transactions: true,
              },
            )),
          ],
          notices: [],
        },
        `Issue renewal of policy ${policy.number}`,
        `Issued: term ${issued.transaction.termNumber + 1} runs to ${issued.renewalDue.dueDate}.`,
      );
    },

    /** An auto-renewal on the latest term, from the customer's plan. */
    async createAutoRenewal(at: Instant, policyId: string): Promise<Result<string>> {
      const state = await policyState(policyId);
      if (!state) return refused(goneMessage('policy', policyId));
      const plan = await planOfCustomer(ports, state.policy.customerId);
      if (!plan)
        return refused(
          'This customer has no auto-renewal plan. Assign one under Policies → Plans, then create the auto-renewal.',
        );
      const blocker = canCreateAutoRenewal(state.policy, state.autoRenewals);
      if (blocker) return refused(blocker);
      const created = createAutoRenewal(state.policy, plan, at, state.autoRenewals);
      const { existing } = await store.insert('autorenewals', [created]);
      if (existing.length > 0)
        return refused(changedMessage('policy', 'another device created its auto-renewal'));
      return ok(`Auto-renewal created from plan ${plan.name}.`);
    },

    /**
     * "Create Auto-Renewal" without a plan: an active auto-renewal on the latest term with the
     * trigger times (office-local) and term length typed; every problem names its field.
     */
    async createAutoRenewalByHand(
      at: Instant,
      policyId: string,
      form: AutoRenewalForm,
    ): Promise<Result<AutoRenewal, AutoRenewalField>> {
      const ctx = await contextAt(ports, at);
      const state = await policyState(policyId);
      if (!state) return refused(goneMessage('policy', policyId));
      const blocker = canCreateAutoRenewal(state.policy, state.autoRenewals);
      if (blocker) return refused(blocker);
      const checked = checkAutoRenewalForm(state.policy, form, ctx.office.timeZone);
      if (!checked.ok) return checked;
      const created = createAutoRenewalByHand(state.policy, checked.value, at, state.autoRenewals);
      const { existing } = await store.insert('autorenewals', [created]);
      if (existing.length > 0)
        return refused(changedMessage('policy', 'another device created its auto-renewal'));
      return ok(created);
    },

    /**
     * Do not renew on the policy: marks its latest term's auto-renewal, or creates one in
     * `doNotRenew` (with no trigger times) when the term has none.
     */
    async markPolicyForDoNotRenew(at: Instant, policyId: string): Promise<Result<string>> {
      const state = await policyState(policyId);
      if (!state) return refused(goneMessage('policy', policyId));
      const { policy, autoRenewals } = state;
      const term = latestTerm(policy);
      const current = autoRenewals.find((ar) => ar.termNumber === term.termNumber);
      const blocked =
        'No renewal of this policy can be issued until you reactivate its auto-renewal.';
      if (current)
        return changeAutoRenewal(
          at,
          current.id,
          canMarkDoNotRenew,
          markDoNotRenew,
          `Policy ${policy.number} marked Do not renew. ${blocked}`,
        );
      const blocker = canCreateDoNotRenew(policy, autoRenewals);
      if (blocker) return refused(blocker);
      const plan = await planOfCustomer(ports, policy.customerId);
      const created = createDoNotRenew(policy, plan?.newTermDurationMonths ?? 12, at, autoRenewals);
      const { existing } = await store.insert('autorenewals', [created]);
      if (existing.length > 0)
        return refused(changedMessage('policy', 'another device created its auto-renewal'));
      return ok(
        `Policy ${policy.number} marked Do not renew: term ${term.termNumber} had no auto-renewal, so one was created in Do not renew. ${blocked}`,
      );
    },

    /**
     * Links another pending renewal of the same term to the auto-renewal, which manages it from
     * then on (its remaining triggers act on it); the renewal it managed before is left as is.
     */
    async linkRenewal(
      at: Instant,
      autoRenewalId: string,
      transactionId: string,
    ): Promise<Result<string>> {
      const current = await store.get('autorenewals', autoRenewalId);
      if (!current) return refused(goneMessage('auto-renewal', autoRenewalId));
      const tx = await store.get('transactions', transactionId);
      if (!tx) return refused(goneMessage('renewal', transactionId));
      const blocker = linkBlocker(current, tx);
      if (blocker) return refused(blocker);
      const next = linkTransaction(current, tx, at);
      const { conflicts } = await store.update('autorenewals', [{ before: current, after: next }]);
      if (conflicts.length > 0) return refused(changedMessage('auto-renewal', 'edited meanwhile'));
      return ok(
        current.transactionId
          ? 'The auto-renewal now manages this renewal; the one it managed before is left as it is (discard it if it is no longer wanted).'
          : 'The auto-renewal now manages this renewal.',
      );
    },

    /** Edits trigger times given as office-local 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM'; empty = no action. */
    async editTriggerTimes(
      at: Instant,
      autoRenewalId: string,
      form: TriggerTimesForm,
    ): Promise<Result<AutoRenewal, TriggerField>> {
      const ctx = await contextAt(ports, at);
      const times = checkTriggerTimesForm(form, ctx.office.timeZone);
      if (!times.ok) return times;
      const current = await store.get('autorenewals', autoRenewalId);
      if (!current) return refused(goneMessage('auto-renewal', autoRenewalId));
      let next: AutoRenewal;
      try {
        next = updateAutoRenewal(current, times.value, at);
      } catch (error) {
        return ruleRefusal(error);
      }
      const { conflicts } = await store.update('autorenewals', [{ before: current, after: next }]);
      return conflicts.length === 0
        ? ok(next)
        : refused(changedMessage('auto-renewal', 'edited meanwhile'));
    },

    doNotRenew: (at: Instant, id: string) =>
      changeAutoRenewal(
        at,
        id,
        canMarkDoNotRenew,
        markDoNotRenew,
        'Marked Do not renew: no renewal of this policy can be issued until you reactivate.',
      ),
    /** Lifts Do not renew or a cancellation's hold; the message says what happens next. */
    async reactivate(at: Instant, id: string): Promise<Result<string>> {
      const current = await store.get('autorenewals', id);
      const policy = current ? await store.get('policies', current.policyId) : null;
      const noTimes =
        current !== null &&
        current.createTime === null &&
        current.acceptTime === null &&
        current.issueTime === null;
      const message = noTimes
        ? 'Reactivated: the auto-renewal is active but has no trigger times, so nothing happens automatically until you set them.'
        : policy?.state === 'cancelled'
          ? `Reactivated: the auto-renewal resumes at its next pending trigger, but policy ${policy.number} is cancelled, so it cannot issue until the policy is reinstated.`
          : 'Reactivated: the auto-renewal resumes at its next pending trigger.';
      return changeAutoRenewal(at, id, canReactivate, reactivate, message);
    },
    discardAutoRenewal: (at: Instant, id: string) =>
      changeAutoRenewal(
        at,
        id,
        canDiscard,
        discardAutoRenewal,
        'Auto-renewal discarded: no more plugin calls or automatic actions.',
      ),
  };
}
