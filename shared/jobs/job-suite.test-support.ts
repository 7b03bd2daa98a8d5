import { afterEach, describe, expect, it } from 'vitest';
import { verifyContent } from '../documents/lifecycle.js';
import type { AutoRenewalPlan, PluginRef } from '../policies/model.js';
import { renewalForDocument } from '../renewals/create.js';
import { NO_PENDING_TRIGGER } from '../schema/auto-renewal.js';
import { testJobs, tickAt, webhookServer, type StoreFactory } from './jobs.test-support.js';
import { summaryLines } from './runner.js';
import type { StorePort } from './store.js';

const SIGNATURE = 'data:image/png;base64,iVBORw0KGgo=';
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

const NDA = {
  name: 'NDA',
  fields: [
    { key: 'name', label: 'Full name', type: 'text', required: true, profileKey: 'fullName' },
    { key: 'address', label: 'Address', type: 'text', required: true, profileKey: 'address' },
  ],
  body: 'I, {{name}}, of {{address}}, keep secrets.',
  renewalModel: { kind: 'signature', renewalDurationMonths: 12 },
  reminderDaysBefore: [30, 14, 7, 1],
  gracePeriodDays: 7,
  blocking: true,
};

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: unknown }): V {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/**
 * What every store adapter must make the jobs do: the renewals, documents and policies
 * behaviour the app shows people, run against the store `stores` opens (the in-memory
 * reference, RxDB on Dexie, and SQL on the server all run this same suite).
 */
export function defineJobSuite(label: string, stores: StoreFactory) {
  let opened: { store: StorePort; close(): Promise<void> }[] = [];
  let servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(opened.map((o) => o.close()));
    await Promise.all(servers.map((s) => s.close()));
    opened = [];
    servers = [];
  });

  async function harness() {
    const open = await stores();
    opened.push(open);
    return testJobs(open.store);
  }

  async function withCustomer() {
    const h = await harness();
    const customer = valueOf(
      await h.jobs.renewals.createCustomer(at('2026-01-01'), {
        name: 'Ayşe Demir',
        assigneeId: 'agent_1',
      }),
    );
    const renewalsOf = () =>
      h.ports.store.find('renewals', { selector: { customerId: customer.id } });
    return { ...h, customerId: customer.id, renewalsOf };
  }

  describe(`renewal jobs on ${label}`, () => {
    it('fires the reached stage when a renewal is created and notifies once', async () => {
      const h = await withCustomer();
      const now = at('2026-01-29');
      valueOf(
        await h.jobs.renewals.createRenewal(now, h.customerId, {
          serviceType: 'RESIDENCE_PERMIT',
          dueDate: '2026-03-15',
          assigneeId: 'agent_1',
        }),
      );
      const [renewal] = await h.renewalsOf();
      expect(renewal).toMatchObject({ stage: 'T60', nextStageOn: '2026-02-13' });
      expect(h.shown.map((n) => n.title)).toEqual([
        'Ayşe Demir: Residence permit due in 45 days (60 days alert)',
      ]);
      expect(h.shown[0]?.route).toBe(`/renewals/${renewal!.id}`);
      await h.jobs.runDaily({ reason: 'manual', at: now });
      expect(h.shown).toHaveLength(1);
    });

    it('reads only renewals whose stage changes and writes nothing on an ordinary day', async () => {
      const h = await withCustomer();
      for (const dueDate of ['2026-06-01', '2026-07-01', '2026-02-20'])
        await h.jobs.renewals.createRenewal(at('2026-01-10'), h.customerId, {
          serviceType: 'WORK_PERMIT',
          dueDate,
          assigneeId: 'agent_1',
        });
      const quiet = await h.jobs.runDaily(tickAt('2026-01-11'));
      expect(quiet.renewals).toMatchObject({ checked: 0, updated: 0, events: 0 });
      const crossing = await h.jobs.runDaily(tickAt('2026-01-21'));
      expect(crossing.renewals).toMatchObject({ checked: 1, updated: 1, events: 1 });
      expect(crossing.notified).toBe(1);
    });

    it('walks a renewal through T14, T7 and OVERDUE, then completes it into the next one', async () => {
      const h = await withCustomer();
      await h.jobs.renewals.createRenewal(at('2026-02-01'), h.customerId, {
        serviceType: 'INSURANCE_POLICY',
        dueDate: '2026-03-15',
        assigneeId: 'agent_1',
        recurrence: 'FREQ=YEARLY',
      });
      const [renewal] = await h.renewalsOf();
      await h.jobs.runDaily(tickAt('2026-03-01'));
      await h.jobs.runDaily(tickAt('2026-03-08'));
      const tasksOf = () => h.ports.store.find('tasks', { selector: { renewalId: renewal!.id } });
      expect((await tasksOf()).map((t) => t.priority).sort()).toEqual(['HIGH', 'URGENT']);
      await h.jobs.runDaily(tickAt('2026-03-16'));
      expect(await h.ports.store.get('renewals', renewal!.id)).toMatchObject({
        status: 'OVERDUE',
        complianceFlag: true,
      });

      const { next } = valueOf(
        await h.jobs.renewals.completeRenewal(at('2026-03-16'), renewal!.id),
      );
      expect(next).toMatchObject({ dueDate: '2027-03-15', previousRenewalId: renewal!.id });
      expect(await h.ports.store.get('renewals', renewal!.id)).toMatchObject({
        status: 'COMPLETED',
      });
      expect((await tasksOf()).every((t) => t.status === 'DONE')).toBe(true);
      const again = await h.jobs.renewals.completeRenewal(at('2026-03-16'), renewal!.id);
      expect(again).toEqual({
        ok: false,
        errors: {
          form: 'This renewal is already completed; create a new renewal instead.',
        },
      });
    });

    it('creates a renewal when a residence permit is approved, once', async () => {
      const h = await withCustomer();
      const permit = valueOf(
        await h.jobs.renewals.addPermit(at('2026-01-10'), h.customerId, {
          kind: 'RESIDENCE_PERMIT',
          number: 'RP-1',
          state: 'APPLIED',
          expiresOn: '2027-01-31',
        }),
      );
      expect(await h.renewalsOf()).toEqual([]);
      const first = await h.jobs.renewals.setPermitState(
        at('2026-01-10'),
        h.customerId,
        permit.id,
        'APPROVED',
      );
      expect(valueOf(first)).toMatchObject({ dueDate: '2027-01-31' });
      expect(
        valueOf(
          await h.jobs.renewals.setPermitState(
            at('2026-01-11'),
            h.customerId,
            permit.id,
            'APPROVED',
          ),
        ),
      ).toBeNull();
      const renewals = await h.renewalsOf();
      expect(renewals).toHaveLength(1);
      expect(renewals[0]).toMatchObject({
        serviceType: 'RESIDENCE_PERMIT',
        dueDate: '2027-01-31',
        permitId: permit.id,
      });
    });

    it('keeps a bad due date out and reports it against the field', async () => {
      const h = await withCustomer();
      const result = await h.jobs.renewals.createRenewal(at('2026-01-10'), h.customerId, {
        serviceType: 'WORK_PERMIT',
        dueDate: '2026-13-01',
        assigneeId: 'agent_1',
      });
      expect(result).toEqual({
        ok: false,
        errors: { dueDate: 'Enter a real date as YYYY-MM-DD, for example 2026-03-15.' },
      });
      expect(await h.renewalsOf()).toEqual([]);
    });

    it('uses the office time zone for today', async () => {
      const h = await withCustomer();
      const now = '2026-03-01T22:30:00.000Z';
      valueOf(
        await h.jobs.settings.saveOffice(now, {
          officeName: 'Ikamet',
          timeZone: 'Europe/Istanbul',
          dailyRefreshTime: '07:00',
          staff: [{ id: 'agent_1', name: 'Mehmet' }],
        }),
      );
      expect(await h.jobs.today(now)).toBe('2026-03-02');
      await h.jobs.renewals.createRenewal(now, h.customerId, {
        serviceType: 'WORK_PERMIT',
        dueDate: '2026-03-01',
        assigneeId: 'agent_1',
      });
      expect((await h.renewalsOf())[0]).toMatchObject({ status: 'OVERDUE' });
    });

    it('refuses office settings that would break the schedule, naming the field', async () => {
      const h = await harness();
      expect(
        await h.jobs.settings.saveOffice(at('2026-01-01'), {
          officeName: 'Ikamet',
          timeZone: 'Mars/Olympus',
          dailyRefreshTime: '7:00',
          staff: [],
        }),
      ).toEqual({
        ok: false,
        errors: {
          timeZone: '"Mars/Olympus" is not a time zone; use a name like Europe/Istanbul.',
          dailyRefreshTime: "Use a 24-hour local time written 'HH:MM', such as '07:30'.",
          staff: 'Keep at least one staff member so renewals have someone responsible.',
        },
      });
    });

    it('moves document renewals through stages without a second reminder', async () => {
      const h = await harness();
      await h.ports.store.insert('renewals', [
        renewalForDocument(
          {
            ownerId: 'wrk_1',
            instanceId: 'doc:nda:wrk_1',
            documentName: 'NDA',
            expiresOn: '2026-01-30',
            assigneeId: 'me',
          },
          at('2026-01-10'),
        ),
      ]);
      const summary = await h.jobs.runDaily(tickAt('2026-01-10'));
      expect(summary.renewals).toMatchObject({ updated: 1, events: 1 });
      expect(summary.notified).toBe(0);
      expect(h.shown).toEqual([]);
    });
  });

  describe(`document jobs on ${label}`, () => {
    async function setUp() {
      const h = await harness();
      const now = at('2026-02-15');
      const worker = valueOf(
        await h.jobs.documents.createWorker(now, {
          fullName: 'Maria Lopez',
          email: 'maria@example.com',
          phone: '',
          address: '1 Old Street',
          taxId: '',
        }),
      );
      const { template } = valueOf(await h.jobs.documents.createTemplate(now, NDA));
      return { ...h, worker, template };
    }

    async function signFirst(h: Awaited<ReturnType<typeof setUp>>, when = at('2026-02-15')) {
      const [assigned] = valueOf(await h.jobs.documents.assign(when, h.template.id, [h.worker.id]));
      expect(assigned).toMatchObject({ ok: true });
      const id = assigned!.instanceId!;
      const opened = valueOf(await h.jobs.documents.open(when, id));
      return valueOf(
        await h.jobs.documents.sign(when, id, {
          data: opened.data,
          signatureName: 'Maria Lopez',
          signatureImage: SIGNATURE,
        }),
      );
    }

    it('signs an NDA: pre-filled, hashed, expiring in 12 months, and in the renewals queue', async () => {
      const h = await setUp();
      const signed = await signFirst(h);
      expect(signed).toMatchObject({
        status: 'completed',
        signedOn: '2026-02-15',
        expiresOn: '2027-02-15',
        data: { name: 'Maria Lopez', address: '1 Old Street' },
      });
      expect(verifyContent(signed, h.template.versions[0]!)).toBe(true);
      const renewal = await h.ports.store.get('renewals', `ren:doc:${signed.id}@2027-02-15`);
      expect(renewal).toMatchObject({
        serviceType: 'DOCUMENT',
        customerId: h.worker.id,
        documentId: signed.id,
        dueDate: '2027-02-15',
        assigneeId: 'me',
      });
    });

    it('refuses a second open instance of the same template, with a reason', async () => {
      const h = await setUp();
      const now = at('2026-02-15');
      expect(valueOf(await h.jobs.documents.assign(now, h.template.id, [h.worker.id]))[0]!.ok).toBe(
        true,
      );
      const [again] = valueOf(await h.jobs.documents.assign(now, h.template.id, [h.worker.id]));
      expect(again!.ok).toBe(false);
      expect(again!.message).toContain('already has an open (required) "NDA"');
      const instances = await h.ports.store.find('instances', {
        selector: { workerId: h.worker.id, templateId: h.template.id },
      });
      expect(instances).toHaveLength(1);
    });

    it('converges when two devices assign the same template at once', async () => {
      const h = await setUp();
      const other = testJobs(h.ports.store, { idPrefix: 'b' });
      const now = at('2026-02-15');
      const results = await Promise.all([
        h.jobs.documents.assign(now, h.template.id, [h.worker.id]),
        other.jobs.documents.assign(now, h.template.id, [h.worker.id]),
      ]);
      expect(results.flatMap((r) => valueOf(r)).filter((r) => r.ok)).toHaveLength(1);
      expect(
        await h.ports.store.find('instances', {
          selector: { workerId: h.worker.id, templateId: h.template.id },
        }),
      ).toHaveLength(1);
    });

    it('sends each reminder once, even when the sweep runs twice or on two devices', async () => {
      const h = await setUp();
      await signFirst(h);
      await h.jobs.runDaily(tickAt('2027-01-16')); // 30 days before: the worker; admins get the digest
      await h.jobs.runDaily(tickAt('2027-01-16'));
      const titles = () => h.shown.map((n) => n.title).filter((t) => t.includes('NDA'));
      expect(titles()).toEqual(['Maria Lopez: NDA expires in 30 days']);
      await h.jobs.runDaily(tickAt('2027-02-08'));
      await h.jobs.runDaily(tickAt('2027-02-08'));
      expect(titles()).toEqual([
        'Maria Lopez: NDA expires in 30 days',
        'Maria Lopez: NDA expires in 7 days',
        "Maria Lopez's NDA expires in 7 days",
      ]);
      expect(h.shown.filter((n) => n.title.includes('NDA')).at(-1)!.route).toMatch(
        /^\/documents\/instances\//,
      );
      // The admins' 30-day item waited for the weekly digest (Monday 08:00), shown once.
      const digests = h.shown.filter((n) => n.id.startsWith('digest:desktop:'));
      expect(digests).toEqual([
        expect.objectContaining({
          id: 'digest:desktop:device:2027-01-18T08:00:00.000Z',
          title: 'Your digest: 1 reminder',
          body: "Maria Lopez's NDA expires in 30 days.",
        }),
      ]);
    });

    it('renews at expiry from the latest version with the current profile, and keeps the old one', async () => {
      const h = await setUp();
      const signed = await signFirst(h);
      const edited = valueOf(
        await h.jobs.documents.editTemplate(at('2026-06-01'), h.template.id, {
          ...NDA,
          fields: [
            ...NDA.fields,
            { key: 'taxId', label: 'Tax ID', type: 'text', required: true, profileKey: 'taxId' },
          ],
        }),
      );
      expect(edited.changed).toBe(true);
      valueOf(
        await h.jobs.documents.updateWorker(at('2026-06-01'), h.worker.id, {
          fullName: 'Maria Lopez',
          email: 'maria@example.com',
          phone: '',
          address: '9 New Road',
          taxId: 'TX-42',
        }),
      );
      // Template edits and profile changes never touch the signed instance.
      expect(await h.ports.store.get('instances', signed.id)).toEqual(signed);

      const summary = await h.jobs.runDaily(tickAt('2027-02-15'));
      expect(summary.documents).toMatchObject({ archived: 1, created: 1 });
      const old = await h.ports.store.get('instances', signed.id);
      expect(old).toMatchObject({ status: 'expired', archivedAt: at('2027-02-15') });
      expect(verifyContent(old!, h.template.versions[0]!)).toBe(true);
      const renewal = await h.ports.store.get('instances', `${signed.id}:r1`);
      expect(renewal).toMatchObject({
        status: 'required',
        templateVersion: 2,
        previousInstanceId: signed.id,
        renewalNumber: 1,
        data: { name: 'Maria Lopez', address: '9 New Road', taxId: 'TX-42' },
      });
      expect(h.shown.map((n) => n.body)).toContain(
        'Your NDA has expired and a new version is ready for review.',
      );
      // Running the same day again changes nothing.
      expect((await h.jobs.runDaily(tickAt('2027-02-15'))).documents).toMatchObject({
        archived: 0,
        created: 0,
        notified: 0,
      });

      // Signing the renewal completes the previous chain's queue entry.
      const later = at('2027-02-15', '10:00');
      await h.jobs.documents.open(later, renewal!.id);
      const resigned = await h.jobs.documents.sign(later, renewal!.id, {
        data: renewal!.data,
        signatureName: 'Maria Lopez',
        signatureImage: SIGNATURE,
      });
      expect(valueOf(resigned)).toMatchObject({ expiresOn: '2028-02-15' });
      expect(await h.ports.store.get('renewals', `ren:doc:${signed.id}@2027-02-15`)).toMatchObject({
        status: 'COMPLETED',
      });
    });

    it('gives a deactivated worker no renewal instance, and refuses assigning them', async () => {
      const h = await setUp();
      const signed = await signFirst(h);
      await h.jobs.documents.setWorkerActive(at('2026-03-01'), h.worker.id, false);
      await h.jobs.runDaily(tickAt('2027-02-15'));
      expect(await h.ports.store.get('instances', signed.id)).toMatchObject({ status: 'expired' });
      const instancesOf = () =>
        h.ports.store.find('instances', {
          selector: { workerId: h.worker.id, templateId: h.template.id },
        });
      expect(await instancesOf()).toHaveLength(1);
      const [refusedAssign] = valueOf(
        await h.jobs.documents.assign(at('2027-02-16'), h.template.id, [h.worker.id]),
      );
      expect(refusedAssign!.message).toContain('is deactivated');

      await h.jobs.documents.setWorkerActive(at('2027-02-16'), h.worker.id, true);
      const [again] = valueOf(
        await h.jobs.documents.assign(at('2027-02-16'), h.template.id, [h.worker.id]),
      );
      expect(again).toMatchObject({ ok: true, instanceId: `${signed.id}:r1` });
    });

    it('explains what is missing before signing and keeps the instance a draft', async () => {
      const h = await setUp();
      const now = at('2026-02-15');
      const [assigned] = valueOf(await h.jobs.documents.assign(now, h.template.id, [h.worker.id]));
      await h.jobs.documents.open(now, assigned!.instanceId!);
      const result = await h.jobs.documents.sign(now, assigned!.instanceId!, {
        data: { name: 'Maria Lopez', address: '' },
        signatureName: 'Maria Lopez',
        signatureImage: SIGNATURE,
      });
      expect(result).toMatchObject({
        ok: false,
        errors: {
          'data.address': 'Fill in Address.',
          form: 'Some fields need attention before signing.',
        },
      });
      expect(await h.ports.store.get('instances', assigned!.instanceId!)).toMatchObject({
        status: 'draft',
      });
      const unsigned = await h.jobs.documents.sign(now, assigned!.instanceId!, {
        data: { name: 'Maria Lopez', address: '1 Old Street' },
        signatureName: ' ',
        signatureImage: SIGNATURE,
      });
      expect(unsigned).toEqual({
        ok: false,
        errors: { signatureName: 'Type your full name to sign.' },
      });
    });

    it('rejects an impossible calendar date and a worker without a name', async () => {
      const h = await setUp();
      const now = at('2026-02-15');
      expect(
        await h.jobs.documents.createTemplate(now, {
          name: 'W-9',
          renewalModel: { kind: 'calendar', renewalMonth: 4, renewalDay: 31 },
        }),
      ).toEqual({
        ok: false,
        errors: {
          'renewalModel.renewalDay': 'April 31 does not exist. Choose a day from 1 to 30.',
        },
      });
      expect(
        await h.jobs.documents.createWorker(now, {
          fullName: ' ',
          email: 'x',
          phone: '',
          address: '',
          taxId: '',
        }),
      ).toMatchObject({
        ok: false,
        errors: {
          fullName: 'Enter the worker’s full name, e.g. "Maria Lopez".',
          email: 'Enter an email address like name@example.com.',
        },
      });
    });
  });

  describe(`policy jobs on ${label}`, () => {
    /** A customer on the yearly plan with policy P-1, first term 2026-01-01 to 2027-01-01 (UTC). */
    async function setUp(plugins: PluginRef[] = ['renewal-notice']) {
      const h = await harness();
      const now = at('2026-06-01');
      valueOf(await h.jobs.policies.savePlan(now, { ...YEARLY, plugins }));
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
      const daily = async (instant: string) =>
        (await h.jobs.runDaily({ reason: 'daily', at: instant })).policies;
      return { ...h, customerId: customer.id, policy, daily, now };
    }

    async function snapshot(store: StorePort) {
      return {
        policies: await store.find('policies', {}),
        transactions: await store.find('transactions', {}),
        autorenewals: await store.find('autorenewals', {}),
        renewals: await store.find('renewals', {}),
        events: await store.find('events', {}),
      };
    }

    it('creates a policy with its first term, a queue renewal and the plan’s auto-renewal', async () => {
      const h = await setUp();
      expect(h.policy.terms).toEqual([
        {
          termNumber: 1,
          startTime: '2026-01-01T00:00:00.000Z',
          endTime: '2027-01-01T00:00:00.000Z',
        },
      ]);
      const renewal = await h.ports.store.get('renewals', `ren:policy:${h.policy.id}@2027-01-01`);
      expect(renewal).toMatchObject({ serviceType: 'INSURANCE_POLICY', dueDate: '2027-01-01' });
      expect(await h.ports.store.get('autorenewals', `ar:${h.policy.id}:T1`)).toMatchObject({
        state: 'active',
        createTime: '2026-11-02T00:00:00.000Z',
        acceptTime: '2026-12-02T00:00:00.000Z',
        issueTime: '2026-12-25T00:00:00.000Z',
        nextTriggerAt: '2026-11-02T00:00:00.000Z',
      });
    });

    it('refuses a duplicate policy number and a term that ends before it starts', async () => {
      const h = await setUp();
      expect(
        await h.jobs.policies.createPolicy(h.now, h.customerId, {
          number: 'P-1',
          productName: 'Home',
          startDate: '2026-05-01',
          endDate: '2026-04-01',
          assigneeId: 'me',
        }),
      ).toEqual({
        ok: false,
        errors: { endDate: 'The term must end after it starts (2026-05-01).' },
      });
      expect(
        await h.jobs.policies.createPolicy(h.now, h.customerId, {
          number: 'P-1',
          productName: 'Home',
          startDate: '2026-05-01',
          endDate: '2027-05-01',
          assigneeId: 'me',
        }),
      ).toEqual({ ok: false, errors: { number: 'Acme Ltd already has policy P-1.' } });
    });

    it('moves across create, accept and issue: new term, next Renewal and next auto-renewal', async () => {
      const h = await setUp();
      const { store } = h.ports;
      expect((await h.daily(at('2026-10-01'))).fired).toBe(0);
      expect(await h.daily(at('2026-11-02'))).toMatchObject({ fired: 1, created: 1 });
      const txId = `tx:ar:${h.policy.id}:T1:auto`;
      expect(await store.get('transactions', txId)).toMatchObject({
        state: 'draft',
        createdBy: 'auto',
        effectiveTime: '2027-01-01T00:00:00.000Z',
        endTime: '2028-01-01T00:00:00.000Z',
      });
      expect(h.shown.map((n) => n.title)).toContain('A renewal is being drafted for policy P-1');
      expect(h.shown.find((n) => n.title.startsWith('A renewal is'))?.route).toBe(
        `/policies/${h.policy.id}`,
      );

      await h.daily(at('2026-12-02'));
      expect((await store.get('transactions', txId))?.state).toBe('accepted');

      const issued = await h.jobs.runDaily({ reason: 'daily', at: at('2026-12-25') });
      expect(issued.policies).toMatchObject({ fired: 1, issued: 1 });
      expect((await store.get('transactions', txId))?.state).toBe('issued');
      expect((await store.get('policies', h.policy.id))?.terms).toEqual([
        {
          termNumber: 1,
          startTime: '2026-01-01T00:00:00.000Z',
          endTime: '2027-01-01T00:00:00.000Z',
        },
        {
          termNumber: 2,
          startTime: '2027-01-01T00:00:00.000Z',
          endTime: '2028-01-01T00:00:00.000Z',
        },
      ]);
      expect((await store.get('autorenewals', `ar:${h.policy.id}:T1`))?.state).toBe('issued');
      expect(await store.get('autorenewals', `ar:${h.policy.id}:T2`)).toMatchObject({
        state: 'active',
        createTime: '2027-11-02T00:00:00.000Z',
      });
      expect(await store.get('renewals', `ren:policy:${h.policy.id}@2028-01-01`)).toMatchObject({
        status: 'ACTIVE',
        serviceType: 'INSURANCE_POLICY',
      });
      expect((await store.get('renewals', `ren:policy:${h.policy.id}@2027-01-01`))?.status).toBe(
        'COMPLETED',
      );
      expect(summaryLines(issued)).toContain('1 auto-renewal step, 1 policy renewed');
    });

    it('catches up after weeks offline in order, exactly once, and a second run changes nothing', async () => {
      const h = await setUp();
      const { store } = h.ports;
      expect(await h.daily(at('2027-01-05'))).toMatchObject({ fired: 3, created: 1, issued: 1 });
      const tx = await store.get('transactions', `tx:ar:${h.policy.id}:T1:auto`);
      expect(tx?.history.map((x) => x.to)).toEqual(['draft', 'accepted', 'issued']);
      const ar = await store.get('autorenewals', `ar:${h.policy.id}:T1`);
      expect(ar?.pluginLog.map((l) => l.event)).toEqual(['create', 'accept', 'issue']);
      const notified = h.shown.length;

      const before = await snapshot(store);
      expect(await h.daily(at('2027-01-05'))).toEqual({
        checked: 0,
        fired: 0,
        created: 0,
        issued: 0,
        errors: 0,
      });
      await h.daily(at('2027-01-06'));
      expect(await snapshot(store)).toEqual(before);
      expect(h.shown.length).toBe(notified);
    });

    it('Do not renew refuses a manual issue with a clear reason; reactivate lets it through', async () => {
      const h = await setUp([]);
      const arId = `ar:${h.policy.id}:T1`;
      const drafted = valueOf(
        await h.jobs.policies.draftRenewal(h.now, h.policy.id, {
          endDate: '2028-01-01',
          effectiveDate: '',
          type: 'renewal',
        }),
      );
      valueOf(await h.jobs.policies.act(h.now, drafted.id, 'accept'));
      valueOf(await h.jobs.policies.doNotRenew(h.now, arId));
      expect(await h.jobs.policies.issue(h.now, drafted.id)).toEqual({
        ok: false,
        errors: {
          form: 'Policy P-1 is marked Do not renew; reactivate its auto-renewal to issue.',
        },
      });
      valueOf(await h.jobs.policies.reactivate(h.now, arId));
      expect(await h.jobs.policies.issue(h.now, drafted.id)).toEqual({
        ok: true,
        value: 'Issued: term 2 runs to 2028-01-01.',
      });
      expect((await h.ports.store.get('autorenewals', arId))?.state).toBe('issued');
    });

    it('explains a manual renewal that does not go beyond the current end, and renews with a gap', async () => {
      const h = await setUp([]);
      expect(
        await h.jobs.policies.draftRenewal(h.now, h.policy.id, {
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
      const gap = valueOf(
        await h.jobs.policies.draftRenewal(h.now, h.policy.id, {
          endDate: '2028-03-01',
          effectiveDate: '2027-03-01',
          type: 'renewal',
        }),
      );
      valueOf(await h.jobs.policies.act(h.now, gap.id, 'accept'));
      valueOf(await h.jobs.policies.issue(h.now, gap.id));
      expect((await h.ports.store.get('policies', h.policy.id))?.terms[1]).toEqual({
        termNumber: 2,
        startTime: '2027-03-01T00:00:00.000Z',
        endTime: '2028-03-01T00:00:00.000Z',
      });
    });

    it('a manual accept ahead of the trigger still fires the plugin at the trigger, without acting', async () => {
      const h = await setUp();
      await h.daily(at('2026-11-03'));
      const txId = `tx:ar:${h.policy.id}:T1:auto`;
      valueOf(await h.jobs.policies.act(at('2026-11-03', '10:00'), txId, 'accept'));
      await h.daily(at('2026-12-03'));
      const tx = await h.ports.store.get('transactions', txId);
      expect(tx?.history.map((x) => [x.to, x.manual])).toEqual([
        ['draft', false],
        ['accepted', true],
      ]);
      const ar = await h.ports.store.get('autorenewals', `ar:${h.policy.id}:T1`);
      expect(ar?.pluginLog.map((l) => l.event)).toEqual(['create', 'accept']);
    });

    it('edits trigger times in office time and refuses times out of order', async () => {
      const h = await setUp();
      const arId = `ar:${h.policy.id}:T1`;
      expect(
        await h.jobs.policies.editTriggerTimes(h.now, arId, {
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
        (
          await h.jobs.policies.editTriggerTimes(h.now, arId, {
            createTime: '2026-11-10 08:30',
            acceptTime: '2026-12-01',
            issueTime: '',
          })
        ).ok,
      ).toBe(true);
      expect(await h.ports.store.get('autorenewals', arId)).toMatchObject({
        createTime: '2026-11-10T08:30:00.000Z',
        issueTime: null,
      });
    });

    it('refuses to create an auto-renewal without a plan, and a second one on the same term', async () => {
      const h = await setUp();
      expect(await h.jobs.policies.createAutoRenewal(h.now, h.policy.id)).toEqual({
        ok: false,
        errors: {
          form: 'Term 1 of policy P-1 already has an auto-renewal (active); edit that one instead.',
        },
      });
      valueOf(await h.jobs.policies.assignPlan(h.now, h.customerId, null));
      expect((await h.jobs.policies.createAutoRenewal(h.now, h.policy.id)).ok).toBe(false);
    });

    it('refuses an invalid plan with field errors', async () => {
      const h = await setUp();
      const check = await h.jobs.policies.savePlan(h.now, { ...YEARLY, renewalIssueLeadDays: 45 });
      expect(check.ok).toBe(false);
      expect(!check.ok && Object.keys(check.errors)).toEqual(['renewalIssueLeadDays']);
    });

    describe('with a webhook plugin on a real local HTTP server', () => {
      it('applies a successful reply', async () => {
        const hook = await webhookServer((_req, _body, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ renewalTransactionType: 'renewal-with-review' }));
        });
        servers.push(hook);
        const h = await setUp([{ kind: 'webhook', url: hook.url, timeoutMs: 2000 }]);
        await h.daily(at('2026-11-02'));
        expect(JSON.parse(hook.bodies[0]!)).toMatchObject({
          renewalEvent: 'create',
          autoRenewal: { id: `ar:${h.policy.id}:T1` },
        });
        expect(
          await h.ports.store.get('transactions', `tx:ar:${h.policy.id}:T1:auto`),
        ).toMatchObject({ type: 'renewal-with-review' });
        const ar = await h.ports.store.get('autorenewals', `ar:${h.policy.id}:T1`);
        expect(ar?.state).toBe('active');
        expect(ar?.pluginLog[0]?.outcome).toBe('ok: renewalTransactionType=renewal-with-review');
      });

      it('puts the auto-renewal in error when the server is slower than the timeout', async () => {
        const hook = await webhookServer((_req, _body, res) => {
          setTimeout(() => res.end('{}'), 1500);
        });
        servers.push(hook);
        const h = await setUp([{ kind: 'webhook', url: hook.url, timeoutMs: 200 }]);
        expect((await h.daily(at('2026-11-02'))).errors).toBe(1);
        expect(await h.ports.store.get('autorenewals', `ar:${h.policy.id}:T1`)).toMatchObject({
          state: 'error',
          errorReason: `webhook ${hook.url} failed at create: The webhook did not answer before its timeout.`,
          nextTriggerAt: NO_PENDING_TRIGGER,
        });
        expect(await h.ports.store.get('transactions', `tx:ar:${h.policy.id}:T1:auto`)).toBeNull();
      });

      it('puts the auto-renewal in error on a reply that is not JSON', async () => {
        const hook = await webhookServer((_req, _body, res) => res.end('<html>oops</html>'));
        servers.push(hook);
        const h = await setUp([{ kind: 'webhook', url: hook.url, timeoutMs: 2000 }]);
        await h.daily(at('2026-11-02'));
        const ar = await h.ports.store.get('autorenewals', `ar:${h.policy.id}:T1`);
        expect(ar?.state).toBe('error');
        expect(ar?.errorReason).toContain('The webhook answered with a body that is not JSON.');
      });
    });
  });
}
