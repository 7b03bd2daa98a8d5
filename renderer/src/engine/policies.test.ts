import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AutoRenewalPlan, PluginRef } from '../../../shared/policies/model';
import { NO_PENDING_TRIGGER } from '../../../shared/schema/auto-renewal';
import { createPoliciesEngine, policiesSummaryLine } from './policies';
import { engineForTest } from './test-support';

type Harness = Awaited<ReturnType<typeof engineForTest>>;
let harness: Harness | undefined;
let closeServer: (() => Promise<void>) | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await closeServer?.();
  closeServer = undefined;
});

const at = (date: string, time = '09:00') => `${date}T${time}:00.000Z`;

const YEARLY: AutoRenewalPlan = {
  id: 'yearly',
  name: 'Yearly',
  renewalCreateLeadDays: 60,
  renewalAcceptLeadDays: 30,
  renewalIssueLeadDays: 7,
  generateAutoRenewals: true,
  newTermDurationMonths: 12,
  plugins: ['renewal-notice'],
};

/** A customer on `plan` with policy P-1 whose first term runs 2026-01-01 to 2027-01-01 (UTC). */
async function setUp(plugins: PluginRef[] = ['renewal-notice'], start = at('2026-06-01')) {
  harness = await engineForTest(start);
  const policies = createPoliciesEngine({ data: harness.data, engine: harness.engine });
  const saved = await policies.savePlan({ ...YEARLY, plugins });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  const customer = await harness.engine.createCustomer({ name: 'Acme Ltd', assigneeId: 'me' });
  if (!customer.ok) throw new Error('customer not created');
  await policies.assignPlan(customer.value.id, 'yearly');
  const created = await policies.createPolicy(customer.value.id, {
    number: 'P-1',
    productName: 'Commercial auto',
    startDate: '2026-01-01',
    endDate: '2027-01-01',
    assigneeId: 'me',
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  return { policies, customerId: customer.value.id, policy: created.policy };
}

/** The shell's tick: the renewals refresh, then the policies job. */
async function tick(policies: ReturnType<typeof createPoliciesEngine>, instant: string) {
  harness!.setNow(instant);
  await harness!.engine.refresh();
  return policies.daily();
}

async function snapshot() {
  const db = harness!.db;
  const dump = async (c: { find(): { exec(): Promise<{ toJSON(): unknown }[]> } }) =>
    (await c.find().exec()).map((d) => d.toJSON());
  return {
    policies: await dump(db.policies),
    transactions: await dump(db.transactions),
    autorenewals: await dump(db.autorenewals),
    renewals: await dump(db.renewals),
    events: await dump(db.events),
  };
}

describe('policies engine on RxDB', () => {
  it('creates a policy with its first term, a queue renewal and the plan’s auto-renewal', async () => {
    const { policies, policy } = await setUp();
    expect(policy.terms).toEqual([
      { termNumber: 1, startTime: '2026-01-01T00:00:00.000Z', endTime: '2027-01-01T00:00:00.000Z' },
    ]);
    const renewal = await harness!.data.renewals.get(`ren:policy:${policy.id}@2027-01-01`);
    expect(renewal).toMatchObject({ serviceType: 'INSURANCE_POLICY', dueDate: '2027-01-01' });
    const ar = await policies.data.autoRenewals.get(`ar:${policy.id}:T1`);
    expect(ar).toMatchObject({
      state: 'active',
      createTime: '2026-11-02T00:00:00.000Z',
      acceptTime: '2026-12-02T00:00:00.000Z',
      issueTime: '2026-12-25T00:00:00.000Z',
      nextTriggerAt: '2026-11-02T00:00:00.000Z',
    });
  });

  it('refuses a duplicate policy number and a term that ends before it starts', async () => {
    const { policies, customerId } = await setUp();
    const result = await policies.createPolicy(customerId, {
      number: 'P-1',
      productName: 'Home',
      startDate: '2026-05-01',
      endDate: '2026-04-01',
      assigneeId: 'me',
    });
    expect(result).toEqual({
      ok: false,
      errors: { endDate: 'The term must end after it starts (2026-05-01).' },
    });
    const duplicate = await policies.createPolicy(customerId, {
      number: 'P-1',
      productName: 'Home',
      startDate: '2026-05-01',
      endDate: '2027-05-01',
      assigneeId: 'me',
    });
    expect(duplicate).toEqual({
      ok: false,
      errors: { number: 'Acme Ltd already has policy P-1.' },
    });
  });

  it('moves across create, accept and issue: new term, next Renewal and next auto-renewal', async () => {
    const { policies, policy } = await setUp();
    expect((await tick(policies, at('2026-10-01'))).fired).toBe(0);

    const created = await tick(policies, at('2026-11-02'));
    expect(created).toMatchObject({ fired: 1, created: 1 });
    const txId = `tx:ar:${policy.id}:T1:auto`;
    expect(await policies.data.transactions.get(txId)).toMatchObject({
      state: 'draft',
      createdBy: 'auto',
      effectiveTime: '2027-01-01T00:00:00.000Z',
      endTime: '2028-01-01T00:00:00.000Z',
    });
    expect(harness!.notified.map((n) => n.title)).toContain(
      'A renewal is being drafted for policy P-1',
    );

    await tick(policies, at('2026-12-02'));
    expect((await policies.data.transactions.get(txId))?.state).toBe('accepted');

    const issued = await tick(policies, at('2026-12-25'));
    expect(issued).toMatchObject({ fired: 1, issued: 1 });
    expect((await policies.data.transactions.get(txId))?.state).toBe('issued');
    expect((await policies.data.policies.get(policy.id))?.terms).toEqual([
      { termNumber: 1, startTime: '2026-01-01T00:00:00.000Z', endTime: '2027-01-01T00:00:00.000Z' },
      { termNumber: 2, startTime: '2027-01-01T00:00:00.000Z', endTime: '2028-01-01T00:00:00.000Z' },
    ]);
    expect((await policies.data.autoRenewals.get(`ar:${policy.id}:T1`))?.state).toBe('issued');
    expect(await policies.data.autoRenewals.get(`ar:${policy.id}:T2`)).toMatchObject({
      state: 'active',
      createTime: '2027-11-02T00:00:00.000Z',
    });
    const next = await harness!.data.renewals.get(`ren:policy:${policy.id}@2028-01-01`);
    expect(next).toMatchObject({ status: 'ACTIVE', serviceType: 'INSURANCE_POLICY' });
    const renewed = await harness!.data.renewals.get(`ren:policy:${policy.id}@2027-01-01`);
    expect(renewed?.status).toBe('COMPLETED');
    expect(policiesSummaryLine(issued)).toBe('1 auto-renewal step, 1 policy renewed');
  });

  it('catches up after weeks offline in order, exactly once, and a second run changes nothing', async () => {
    const { policies, policy } = await setUp();
    const first = await tick(policies, at('2027-01-05'));
    expect(first).toMatchObject({ fired: 3, created: 1, issued: 1 });
    const tx = await policies.data.transactions.get(`tx:ar:${policy.id}:T1:auto`);
    expect(tx?.history.map((h) => h.to)).toEqual(['draft', 'accepted', 'issued']);
    const ar = await policies.data.autoRenewals.get(`ar:${policy.id}:T1`);
    expect(ar?.pluginLog.map((l) => l.event)).toEqual(['create', 'accept', 'issue']);
    const notifications = harness!.notified.length;

    const before = await snapshot();
    const second = await policies.daily();
    expect(second).toEqual({ checked: 0, fired: 0, created: 0, issued: 0, errors: 0 });
    harness!.setNow(at('2027-01-06'));
    await policies.daily();
    expect(await snapshot()).toEqual(before);
    expect(harness!.notified.length).toBe(notifications);
  });

  it('Do not renew refuses a manual issue with a clear reason; reactivate lets it through', async () => {
    const { policies, policy } = await setUp([]);
    const arId = `ar:${policy.id}:T1`;
    const drafted = await policies.draftRenewal(policy.id, {
      endDate: '2028-01-01',
      effectiveDate: '',
      type: 'renewal',
    });
    if (!drafted.ok) throw new Error(JSON.stringify(drafted.errors));
    await policies.act(drafted.transaction.id, 'accept');
    expect((await policies.doNotRenew(arId)).ok).toBe(true);
    expect(await policies.issue(drafted.transaction.id)).toEqual({
      ok: false,
      error: 'Policy P-1 is marked Do not renew; reactivate its auto-renewal to issue.',
    });
    expect((await policies.reactivate(arId)).ok).toBe(true);
    expect(await policies.issue(drafted.transaction.id)).toEqual({
      ok: true,
      message: 'Issued: term 2 runs to 2028-01-01.',
    });
    expect((await policies.data.autoRenewals.get(arId))?.state).toBe('issued');
  });

  it('explains a manual renewal that does not go beyond the current end, and renews with a gap', async () => {
    const { policies, policy } = await setUp([]);
    expect(
      await policies.draftRenewal(policy.id, {
        endDate: '2027-01-01',
        effectiveDate: '2026-12-01',
        type: 'renewal',
      }),
    ).toEqual({
      ok: false,
      errors: {
        endDate: 'The new end must be after the current end (2027-01-01).',
        effectiveDate:
          'The new term cannot start before the current end (2027-01-01); leave it empty to start right then.',
      },
    });
    const gap = await policies.draftRenewal(policy.id, {
      endDate: '2028-03-01',
      effectiveDate: '2027-03-01',
      type: 'renewal',
    });
    if (!gap.ok) throw new Error(JSON.stringify(gap.errors));
    await policies.act(gap.transaction.id, 'accept');
    expect((await policies.issue(gap.transaction.id)).ok).toBe(true);
    expect((await policies.data.policies.get(policy.id))?.terms[1]).toEqual({
      termNumber: 2,
      startTime: '2027-03-01T00:00:00.000Z',
      endTime: '2028-03-01T00:00:00.000Z',
    });
  });

  it('a cancellation resets the managed renewal to draft and holds the auto-renewal until reactivated', async () => {
    const { policies, policy } = await setUp([]);
    await tick(policies, at('2026-12-03'));
    const txId = `tx:ar:${policy.id}:T1:auto`;
    expect((await policies.data.transactions.get(txId))?.state).toBe('accepted');
    await policies.cancelPolicy(policy.id);
    expect((await policies.data.transactions.get(txId))?.state).toBe('draft');
    const held = await policies.data.autoRenewals.get(`ar:${policy.id}:T1`);
    expect(held?.invalidatedAt).not.toBeNull();
    expect(held?.nextTriggerAt).toBe(NO_PENDING_TRIGGER);
    expect((await tick(policies, at('2026-12-26'))).fired).toBe(0);
    await policies.reactivate(`ar:${policy.id}:T1`);
    expect((await tick(policies, at('2026-12-27'))).issued).toBe(1);
  });

  it('a manual accept ahead of the trigger still fires the plugin at the trigger, without acting', async () => {
    const { policies, policy } = await setUp();
    await tick(policies, at('2026-11-03'));
    const txId = `tx:ar:${policy.id}:T1:auto`;
    await policies.act(txId, 'accept');
    await tick(policies, at('2026-12-03'));
    const tx = await policies.data.transactions.get(txId);
    expect(tx?.history.map((h) => [h.to, h.manual])).toEqual([
      ['draft', false],
      ['accepted', true],
    ]);
    const ar = await policies.data.autoRenewals.get(`ar:${policy.id}:T1`);
    expect(ar?.pluginLog.map((l) => l.event)).toEqual(['create', 'accept']);
  });

  it('edits trigger times in office time and refuses times out of order', async () => {
    const { policies, policy } = await setUp();
    const arId = `ar:${policy.id}:T1`;
    expect(
      await policies.editTriggerTimes(arId, {
        createTime: '2026-11-10 08:30',
        acceptTime: '2026-11-01',
        issueTime: '',
      }),
    ).toEqual({
      ok: false,
      errors: {
        form: 'Trigger times must run create, accept, issue: the accept time 2026-11-01T00:00:00.000Z is before the create time 2026-11-10T08:30:00.000Z.',
      },
    });
    expect(
      await policies.editTriggerTimes(arId, {
        createTime: '2026-11-10 08:30',
        acceptTime: '2026-12-01',
        issueTime: '',
      }),
    ).toEqual({ ok: true });
    expect(await policies.data.autoRenewals.get(arId)).toMatchObject({
      createTime: '2026-11-10T08:30:00.000Z',
      issueTime: null,
    });
  });

  it('refuses to create an auto-renewal without a plan, and a second one on the same term', async () => {
    const { policies, policy, customerId } = await setUp();
    expect(await policies.createAutoRenewal(policy.id)).toEqual({
      ok: false,
      error: 'Term 1 of policy P-1 already has an auto-renewal (active); edit that one instead.',
    });
    await policies.assignPlan(customerId, null);
    expect((await policies.createAutoRenewal(policy.id)).ok).toBe(false);
  });

  it('refuses an invalid plan with field errors', async () => {
    const { policies } = await setUp();
    const check = await policies.savePlan({ ...YEARLY, renewalIssueLeadDays: 45 });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.errors[0]?.field).toBe('renewalIssueLeadDays');
  });
});

/** A real HTTP server on 127.0.0.1 (ephemeral port) answering with `handler`. */
async function webhookServer(
  handler: (request: IncomingMessage, body: string, response: ServerResponse) => void,
): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(body);
      handler(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeServer = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, bodies };
}

describe('webhook plugin against a real local HTTP server', () => {
  it('applies a successful reply', async () => {
    const hook = await webhookServer((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ renewalTransactionType: 'renewal-with-review' }));
    });
    const { policies, policy } = await setUp([{ kind: 'webhook', url: hook.url, timeoutMs: 2000 }]);
    await tick(policies, at('2026-11-02'));
    expect(JSON.parse(hook.bodies[0]!)).toMatchObject({
      renewalEvent: 'create',
      autoRenewal: { id: `ar:${policy.id}:T1` },
    });
    expect(await policies.data.transactions.get(`tx:ar:${policy.id}:T1:auto`)).toMatchObject({
      type: 'renewal-with-review',
    });
    const ar = await policies.data.autoRenewals.get(`ar:${policy.id}:T1`);
    expect(ar?.state).toBe('active');
    expect(ar?.pluginLog[0]?.outcome).toBe('ok: renewalTransactionType=renewal-with-review');
  });

  it('puts the auto-renewal in error when the server is slower than the timeout', async () => {
    const hook = await webhookServer((_req, _body, res) => {
      setTimeout(() => res.end('{}'), 1500);
    });
    const { policies, policy } = await setUp([{ kind: 'webhook', url: hook.url, timeoutMs: 200 }]);
    const summary = await tick(policies, at('2026-11-02'));
    expect(summary.errors).toBe(1);
    const ar = await policies.data.autoRenewals.get(`ar:${policy.id}:T1`);
    expect(ar).toMatchObject({
      state: 'error',
      errorReason: `webhook ${hook.url} failed at create: The webhook did not answer before its timeout.`,
      nextTriggerAt: NO_PENDING_TRIGGER,
    });
    expect(await policies.data.transactions.get(`tx:ar:${policy.id}:T1:auto`)).toBeNull();
  });

  it('puts the auto-renewal in error on a reply that is not JSON', async () => {
    const hook = await webhookServer((_req, _body, res) => res.end('<html>oops</html>'));
    const { policies, policy } = await setUp([{ kind: 'webhook', url: hook.url, timeoutMs: 2000 }]);
    await tick(policies, at('2026-11-02'));
    const ar = await policies.data.autoRenewals.get(`ar:${policy.id}:T1`);
    expect(ar?.state).toBe('error');
    expect(ar?.errorReason).toContain('The webhook answered with a body that is not JSON.');
  });
});
