import { afterEach, describe, expect, it } from 'vitest';
import { postWebhookFromServer } from '../../server/jobs/webhook.js';
import {
  json,
  testServer,
  type Received,
  type TestServer,
} from '../../server/net/hostile-servers.test-support.js';
import { defaultOfficeSettings, type OfficeSettings } from '../office.js';
import type { AutoRenewalPlan } from '../policies/model.js';
import type { ServerResponse } from 'node:http';
import { testJobs, type StoreFactory } from './jobs.test-support.js';
import type { JobPorts, WebhookCall } from './ports.js';
import { createJobs } from './runner.js';
import type { StorePort } from './store.js';
import { SimulatedCrash } from './store-wrappers.test-support.js';

const at = (date: string, time = '09:00') => `${date}T${time}:00.000Z`;
const daily = (date: string, time = '09:00') => ({ reason: 'daily' as const, at: at(date, time) });

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: unknown }): V {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

const OFFICE: OfficeSettings = {
  ...defaultOfficeSettings('UTC'),
  officeName: 'Acme Insurance',
  webhookAllowedHosts: ['127.0.0.1'],
};

/**
 * Webhook plugins as the jobs call them, over the real Node transport (the office server's and
 * Electron main's) to real servers on 127.0.0.1: the office's allow-list reaches the call, each
 * round is recorded before it is made and carries its Idempotency-Key, a crash between the
 * record and the call (or between the call and saving its answer) is known to the next run,
 * and a plugin's reply cannot take irreversible control. Runs on the in-memory store, RxDB on
 * Dexie and SQL (PGlite and PostgreSQL).
 */
export function defineWebhookSuite(label: string, stores: StoreFactory) {
  let closing: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(closing.map((c) => c.close()));
    closing = [];
  });

  /** A webhook server on 127.0.0.1 whose answers a test can change as it goes. */
  async function hook(answer: (res: ServerResponse, got: Received) => void = json({})) {
    let current = answer;
    const server: TestServer = await testServer((res, got) => current(res, got));
    closing.push(server);
    return {
      ...server,
      answer: (next: typeof answer) => (current = next),
      keys: () => server.received.map((r) => r.headers['idempotency-key']),
    };
  }

  /**
   * An office on `store` with one policy (term ends 2027-01-01; create 2026-11-02, accept
   * 2026-12-02, issue 2026-12-25) on a plan whose only plugin is `url`.
   */
  async function office(
    url: string,
    settings: OfficeSettings = OFFICE,
    plugins: AutoRenewalPlan['plugins'] = [],
  ) {
    const open = await stores();
    closing.push(open);
    return officeOn(open.store, url, settings, plugins);
  }

  async function officeOn(
    store: StorePort,
    url: string,
    settings: OfficeSettings,
    before: AutoRenewalPlan['plugins'] = [],
  ) {
    const h = jobsOn(store);
    const now = at('2026-06-01');
    valueOf(await h.jobs.settings.saveOffice(now, settings));
    const plan: AutoRenewalPlan = {
      id: 'yearly',
      name: 'Yearly',
      renewalCreateLeadDays: 60,
      renewalAcceptLeadDays: 30,
      renewalIssueLeadDays: 7,
      generateAutoRenewals: true,
      newTermDurationMonths: 12,
      plugins: [...before, { kind: 'webhook', url, timeoutMs: 3000 }],
    };
    valueOf(await h.jobs.policies.savePlan(now, plan));
    const customer = valueOf(
      await h.jobs.renewals.createCustomer(now, { name: 'Acme Ltd', assigneeId: 'me' }),
    );
    valueOf(await h.jobs.policies.assignPlan(now, customer.id, 'yearly'));
    const policy = valueOf(
      await h.jobs.policies.createPolicy(now, customer.id, {
        number: 'P-1',
        productName: 'Commercial auto',
        startDate: '2026-01-01',
        endDate: '2027-01-01',
        assigneeId: 'me',
      }),
    );
    const arId = `ar:${policy.id}:T1`;
    const txId = `tx:${arId}:auto`;
    return {
      ...h,
      store,
      policy,
      arId,
      txId,
      autoRenewal: async () => (await store.get('autorenewals', arId))!,
      transaction: () => store.get('transactions', txId),
    };
  }

  /**
   * Jobs on `store` whose webhooks go out through the server's transport. `crashOnCall` makes
   * the process die as a call is about to leave (after it was recorded), as often as asked.
   */
  function jobsOn(store: StorePort, options: { crashOnCall?: number } = {}) {
    const calls: WebhookCall[] = [];
    let crashes = options.crashOnCall ?? 0;
    const base = testJobs(store).ports;
    const ports: JobPorts = {
      ...base,
      effects: {
        ...base.effects,
        postWebhook: async (call) => {
          calls.push(call);
          if (crashes > 0) {
            crashes--;
            throw new SimulatedCrash(0);
          }
          return postWebhookFromServer(call);
        },
      },
    };
    return { ports, jobs: createJobs(ports), calls };
  }

  describe(`webhook plugins on ${label}`, () => {
    it('sends the round’s Idempotency-Key and the office’s allow-list, one round per step', async () => {
      const server = await hook();
      const h = await office(server.url);
      expect((await h.jobs.runDaily(daily('2027-01-05'))).policies).toMatchObject({
        fired: 3,
        issued: 1,
      });
      const arId = h.arId;
      expect(server.keys()).toEqual([
        `${arId}:create:2026-11-02T00:00:00.000Z:1`,
        `${arId}:accept:2026-12-02T00:00:00.000Z:2`,
        `${arId}:issue:2026-12-25T00:00:00.000Z:3`,
      ]);
      expect(h.calls.map((c) => c.allowedHosts)).toEqual([
        ['127.0.0.1'],
        ['127.0.0.1'],
        ['127.0.0.1'],
      ]);
      const ar = await h.autoRenewal();
      expect(ar).toMatchObject({ state: 'issued', webhookRounds: 3 });
      expect(ar.pendingCall).toBeUndefined();
    });

    it('refuses the loopback webhook until the office allows it, then runs after a fix', async () => {
      const server = await hook();
      const h = await office(server.url, { ...OFFICE, webhookAllowedHosts: [] });
      expect((await h.jobs.runDaily(daily('2026-11-02'))).policies.errors).toBe(1);
      expect(await h.autoRenewal()).toMatchObject({
        state: 'error',
        errorReason: `webhook ${server.url} failed at create: The webhook host 127.0.0.1 is a loopback address (the computer making the call). NoLapse calls only public internet addresses unless the office allows the host in Settings, under “Allowed private webhook hosts”.`,
      });
      expect(server.received).toHaveLength(0);
      expect(await h.transaction()).toBeNull();

      valueOf(await h.jobs.settings.saveOffice(at('2026-11-02', '10:00'), OFFICE));
      valueOf(
        await h.jobs.policies.editTriggerTimes(at('2026-11-02', '10:00'), h.arId, {
          createTime: '2026-11-02',
          acceptTime: '2026-12-02',
          issueTime: '2026-12-25',
        }),
      );
      expect((await h.jobs.runDaily(daily('2026-11-02', '11:00'))).policies.created).toBe(1);
      expect(server.keys()).toEqual([`${h.arId}:create:2026-11-02T00:00:00.000Z:2`]);
    });

    it('writes no renewal notice for a step a later webhook stopped', async () => {
      const server = await hook();
      const h = await office(server.url, { ...OFFICE, webhookAllowedHosts: [] }, [
        'renewal-notice',
      ]);
      expect((await h.jobs.runDaily(daily('2026-11-02'))).policies.errors).toBe(1);
      const notices = await h.store.find('events', { selector: { subjectId: h.policy.id } });
      expect(notices.filter((e) => e.type === 'AUTO_RENEWAL_NOTICE')).toEqual([]);

      valueOf(await h.jobs.settings.saveOffice(at('2026-11-02', '10:00'), OFFICE));
      valueOf(
        await h.jobs.policies.editTriggerTimes(at('2026-11-02', '10:00'), h.arId, {
          createTime: '2026-11-02',
          acceptTime: '2026-12-02',
          issueTime: '2026-12-25',
        }),
      );
      expect((await h.jobs.runDaily(daily('2026-11-02', '11:00'))).policies.created).toBe(1);
      const after = await h.store.find('events', { selector: { subjectId: h.policy.id } });
      expect(after.filter((e) => e.type === 'AUTO_RENEWAL_NOTICE')).toHaveLength(1);
    });

    it('a crash between recording the call and making it: the next run knows, and calls with the same key', async () => {
      const server = await hook();
      const h = await office(server.url);
      const crashing = jobsOn(h.store, { crashOnCall: 1 });
      const first = await crashing.jobs.runDaily(daily('2026-11-02'));
      expect(first.problems.map((p) => p.body)).toEqual([
        expect.stringContaining('Simulated crash'),
      ]);
      expect(server.received).toHaveLength(0);
      const recorded = await h.autoRenewal();
      expect(recorded.pendingCall).toEqual({
        event: 'create',
        key: `${h.arId}:create:2026-11-02T00:00:00.000Z:1`,
        recordedAt: at('2026-11-02'),
        attempts: 1,
      });

      // The app starts again on the same data.
      const restarted = jobsOn(h.store);
      expect((await restarted.jobs.runDaily(daily('2026-11-02', '09:05'))).policies.created).toBe(
        1,
      );
      expect(server.keys()).toEqual([recorded.pendingCall!.key]);
      const ar = await h.autoRenewal();
      expect(ar.pendingCall).toBeUndefined();
      expect(ar.pluginLog.map((l) => l.outcome)).toEqual([
        'interrupted: the call made at 2026-11-02T09:00:00.000Z has no saved answer (NoLapse stopped mid-call); calling again with the same Idempotency-Key',
        'ok',
      ]);
      expect((await h.transaction())?.state).toBe('draft');
    });

    it('a crash after the webhook answered but before the answer was saved: the retry sends the same key', async () => {
      const server = await hook(json({ renewalTransactionType: 'renewal-with-review' }));
      const h = await office(server.url);
      let journalCrash = true;
      const dying: StorePort = {
        ...h.store,
        journal: {
          ...h.store.journal,
          begin: (entry) => {
            if (journalCrash) {
              journalCrash = false;
              return Promise.reject(new SimulatedCrash(1));
            }
            return h.store.journal.begin(entry);
          },
        },
      };
      await jobsOn(dying).jobs.runDaily(daily('2026-11-02'));
      expect(server.received).toHaveLength(1);
      expect(await h.transaction()).toBeNull();

      await jobsOn(h.store).jobs.runDaily(daily('2026-11-02', '09:05'));
      const key = `${h.arId}:create:2026-11-02T00:00:00.000Z:1`;
      expect(server.keys()).toEqual([key, key]);
      expect((await h.transaction())?.type).toBe('renewal-with-review');
    });

    it('gives up after three interrupted tries, with the reason, until a person acts', async () => {
      const server = await hook();
      const h = await office(server.url);
      for (const minute of ['00', '01', '02'])
        await jobsOn(h.store, { crashOnCall: 1 }).jobs.runDaily(
          daily('2026-11-02', `09:${minute}`),
        );
      expect((await h.autoRenewal()).pendingCall?.attempts).toBe(3);
      const run = await jobsOn(h.store).jobs.runDaily(daily('2026-11-02', '09:03'));
      expect(run.policies.errors).toBe(1);
      expect(server.received).toHaveLength(0);
      const ar = await h.autoRenewal();
      expect(ar).toMatchObject({
        state: 'error',
        errorReason: `The create call to webhook ${server.url} was interrupted 3 times before its answer was saved (Idempotency-Key ${h.arId}:create:2026-11-02T00:00:00.000Z:1). Check what the webhook received, then edit the trigger times (or save them unchanged) to call it again.`,
      });
      expect(ar.pendingCall).toBeUndefined();
    });

    it('what a plugin discards, a person can reactivate; the plugin is then asked again under a new key', async () => {
      const server = await hook(json({ autoRenewalState: 'discarded' }));
      const h = await office(server.url);
      await h.jobs.runDaily(daily('2026-11-02'));
      expect(await h.autoRenewal()).toMatchObject({
        state: 'discarded',
        discardedBy: `webhook ${server.url}`,
      });
      expect(await h.transaction()).toBeNull();

      server.answer(json({}));
      expect(valueOf(await h.jobs.policies.reactivate(at('2026-11-03'), h.arId))).toBe(
        'Reactivated: the auto-renewal resumes at its next pending trigger.',
      );
      const ar = await h.autoRenewal();
      expect(ar.state).toBe('active');
      expect(ar.discardedBy).toBeUndefined();
      expect((await h.jobs.runDaily(daily('2026-11-03', '10:00'))).policies.created).toBe(1);
      expect(server.keys()).toEqual([
        `${h.arId}:create:2026-11-02T00:00:00.000Z:1`,
        `${h.arId}:create:2026-11-02T00:00:00.000Z:2`,
      ]);
    });

    it('refuses a reply with an impossible date or a time outside the sane window, with the reason', async () => {
      const server = await hook(json({ renewalTransactionAcceptTime: '2026-02-30T00:00+00:00' }));
      const h = await office(server.url);
      await h.jobs.runDaily(daily('2026-11-02'));
      expect((await h.autoRenewal()).errorReason).toBe(
        `webhook ${server.url} at create: Invalid plugin reply (renewalTransactionAcceptTime: "2026-02-30T00:00+00:00" is not an ISO date-time with a time zone).`,
      );

      server.answer(json({ renewalTransactionIssueTime: '2029-01-01T00:00:00Z' }));
      valueOf(
        await h.jobs.policies.editTriggerTimes(at('2026-11-02', '10:00'), h.arId, {
          createTime: '2026-11-02',
          acceptTime: '2026-12-02',
          issueTime: '2026-12-25',
        }),
      );
      await h.jobs.runDaily(daily('2026-11-02', '11:00'));
      expect(await h.autoRenewal()).toMatchObject({
        state: 'error',
        issueTime: '2026-12-25T00:00:00.000Z',
        errorReason:
          'A plugin set the issue time to 2029-01-01T00:00:00.000Z, more than a year after the term ends (2027-01-01T00:00:00.000Z); set it by hand if that is really meant.',
      });
      expect(await h.transaction()).toBeNull();
    });
  });
}
