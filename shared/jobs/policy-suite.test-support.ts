import { afterEach, describe, expect, it } from 'vitest';
import type { AutoRenewalPlan, PluginRef } from '../policies/model.js';
import { NO_PENDING_TRIGGER } from '../schema/auto-renewal.js';
import { testJobs, webhookServer, type StoreFactory } from './jobs.test-support.js';
import type { StorePort } from './store.js';

const at = (date: string, time = '09:00') => `${date}T${time}:00.000Z`;

const YEARLY: AutoRenewalPlan = {
  id: 'yearly',
  name: 'Yearly',
  renewalCreateLeadDays: 60,
  renewalAcceptLeadDays: 30,
  renewalIssueLeadDays: 7,
  generateAutoRenewals: true,
  newTermDurationMonths: 12,
  plugins: [],
};

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: unknown }): V {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/**
 * The policy lifecycle every store adapter must carry: cancellation and reinstatement, plans
 * that apply to existing policies, auto-renewals made by hand, Do not renew on any policy,
 * linking an alternate renewal, and triggers that fire at their instant. Run on the in-memory
 * reference (shared/jobs/policy-jobs.test.ts) and on RxDB (renderer/src/db).
 */
export function definePolicySuite(label: string, stores: StoreFactory) {
  let opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(opened.map((o) => o.close()));
    opened = [];
  });

  async function office(plan: AutoRenewalPlan | null = YEARLY, plugins: PluginRef[] = []) {
    const open = await stores();
    opened.push(open);
    const h = testJobs(open.store);
    const now = at('2026-06-01');
    if (plan) valueOf(await h.jobs.policies.savePlan(now, { ...plan, plugins }));
    const customer = valueOf(
      await h.jobs.renewals.createCustomer(now, { name: 'Acme Ltd', assigneeId: 'me' }),
    );
    if (plan) valueOf(await h.jobs.policies.assignPlan(now, customer.id, plan.id));
    const addPolicy = async (number: string, endDate = '2027-01-01', when = now) =>
      valueOf(
        await h.jobs.policies.createPolicy(when, customer.id, {
          number,
          productName: 'Commercial auto',
          startDate: '2026-01-01',
          endDate,
          assigneeId: 'me',
        }),
      );
    const daily = async (instant: string) =>
      (await h.jobs.runDaily({ reason: 'daily', at: instant })).policies;
    return { ...h, store: open.store, customerId: customer.id, addPolicy, daily, now };
  }

  const queueId = (policyId: string, endDate = '2027-01-01') => `ren:policy:${policyId}@${endDate}`;

  async function eventTypes(store: StorePort, subjectId: string) {
    return (await store.find('events', { selector: { subjectId } })).map((e) => e.type);
  }

  describe(`policy cancellation on ${label}`, () => {
    it('cancels with an effective date: managed renewal back to draft, auto-renewal invalidated, queue renewal cancelled, issue refused', async () => {
      const h = await office();
      const policy = await h.addPolicy('P-1');
      // 14 days before the end the queue renewal has a HIGH task; the renewal is accepted.
      await h.daily(at('2026-12-18'));
      const txId = `tx:ar:${policy.id}:T1:auto`;
      expect((await h.store.get('transactions', txId))?.state).toBe('accepted');
      const tasks = () => h.store.find('tasks', { selector: { renewalId: queueId(policy.id) } });
      expect((await tasks()).map((t) => t.status)).toEqual(['OPEN']);

      const cancelAt = at('2026-12-18', '10:00');
      expect(
        await h.jobs.policies.cancelPolicy(cancelAt, policy.id, { effectiveDate: '2026-12-20' }),
      ).toEqual({
        ok: true,
        value:
          'Policy P-1 cancelled effective 2026-12-20. 1 managed renewal is back in draft. The auto-renewal is invalidated until you reactivate it. Its queue renewal due 2027-01-01 is cancelled.',
      });
      expect(await h.store.get('policies', policy.id)).toMatchObject({
        state: 'cancelled',
        cancellation: {
          effectiveDate: '2026-12-20',
          effectiveTime: '2026-12-20T00:00:00.000Z',
          recordedAt: cancelAt,
        },
      });
      const tx = await h.store.get('transactions', txId);
      expect(tx?.state).toBe('draft');
      expect(tx?.history.at(-1)).toMatchObject({ from: 'accepted', to: 'draft', manual: false });
      const ar = await h.store.get('autorenewals', `ar:${policy.id}:T1`);
      expect(ar).toMatchObject({
        state: 'active',
        invalidatedAt: cancelAt,
        nextTriggerAt: NO_PENDING_TRIGGER,
      });
      expect(await h.store.get('renewals', queueId(policy.id))).toMatchObject({
        status: 'CANCELLED',
        nextStageOn: '9999-12-31',
      });
      expect((await tasks()).map((t) => t.status)).toEqual(['DONE']);
      expect(await eventTypes(h.store, policy.id)).toContain('POLICY_CANCELLED');
      expect(await eventTypes(h.store, queueId(policy.id))).toContain('RENEWAL_CANCELLED');

      valueOf(await h.jobs.policies.act(cancelAt, txId, 'accept'));
      expect(await h.jobs.policies.issue(cancelAt, txId)).toEqual({
        ok: false,
        errors: {
          form: 'Policy P-1 is cancelled (effective 2026-12-20); a cancelled policy cannot be renewed. Reinstate it first.',
        },
      });
      expect((await h.daily(at('2026-12-26'))).fired).toBe(0);
      expect((await h.store.get('policies', policy.id))?.terms).toHaveLength(1);
    });

    it('names the field when the effective date is wrong, and refuses a second cancellation', async () => {
      const h = await office(null);
      const policy = await h.addPolicy('P-1');
      expect(
        await h.jobs.policies.cancelPolicy(h.now, policy.id, { effectiveDate: '2025-12-31' }),
      ).toEqual({
        ok: false,
        errors: {
          effectiveDate:
            'The cancellation cannot take effect before the first term starts (2026-01-01).',
        },
      });
      expect((await h.store.get('policies', policy.id))?.state).toBe('active');
      valueOf(
        await h.jobs.policies.cancelPolicy(h.now, policy.id, { effectiveDate: '2026-06-01' }),
      );
      expect(
        await h.jobs.policies.cancelPolicy(h.now, policy.id, { effectiveDate: '2026-06-02' }),
      ).toEqual({
        ok: false,
        errors: {
          form: 'Policy P-1 is already cancelled (effective 2026-06-01); reinstate it first to record another cancellation.',
        },
      });
    });

    it('reinstates before the term ends: queue renewal and its tasks reopened; reactivating the auto-renewal issues at its next trigger', async () => {
      const h = await office();
      const policy = await h.addPolicy('P-1');
      await h.daily(at('2026-12-18'));
      const cancelAt = at('2026-12-18', '10:00');
      valueOf(
        await h.jobs.policies.cancelPolicy(cancelAt, policy.id, { effectiveDate: '2026-12-20' }),
      );
      const reinstateAt = at('2026-12-22');
      expect(await h.jobs.policies.reinstatePolicy(reinstateAt, policy.id)).toEqual({
        ok: true,
        value:
          'Policy P-1 reinstated. Its queue renewal due 2027-01-01 was reopened: the cancellation had closed it; reopening keeps its alerts and history on one record. The auto-renewal stays invalidated: reactivate it to let it renew the policy.',
      });
      const policyNow = await h.store.get('policies', policy.id);
      expect(policyNow?.state).toBe('active');
      expect(policyNow?.cancellation).toBeUndefined();
      // Reopened at the stage it reached meanwhile: 10 days before the end is T14 still.
      expect(await h.store.get('renewals', queueId(policy.id))).toMatchObject({
        status: 'ACTIVE',
        stage: 'T14',
        nextStageOn: '2026-12-25',
      });
      const tasks = await h.store.find('tasks', { selector: { renewalId: queueId(policy.id) } });
      expect(tasks.map((t) => [t.priority, t.status])).toEqual([['HIGH', 'OPEN']]);
      expect(await eventTypes(h.store, policy.id)).toEqual(
        expect.arrayContaining(['POLICY_CANCELLED', 'POLICY_REINSTATED']),
      );
      expect(await eventTypes(h.store, queueId(policy.id))).toEqual(
        expect.arrayContaining(['RENEWAL_CANCELLED', 'RENEWAL_REOPENED']),
      );

      // Still invalidated: nothing runs until someone reactivates it.
      expect((await h.daily(at('2026-12-26'))).fired).toBe(0);
      valueOf(await h.jobs.policies.reactivate(at('2026-12-26', '10:00'), `ar:${policy.id}:T1`));
      expect(await h.daily(at('2026-12-26', '11:00'))).toMatchObject({ fired: 1, issued: 1 });
      const tx = await h.store.get('transactions', `tx:ar:${policy.id}:T1:auto`);
      expect(tx?.history.map((x) => x.to)).toEqual([
        'draft',
        'accepted',
        'draft',
        'accepted',
        'issued',
      ]);
      expect((await h.store.get('renewals', queueId(policy.id)))?.status).toBe('COMPLETED');
    });

    it('refuses a reinstatement once the latest term has ended', async () => {
      const h = await office(null);
      const policy = await h.addPolicy('P-1');
      valueOf(
        await h.jobs.policies.cancelPolicy(h.now, policy.id, { effectiveDate: '2026-07-01' }),
      );
      expect(await h.jobs.policies.reinstatePolicy(at('2027-01-01', '00:00'), policy.id)).toEqual({
        ok: false,
        errors: {
          form: 'The latest term of policy P-1 ended 2027-01-01; a policy can be reinstated only before its latest term ends. Add a new policy instead.',
        },
      });
    });

    it('creates the queue renewal on reinstatement when there is none, and says why', async () => {
      const h = await office(null);
      await h.store.insert('policies', [
        {
          id: 'pol_old',
          customerId: h.customerId,
          number: 'P-OLD',
          productName: 'Home',
          assigneeId: 'me',
          terms: [
            {
              termNumber: 1,
              startTime: '2026-01-01T00:00:00.000Z',
              endTime: '2027-01-01T00:00:00.000Z',
            },
          ],
          state: 'cancelled',
          cancellation: {
            effectiveDate: '2026-03-01',
            effectiveTime: '2026-03-01T00:00:00.000Z',
            recordedAt: at('2026-03-01'),
          },
          updatedAt: at('2026-03-01'),
        },
      ]);
      const result = valueOf(await h.jobs.policies.reinstatePolicy(h.now, 'pol_old'));
      expect(result).toContain(
        'Its queue renewal due 2027-01-01 was created: there was no queue renewal for the latest term',
      );
      expect(await h.store.get('renewals', queueId('pol_old'))).toMatchObject({
        status: 'ACTIVE',
        policyId: 'pol_old',
      });
    });
  });

  describe(`plans, auto-renewals by hand and Do not renew on ${label}`, () => {
    it('assigning a plan adds auto-renewals to existing active policies; removing it leaves them', async () => {
      const h = await office(null);
      valueOf(await h.jobs.policies.savePlan(h.now, YEARLY));
      const p1 = await h.addPolicy('P-1');
      const p2 = await h.addPolicy('P-2', '2027-03-01');
      const p3 = await h.addPolicy('P-3');
      valueOf(await h.jobs.policies.cancelPolicy(h.now, p3.id, { effectiveDate: '2026-05-01' }));
      expect(await h.jobs.policies.assignPlan(h.now, h.customerId, 'yearly')).toEqual({
        ok: true,
        value:
          'Plan “Yearly” assigned to Acme Ltd: added 2 auto-renewals (P-1, P-2). Skipped P-3: cancelled.',
      });
      expect(await h.store.get('autorenewals', `ar:${p2.id}:T1`)).toMatchObject({
        state: 'active',
        issueTime: '2027-02-22T00:00:00.000Z',
      });
      expect(await h.store.get('autorenewals', `ar:${p3.id}:T1`)).toBeNull();
      expect(valueOf(await h.jobs.policies.assignPlan(h.now, h.customerId, 'yearly'))).toBe(
        'Plan “Yearly” assigned to Acme Ltd; no auto-renewal was added. P-1, P-2 already had one and keep their own times. Skipped P-3: cancelled.',
      );
      expect(valueOf(await h.jobs.policies.assignPlan(h.now, h.customerId, null))).toBe(
        'Acme Ltd has no plan now. Existing auto-renewals are left alone (2 still open); discard one on its policy page to stop it.',
      );
      expect((await h.store.get('autorenewals', `ar:${p1.id}:T1`))?.state).toBe('active');
      expect((await h.store.get('customers', h.customerId))?.planId).toBeUndefined();
    });

    it('creates an auto-renewal by hand without a plan, and it acts at the times typed', async () => {
      const h = await office(null);
      const policy = await h.addPolicy('P-1');
      expect(
        await h.jobs.policies.createAutoRenewalByHand(h.now, policy.id, {
          createTime: '2026-12-01',
          acceptTime: '2026-11-01',
          issueTime: '',
          termMonths: '0',
          type: 'renewal',
        }),
      ).toEqual({
        ok: false,
        errors: {
          acceptTime: 'The accept time must be at or after the create time (2026-12-01).',
          termMonths: 'Enter the new term’s length as a whole number of months from 1 to 120.',
        },
      });
      const created = valueOf(
        await h.jobs.policies.createAutoRenewalByHand(h.now, policy.id, {
          createTime: '2026-12-01',
          acceptTime: '2026-12-15 08:30',
          issueTime: '2027-01-01',
          termMonths: '6',
          type: 'renewal',
        }),
      );
      expect(created).toMatchObject({ id: `ar:${policy.id}:T1`, newTermDurationMonths: 6 });
      expect(await h.daily(at('2027-01-01', '00:00'))).toMatchObject({ fired: 3, issued: 1 });
      expect((await h.store.get('policies', policy.id))?.terms[1]).toEqual({
        termNumber: 2,
        startTime: '2027-01-01T00:00:00.000Z',
        endTime: '2027-07-01T00:00:00.000Z',
      });
    });

    it('Do not renew on a policy without an auto-renewal creates one; reactivating leaves it active with no times', async () => {
      const h = await office(null);
      const policy = await h.addPolicy('P-1');
      expect(await h.jobs.policies.markPolicyForDoNotRenew(h.now, policy.id)).toEqual({
        ok: true,
        value:
          'Policy P-1 marked Do not renew: term 1 had no auto-renewal, so one was created in Do not renew. No renewal of this policy can be issued until you reactivate its auto-renewal.',
      });
      const arId = `ar:${policy.id}:T1`;
      expect(await h.store.get('autorenewals', arId)).toMatchObject({
        state: 'doNotRenew',
        createTime: null,
        acceptTime: null,
        issueTime: null,
        newTermDurationMonths: 12,
      });
      const drafted = valueOf(
        await h.jobs.policies.draftRenewal(h.now, policy.id, {
          endDate: '2028-01-01',
          effectiveDate: '',
          type: 'renewal',
        }),
      );
      valueOf(await h.jobs.policies.act(h.now, drafted.id, 'accept'));
      expect((await h.jobs.policies.issue(h.now, drafted.id)).ok).toBe(false);
      expect((await h.jobs.policies.markPolicyForDoNotRenew(h.now, policy.id)).ok).toBe(false);
      expect(valueOf(await h.jobs.policies.reactivate(h.now, arId))).toBe(
        'Reactivated: the auto-renewal is active but has no trigger times, so nothing happens automatically until you set them.',
      );
      expect(await h.store.get('autorenewals', arId)).toMatchObject({
        state: 'active',
        nextTriggerAt: NO_PENDING_TRIGGER,
      });
      valueOf(await h.jobs.policies.issue(h.now, drafted.id));
      expect((await h.store.get('autorenewals', arId))?.state).toBe('issued');
    });

    it('Do not renew on a policy with an auto-renewal marks that one', async () => {
      const h = await office();
      const policy = await h.addPolicy('P-1');
      expect(valueOf(await h.jobs.policies.markPolicyForDoNotRenew(h.now, policy.id))).toBe(
        'Policy P-1 marked Do not renew. No renewal of this policy can be issued until you reactivate its auto-renewal.',
      );
      expect(await h.store.get('autorenewals', `ar:${policy.id}:T1`)).toMatchObject({
        state: 'doNotRenew',
        createTime: '2026-11-02T00:00:00.000Z',
      });
    });

    it('links an alternate renewal, which the auto-renewal then accepts and issues', async () => {
      const h = await office();
      const policy = await h.addPolicy('P-1');
      await h.daily(at('2026-11-03'));
      const autoTx = `tx:ar:${policy.id}:T1:auto`;
      const alternate = valueOf(
        await h.jobs.policies.draftRenewal(at('2026-11-03', '10:00'), policy.id, {
          endDate: '2027-07-01',
          effectiveDate: '',
          type: 'short renewal',
        }),
      );
      const arId = `ar:${policy.id}:T1`;
      expect(await h.jobs.policies.linkRenewal(h.now, arId, 'tx-nowhere')).toEqual({
        ok: false,
        errors: {
          form: 'The renewal tx-nowhere no longer exists; it may have been removed on another device.',
        },
      });
      expect(valueOf(await h.jobs.policies.linkRenewal(h.now, arId, alternate.id))).toBe(
        'The auto-renewal now manages this renewal; the one it managed before is left as it is (discard it if it is no longer wanted).',
      );
      expect((await h.jobs.policies.linkRenewal(h.now, arId, alternate.id)).ok).toBe(false);
      await h.daily(at('2026-12-02'));
      expect((await h.store.get('transactions', alternate.id))?.state).toBe('accepted');
      expect((await h.store.get('transactions', autoTx))?.state).toBe('draft');
      expect(await h.daily(at('2026-12-25'))).toMatchObject({ issued: 1 });
      expect((await h.store.get('transactions', alternate.id))?.state).toBe('issued');
      expect((await h.store.get('transactions', autoTx))?.state).toBe('invalidated');
      expect((await h.store.get('policies', policy.id))?.terms[1]?.endTime).toBe(
        '2027-07-01T00:00:00.000Z',
      );
    });
  });

  describe(`triggers at their instant on ${label}`, () => {
    it('with issue lead 0, a tick at the term end issues the renewal then', async () => {
      const h = await office({
        ...YEARLY,
        renewalCreateLeadDays: 2,
        renewalAcceptLeadDays: 1,
        renewalIssueLeadDays: 0,
      });
      const policy = await h.addPolicy('P-1');
      await h.daily(at('2026-12-31'));
      const ar = await h.store.get('autorenewals', `ar:${policy.id}:T1`);
      expect(ar?.nextTriggerAt).toBe('2027-01-01T00:00:00.000Z');
      const run = await h.jobs.runDaily({ reason: 'trigger', at: '2027-01-01T00:00:00.000Z' });
      expect(run.policies).toMatchObject({ fired: 1, issued: 1 });
      const tx = await h.store.get('transactions', `tx:ar:${policy.id}:T1:auto`);
      expect(tx?.history.at(-1)).toMatchObject({ to: 'issued', at: '2027-01-01T00:00:00.000Z' });
    });

    it('posts the seed’s field names to a webhook over real HTTP', async () => {
      const hook = await webhookServer((_req, _body, res) => res.end('{}'));
      opened.push(hook);
      const h = await office(YEARLY, [{ kind: 'webhook', url: hook.url, timeoutMs: 2000 }]);
      const policy = await h.addPolicy('P-1');
      await h.daily(at('2026-11-02'));
      expect(JSON.parse(hook.bodies[0]!)).toEqual({
        renewalEvent: 'create',
        autoRenewal: {
          id: `ar:${policy.id}:T1`,
          policyId: policy.id,
          termNumber: 1,
          autoRenewalState: 'active',
          renewalTransactionType: 'renewal',
          newTermDuration: 12,
          renewalTransactionCreateTime: '2026-11-02T00:00:00.000Z',
          renewalTransactionAcceptTime: '2026-12-02T00:00:00.000Z',
          renewalTransactionIssueTime: '2026-12-25T00:00:00.000Z',
          transactionId: null,
          invalidatedAt: null,
        },
      });
    });
  });
}
