import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aPolicy, aYearlyPlan } from './fixtures.js';
import {
  applyPluginReplies,
  createAutoRenewal,
  discard,
  markDoNotRenew,
  planAutoRenewalStep,
  reactivate,
  updateAutoRenewal,
} from './auto-renewal.js';
import type { AutoRenewalContext } from './auto-renewal.js';
import { runAutoRenewal, type RunOptions } from '../jobs/run-auto-renewal.js';
import type { AutoRenewal, AutoRenewalPlan, Policy, RenewalTransaction } from './model.js';
import type { WebhookResult } from './plugins.js';
import { canCancel, canReinstate, planCancellation, planReinstatement } from './cancellation.js';
import {
  acceptTransaction,
  issueTransaction,
  planManualRenewal,
  rejectTransaction,
} from './transactions.js';

const policy: Policy = aPolicy;
const plan: AutoRenewalPlan = aYearlyPlan;
const webhook = { kind: 'webhook' as const, url: 'http://127.0.0.1:9/hook', timeoutMs: 2000 };
const CREATED = '2026-06-01T00:00:00.000Z';
const AT_CREATE = '2026-11-02T00:00:00.000Z';
const AT_ACCEPT = '2026-12-02T00:00:00.000Z';
const AT_ISSUE = '2026-12-25T00:00:00.000Z';
const TZ = 'Europe/Istanbul';
const BOUNDS = { termEnd: '2027-01-01T00:00:00.000Z' };

const options = (
  reply: WebhookResult = { status: 204, body: '' },
  calls: string[] = [],
): RunOptions => ({
  timeZone: TZ,
  callWebhook: async (_plugin, body) => {
    calls.push((JSON.parse(body) as { renewalEvent: string }).renewalEvent);
    return reply;
  },
});

/** A tiny in-memory shell: applies a run's result the way the engine would. */
function applyRun(
  state: AutoRenewalContext,
  run: Awaited<ReturnType<typeof runAutoRenewal>>,
): AutoRenewalContext {
  const byId = new Map(state.transactions.map((tx) => [tx.id, tx]));
  for (const tx of run.transactions) byId.set(tx.id, tx);
  return {
    ...state,
    policy: run.policy,
    autoRenewal: run.autoRenewal,
    transactions: [...byId.values()],
  };
}

function start(autoRenewal = createAutoRenewal(policy, plan, CREATED)): AutoRenewalContext {
  return { policy, autoRenewal, transactions: [], plan };
}

describe('createAutoRenewal', () => {
  it('counts trigger times back from the term end with a deterministic id', () => {
    expect(createAutoRenewal(policy, plan, CREATED)).toMatchObject({
      id: 'ar:pol1:T1',
      termNumber: 1,
      state: 'active',
      transactionType: 'renewal',
      newTermDurationMonths: 12,
      createTime: AT_CREATE,
      acceptTime: AT_ACCEPT,
      issueTime: AT_ISSUE,
      done: {},
      nextTriggerAt: AT_CREATE,
    });
  });

  it('refuses a second auto-renewal on the same term', () => {
    const first = createAutoRenewal(policy, plan, CREATED);
    expect(() => createAutoRenewal(policy, plan, CREATED, [first])).toThrow(
      'Term 1 of policy P-1 already has an auto-renewal (active); edit that one instead.',
    );
  });

  it('always attaches to the latest term', () => {
    const renewed: Policy = {
      ...policy,
      terms: [
        ...policy.terms,
        {
          termNumber: 2,
          startTime: '2027-01-01T00:00:00.000Z',
          endTime: '2028-01-01T00:00:00.000Z',
        },
      ],
    };
    expect(createAutoRenewal(renewed, plan, CREATED).id).toBe('ar:pol1:T2');
  });
});

describe('automatic renewal over time', () => {
  it('creates, accepts and issues the renewal at each trigger time, with a plugin call before each', async () => {
    const calls: string[] = [];
    const withHook = { ...plan, plugins: ['renewal-notice' as const, webhook] };
    let state: AutoRenewalContext = { ...start(), plan: withHook };
    expect(planAutoRenewalStep(state, '2026-11-01T23:59:59.999Z').due).toEqual([]);

    let run = await runAutoRenewal(state, AT_CREATE, options(undefined, calls));
    expect(run.fired).toEqual(['create']);
    expect(run.transactions[0]).toMatchObject({
      id: 'tx:ar:pol1:T1:auto',
      state: 'draft',
      createdBy: 'auto',
      effectiveTime: '2027-01-01T00:00:00.000Z',
      endTime: '2028-01-01T00:00:00.000Z',
    });
    expect(run.notices[0]?.notice).toMatchObject({
      audience: { kind: 'staff', staffId: 'agent1' },
      id: 'evt:ar:pol1:T1:notice:create',
    });
    expect(run.autoRenewal.nextTriggerAt).toBe(AT_ACCEPT);
    state = applyRun(state, run);

    run = await runAutoRenewal(state, AT_ACCEPT, options(undefined, calls));
    expect(run.transactions[0]?.state).toBe('accepted');
    expect(run.transactions[0]?.history.at(-1)).toMatchObject({ manual: false });
    state = applyRun(state, run);

    run = await runAutoRenewal(state, AT_ISSUE, options(undefined, calls));
    expect(run.fired).toEqual(['issue']);
    expect(run.autoRenewal.state).toBe('issued');
    expect(run.policy.terms).toHaveLength(2);
    expect(run.issued?.renewalDue.dueDate).toBe('2028-01-01');
    expect(run.issued?.nextAutoRenewal?.id).toBe('ar:pol1:T2');
    expect(run.autoRenewal.nextTriggerAt).toBe('9999-12-31T00:00:00.000Z');
    expect(calls).toEqual(['create', 'accept', 'issue']);
  });

  it('catches up missed triggers in order exactly once after days offline', async () => {
    const calls: string[] = [];
    const state: AutoRenewalContext = { ...start(), plan: { ...plan, plugins: [webhook] } };
    const run = await runAutoRenewal(state, '2027-01-10T00:00:00.000Z', options(undefined, calls));
    expect(run.fired).toEqual(['create', 'accept', 'issue']);
    expect(calls).toEqual(['create', 'accept', 'issue']);
    expect(run.autoRenewal.done).toEqual({
      create: '2027-01-10T00:00:00.000Z',
      accept: '2027-01-10T00:00:00.000Z',
      issue: '2027-01-10T00:00:00.000Z',
    });
    const again = await runAutoRenewal(
      applyRun(state, run),
      '2027-01-11T00:00:00.000Z',
      options(undefined, calls),
    );
    expect(again.fired).toEqual([]);
    expect(again.changed).toBe(false);
    expect(calls).toHaveLength(3);
  });

  it('leaves a fired trigger alone when two devices replay the same state', async () => {
    const state = start();
    const a = await runAutoRenewal(state, AT_CREATE, options());
    const b = await runAutoRenewal(state, AT_CREATE, options());
    expect(a.transactions).toEqual(b.transactions);
    expect(a.autoRenewal).toEqual(b.autoRenewal);
  });
});

describe('manual actions on a managed renewal', () => {
  it('fires the plugin but takes no automatic action when the renewal was accepted by hand, then issues automatically', async () => {
    const calls: string[] = [];
    const opts = options(undefined, calls);
    let state: AutoRenewalContext = { ...start(), plan: { ...plan, plugins: [webhook] } };
    state = applyRun(state, await runAutoRenewal(state, AT_CREATE, opts));
    const manual = acceptTransaction(
      state.transactions[0] as RenewalTransaction,
      '2026-11-15T00:00:00.000Z',
    );
    state = { ...state, transactions: [manual] };
    expect(state.autoRenewal.acceptTime).toBe(AT_ACCEPT);
    expect(calls).toEqual(['create']);

    const accept = await runAutoRenewal(state, AT_ACCEPT, opts);
    expect(calls).toEqual(['create', 'accept']);
    expect(accept.transactions).toEqual([]);
    expect(planAutoRenewalStep(state, AT_ACCEPT).due[0]?.automaticAction).toBe(false);
    state = applyRun(state, accept);

    const issue = await runAutoRenewal(state, AT_ISSUE, opts);
    expect(calls).toEqual(['create', 'accept', 'issue']);
    expect(issue.transactions[0]?.state).toBe('issued');
    expect(issue.autoRenewal.state).toBe('issued');
  });

  it('becomes issued when any renewal of the term is issued by hand, and calls no more plugins', async () => {
    const calls: string[] = [];
    const manual = acceptTransaction(
      planManualRenewal(policy, { type: 'renewal', termDurationMonths: 12 }, CREATED),
      CREATED,
    );
    const issued = issueTransaction(
      manual,
      { policy, autoRenewals: [], plan: null, timeZone: TZ },
      CREATED,
    );
    const state: AutoRenewalContext = {
      ...start(),
      policy: issued.policy,
      transactions: [issued.transaction],
      plan: { ...plan, plugins: [webhook] },
    };
    const step = planAutoRenewalStep(state, AT_ISSUE);
    expect(step.autoRenewal.state).toBe('issued');
    expect(step.changed).toBe(true);
    expect(step.due).toEqual([]);
    await runAutoRenewal(state, AT_ISSUE, options(undefined, calls));
    expect(calls).toEqual([]);
  });

  it('terminates when the managed renewal is rejected and fires nothing afterwards', async () => {
    let state = start();
    state = applyRun(state, await runAutoRenewal(state, AT_CREATE, options()));
    state = {
      ...state,
      transactions: [rejectTransaction(state.transactions[0] as RenewalTransaction, AT_CREATE)],
    };
    const step = planAutoRenewalStep(state, AT_ISSUE);
    expect(step.autoRenewal.state).toBe('terminated');
    expect(step.due).toEqual([]);
  });

  it('never changes the recorded trigger times on manual advancement', async () => {
    let state = start();
    state = applyRun(state, await runAutoRenewal(state, AT_CREATE, options()));
    const before = state.autoRenewal;
    state = {
      ...state,
      transactions: [acceptTransaction(state.transactions[0] as RenewalTransaction, AT_CREATE)],
    };
    const step = planAutoRenewalStep(state, AT_CREATE);
    expect([step.autoRenewal.acceptTime, step.autoRenewal.issueTime]).toEqual([
      before.acceptTime,
      before.issueTime,
    ]);
  });
});

describe('holding states', () => {
  it('a discarded auto-renewal makes no plugin calls and no actions', async () => {
    const calls: string[] = [];
    const state = start(discard(createAutoRenewal(policy, plan, CREATED), CREATED));
    const run = await runAutoRenewal(
      { ...state, plan: { ...plan, plugins: [webhook] } },
      '2027-01-10T00:00:00.000Z',
      options(undefined, calls),
    );
    expect(run.fired).toEqual([]);
    expect(calls).toEqual([]);
    expect(state.autoRenewal.nextTriggerAt).toBe('9999-12-31T00:00:00.000Z');
  });

  it('do not renew holds every trigger until reactivated, then resumes at the pending trigger', async () => {
    const held = markDoNotRenew(createAutoRenewal(policy, plan, CREATED), CREATED);
    expect(planAutoRenewalStep(start(held), AT_CREATE).due).toEqual([]);
    const resumed = reactivate(held, AT_CREATE);
    expect(resumed.state).toBe('active');
    expect(planAutoRenewalStep(start(resumed), AT_CREATE).due.map((d) => d.event)).toEqual([
      'create',
    ]);
  });

  it('an error holds until the auto-renewal is updated, and the failed trigger fires again after', async () => {
    const failing = options({ error: 'timeout' });
    const state: AutoRenewalContext = { ...start(), plan: { ...plan, plugins: [webhook] } };
    const run = await runAutoRenewal(state, AT_CREATE, failing);
    expect(run.autoRenewal).toMatchObject({
      state: 'error',
      errorReason: expect.stringContaining('did not answer') as string,
    });
    expect(run.autoRenewal.done).toEqual({});
    expect(run.transactions).toEqual([]);
    const held = applyRun(state, run);
    expect(planAutoRenewalStep(held, AT_ACCEPT).due).toEqual([]);
    const fixed = updateAutoRenewal(
      held.autoRenewal,
      { issueTime: '2026-12-28T00:00:00.000Z' },
      AT_ACCEPT,
    );
    expect(fixed.state).toBe('active');
    expect(fixed.errorReason).toBeUndefined();
    const retry = await runAutoRenewal({ ...held, autoRenewal: fixed }, AT_ACCEPT, options());
    expect(retry.fired).toEqual(['create', 'accept']);
  });

  it('a cancellation invalidates the auto-renewal; reactivating resumes at the next pending trigger', async () => {
    let state = start();
    state = applyRun(state, await runAutoRenewal(state, AT_ACCEPT, options()));
    expect(state.transactions[0]?.state).toBe('accepted');
    const cancellation = planCancellation(
      policy,
      {
        transactions: state.transactions,
        autoRenewals: [state.autoRenewal],
        queueRenewal: null,
        timeZone: TZ,
      },
      { effectiveDate: '2026-12-10', effectiveTime: '2026-12-09T21:00:00.000Z' },
      '2026-12-10T00:00:00.000Z',
    );
    state = {
      ...state,
      policy: cancellation.policy,
      autoRenewal: cancellation.autoRenewalUpdates[0] as AutoRenewal,
      transactions: cancellation.transactionUpdates,
    };
    expect(state.transactions[0]?.state).toBe('draft');
    expect(planAutoRenewalStep(state, AT_ISSUE).due).toEqual([]);
    const reinstated = planReinstatement(
      state.policy,
      { queueRenewal: null, tasks: [], timeZone: TZ },
      '2026-12-20T00:00:00.000Z',
    );
    state = {
      ...state,
      policy: reinstated.policy,
      autoRenewal: reactivate(state.autoRenewal, '2026-12-20T00:00:00.000Z'),
    };
    expect(state.autoRenewal.nextTriggerAt).toBe(AT_ISSUE);
    const run = await runAutoRenewal(state, AT_ISSUE, options());
    expect(run.fired).toEqual(['issue']);
    expect(run.transactions[0]?.history.map((h) => h.to)).toEqual([
      'draft',
      'accepted',
      'draft',
      'accepted',
      'issued',
    ]);
  });
});

describe('plugin replies', () => {
  it('discarded on create means no renewal transaction is created', async () => {
    const run = await runAutoRenewal(
      { ...start(), plan: { ...plan, plugins: [webhook] } },
      AT_CREATE,
      options({ status: 200, body: '{"autoRenewalState":"discarded"}' }),
    );
    expect(run.autoRenewal.state).toBe('discarded');
    expect(run.transactions).toEqual([]);
    expect(run.autoRenewal.pluginLog).toEqual([
      {
        at: AT_CREATE,
        event: 'create',
        plugin: 'webhook http://127.0.0.1:9/hook',
        outcome: 'ok: autoRenewalState=discarded',
      },
    ]);
  });

  it('applies changed times, type and duration', () => {
    const ar = createAutoRenewal(policy, plan, CREATED);
    const result = applyPluginReplies(
      ar,
      'create',
      [
        {
          plugin: webhook,
          reply: {
            renewalTransactionType: 'renewal-premium',
            newTermDuration: 6,
            renewalTransactionIssueTime: '2026-12-30T12:00:00+03:00',
          },
        },
      ],
      AT_CREATE,
      BOUNDS,
    );
    expect(result.proceed).toBe(true);
    expect(result.autoRenewal).toMatchObject({
      transactionType: 'renewal-premium',
      newTermDurationMonths: 6,
      issueTime: '2026-12-30T09:00:00.000Z',
    });
  });

  it('postpones the current trigger when a reply moves it later', () => {
    const ar = createAutoRenewal(policy, plan, CREATED);
    const result = applyPluginReplies(
      ar,
      'create',
      [{ plugin: webhook, reply: { renewalTransactionCreateTime: '2026-11-05T00:00:00.000Z' } }],
      AT_CREATE,
      BOUNDS,
    );
    expect(result.proceed).toBe(false);
    expect(result.autoRenewal.nextTriggerAt).toBe('2026-11-05T00:00:00.000Z');
  });

  it('an invalid reply puts the auto-renewal in error and changes nothing else', () => {
    const ar = createAutoRenewal(policy, plan, CREATED);
    const result = applyPluginReplies(
      ar,
      'accept',
      [{ plugin: webhook, reply: { newTermDuration: 'forever', renewalTransactionType: 'x' } }],
      AT_ACCEPT,
      BOUNDS,
    );
    expect(result.proceed).toBe(false);
    expect(result.autoRenewal.state).toBe('error');
    expect(result.autoRenewal.errorReason).toMatch(/newTermDuration/);
    expect(result.autoRenewal.transactionType).toBe('renewal');
  });

  it('a reply that puts trigger times out of order is an error', () => {
    const ar = createAutoRenewal(policy, plan, CREATED);
    const result = applyPluginReplies(
      ar,
      'create',
      [{ plugin: webhook, reply: { renewalTransactionIssueTime: '2026-11-03T00:00:00.000Z' } }],
      AT_CREATE,
      BOUNDS,
    );
    expect(result.autoRenewal.state).toBe('error');
    expect(result.autoRenewal.errorReason).toMatch(/out of order/);
  });

  it('a webhook timeout puts the auto-renewal in error with the reason', async () => {
    const run = await runAutoRenewal(
      { ...start(), plan: { ...plan, plugins: [webhook] } },
      AT_CREATE,
      options({ error: 'timeout' }),
    );
    expect(run.autoRenewal.state).toBe('error');
    expect(run.autoRenewal.errorReason).toBe(
      'webhook http://127.0.0.1:9/hook failed at create: The webhook did not answer before its timeout.',
    );
    expect(run.autoRenewal.nextTriggerAt).toBe('9999-12-31T00:00:00.000Z');
  });

  it('a doNotRenew reply stops the action and blocks issuance', () => {
    const ar = createAutoRenewal(policy, plan, CREATED);
    const result = applyPluginReplies(
      ar,
      'issue',
      [{ plugin: webhook, reply: { autoRenewalState: 'doNotRenew' } }],
      AT_ISSUE,
      BOUNDS,
    );
    expect(result).toMatchObject({ proceed: false, autoRenewal: { state: 'doNotRenew' } });
  });
});

describe('updateAutoRenewal', () => {
  it('refuses to reschedule a trigger that already fired', async () => {
    const run = await runAutoRenewal(start(), AT_CREATE, options());
    expect(() =>
      updateAutoRenewal(run.autoRenewal, { createTime: '2026-11-04T00:00:00.000Z' }, AT_CREATE),
    ).toThrow(
      'The create trigger already fired at 2026-11-02T00:00:00.000Z; it cannot be rescheduled.',
    );
  });

  it('refuses times out of order and keeps nextTriggerAt in step', () => {
    const ar = createAutoRenewal(policy, plan, CREATED);
    expect(() =>
      updateAutoRenewal(ar, { acceptTime: '2026-12-30T00:00:00.000Z' }, CREATED),
    ).toThrow(/accept, issue: the issue time/);
    expect(updateAutoRenewal(ar, { createTime: null }, CREATED).nextTriggerAt).toBe(AT_ACCEPT);
  });

  it('cannot change an issued auto-renewal', () => {
    const ar = { ...createAutoRenewal(policy, plan, CREATED), state: 'issued' as const };
    expect(() => updateAutoRenewal(ar, { issueTime: null }, CREATED)).toThrow(
      'This auto-renewal is issued; it can no longer be changed.',
    );
  });
});

describe('invariants', () => {
  type Op =
    | { kind: 'run'; days: number }
    | { kind: 'manualDraft' }
    | { kind: 'acceptAny' }
    | { kind: 'issueAny' }
    | { kind: 'doNotRenew' }
    | { kind: 'reactivate' }
    | { kind: 'cancel' }
    | { kind: 'reinstate' };
  const op = fc.oneof(
    fc.record({ kind: fc.constant('run' as const), days: fc.integer({ min: 0, max: 40 }) }),
    fc.constantFrom<Op>(
      { kind: 'manualDraft' },
      { kind: 'acceptAny' },
      { kind: 'issueAny' },
      { kind: 'doNotRenew' },
      { kind: 'reactivate' },
      { kind: 'cancel' },
      { kind: 'reinstate' },
    ),
  );

  it('no sequence of automatic and manual steps issues two renewals for one term, or any while cancelled', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        let state = start();
        let clock = Date.parse('2026-10-20T00:00:00.000Z');
        let n = 0;
        let issuedWhenCancelled: number | null = null;
        const at = () => new Date(clock).toISOString();
        const attempt = (fn: () => void) => {
          try {
            fn();
          } catch (error) {
            if (!(error instanceof Error) || error.name !== 'PolicyRuleError') throw error;
          }
        };
        for (const o of ops) {
          if (o.kind === 'run') {
            clock += o.days * 86_400_000;
            state = applyRun(state, await runAutoRenewal(state, at(), options()));
          } else if (o.kind === 'manualDraft') {
            attempt(() => {
              const tx = planManualRenewal(
                state.policy,
                { type: 'renewal', termDurationMonths: 12, id: `m${n++}` },
                at(),
              );
              state = { ...state, transactions: [...state.transactions, tx] };
            });
          } else if (o.kind === 'acceptAny' || o.kind === 'issueAny') {
            const tx = state.transactions.find(
              (t) => t.state === (o.kind === 'acceptAny' ? 'draft' : 'accepted'),
            );
            if (!tx) continue;
            attempt(() => {
              if (o.kind === 'acceptAny') {
                const accepted = acceptTransaction(tx, at());
                state = {
                  ...state,
                  transactions: state.transactions.map((t) => (t.id === tx.id ? accepted : t)),
                };
              } else {
                const issued = issueTransaction(
                  tx,
                  {
                    policy: state.policy,
                    autoRenewals: [state.autoRenewal],
                    transactions: state.transactions,
                    plan: null,
                    timeZone: TZ,
                  },
                  at(),
                );
                const changed = new Map(
                  [issued.transaction, ...issued.invalidatedTransactions].map((t) => [t.id, t]),
                );
                state = {
                  ...state,
                  policy: issued.policy,
                  autoRenewal: issued.autoRenewalUpdates[0] ?? state.autoRenewal,
                  transactions: state.transactions.map((t) => changed.get(t.id) ?? t),
                };
              }
            });
          } else if (o.kind === 'doNotRenew') {
            attempt(
              () => (state = { ...state, autoRenewal: markDoNotRenew(state.autoRenewal, at()) }),
            );
          } else if (o.kind === 'reactivate') {
            attempt(() => (state = { ...state, autoRenewal: reactivate(state.autoRenewal, at()) }));
          } else if (o.kind === 'reinstate') {
            if (canReinstate(state.policy, at(), TZ) !== null) continue;
            const r = planReinstatement(
              state.policy,
              { queueRenewal: null, tasks: [], timeZone: TZ },
              at(),
            );
            state = { ...state, policy: r.policy };
          } else {
            if (canCancel(state.policy, TZ) !== null) continue;
            const c = planCancellation(
              state.policy,
              {
                transactions: state.transactions,
                autoRenewals: [state.autoRenewal],
                queueRenewal: null,
                timeZone: TZ,
              },
              { effectiveDate: '2026-06-01', effectiveTime: '2026-05-31T21:00:00.000Z' },
              at(),
            );
            const changed = new Map(c.transactionUpdates.map((t) => [t.id, t]));
            state = {
              ...state,
              policy: c.policy,
              autoRenewal: c.autoRenewalUpdates[0] ?? state.autoRenewal,
              transactions: state.transactions.map((t) => changed.get(t.id) ?? t),
            };
          }
          const issued = state.transactions.filter((t) => t.state === 'issued');
          const issuedTerm1 = issued.filter((t) => t.termNumber === 1);
          if (state.policy.state === 'cancelled') {
            issuedWhenCancelled ??= issued.length;
            expect(issued.length).toBe(issuedWhenCancelled);
          } else issuedWhenCancelled = null;
          expect(new Set(issued.map((t) => t.termNumber)).size).toBe(issued.length);
          expect(state.policy.terms.length).toBe(1 + issued.length);
          if (issuedTerm1.length === 1) {
            expect(planAutoRenewalStep(state, at()).autoRenewal.state).toBe('issued');
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
