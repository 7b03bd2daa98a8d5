import { describe, expect, it } from 'vitest';
import type { Notice } from '../notice.js';
import type { AutoRenewalPlan } from '../policies/model.js';
import { integrityViolations } from './invariants.test-support.js';
import { testJobs } from './jobs.test-support.js';
import { createMemoryStore, type MemoryStore } from './memory-store.js';
import { cloneStore, crashingStore } from './store-wrappers.test-support.js';
import type { Jobs } from './runner.js';

const SIGNATURE = 'data:image/png;base64,iVBORw0KGgo=';
const at = (date: string, time = '09:00') => `${date}T${time}:00.000Z`;
const daily = (date: string) => ({ reason: 'daily' as const, at: at(date) });

const PLAN: AutoRenewalPlan = {
  id: 'yearly',
  name: 'Yearly',
  renewalCreateLeadDays: 60,
  renewalAcceptLeadDays: 30,
  renewalIssueLeadDays: 7,
  generateAutoRenewals: true,
  newTermDurationMonths: 12,
  plugins: ['renewal-notice'],
};

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: unknown }): V {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** An operation to interrupt, on an office prepared for it; `when` is the normal run after. */
type Scenario = {
  name: string;
  prepare(jobs: Jobs, store: MemoryStore): Promise<(jobs: Jobs) => Promise<unknown>>;
  when: string;
  /** What this operation must leave whole when it got far enough to count, beyond the invariants. */
  verify?(store: MemoryStore): string[];
};

async function officeWithCustomer(jobs: Jobs) {
  valueOf(await jobs.policies.savePlan(at('2026-01-05'), PLAN));
  const customer = valueOf(
    await jobs.renewals.createCustomer(at('2026-01-05'), { name: 'Acme Ltd', assigneeId: 'me' }),
  );
  return customer.id;
}

async function policyWithPlan(jobs: Jobs, customerId: string) {
  valueOf(await jobs.policies.assignPlan(at('2026-01-05'), customerId, 'yearly'));
  return valueOf(
    await jobs.policies.createPolicy(at('2026-01-05'), customerId, {
      number: 'P-1',
      productName: 'Commercial auto',
      startDate: '2026-01-01',
      endDate: '2027-01-01',
      assigneeId: 'me',
    }),
  );
}

async function signedDocument(jobs: Jobs, when: string) {
  const worker = valueOf(
    await jobs.documents.createWorker(when, {
      fullName: 'Maria Lopez',
      email: '',
      phone: '',
      address: '1 Old Street',
      taxId: '',
    }),
  );
  const { template } = valueOf(
    await jobs.documents.createTemplate(when, {
      name: 'NDA',
      fields: [
        { key: 'name', label: 'Name', type: 'text', required: true, profileKey: 'fullName' },
      ],
      body: 'I, {{name}}, keep secrets.',
      renewalModel: { kind: 'signature', renewalDurationMonths: 3 },
      gracePeriodDays: 7,
      blocking: true,
    }),
  );
  const [assigned] = valueOf(await jobs.documents.assign(when, template.id, [worker.id]));
  const opened = valueOf(await jobs.documents.open(when, assigned!.instanceId!));
  return valueOf(
    await jobs.documents.sign(when, opened.id, {
      data: opened.data,
      signatureName: 'Maria Lopez',
      signatureImage: SIGNATURE,
    }),
  );
}

/** A one-time background check consent Maria signed on `when`. */
async function signedOneTime(jobs: Jobs, when: string) {
  const worker = valueOf(
    await jobs.documents.createWorker(when, {
      fullName: 'Maria Lopez',
      email: '',
      phone: '',
      address: '',
      taxId: '',
    }),
  );
  const { template } = valueOf(
    await jobs.documents.createTemplate(when, {
      name: 'Background check consent',
      fields: [
        { key: 'name', label: 'Name', type: 'text', required: true, profileKey: 'fullName' },
      ],
      body: 'I, {{name}}, consent.',
      renewalModel: { kind: 'none' },
    }),
  );
  const [assigned] = valueOf(await jobs.documents.assign(when, template.id, [worker.id]));
  const opened = valueOf(await jobs.documents.open(when, assigned!.instanceId!));
  valueOf(
    await jobs.documents.sign(when, opened.id, {
      data: opened.data,
      signatureName: 'Maria Lopez',
      signatureImage: SIGNATURE,
    }),
  );
  return { workerId: worker.id, templateId: template.id };
}

/** The worker opens a document and signs it as filled in. */
async function openAndSign(jobs: Jobs, when: string, instanceId: string) {
  const opened = valueOf(await jobs.documents.open(when, instanceId));
  return jobs.documents.sign(when, instanceId, {
    data: opened.data,
    signatureName: 'Maria Lopez',
    signatureImage: SIGNATURE,
  });
}

const scenarios: Scenario[] = [
  {
    name: 'a crossing-day refresh',
    when: '2026-03-08',
    async prepare(jobs) {
      const customerId = await officeWithCustomer(jobs);
      for (const dueDate of ['2026-03-15', '2026-04-07', '2026-06-06', '2026-03-05'])
        valueOf(
          await jobs.renewals.createRenewal(at('2026-03-01'), customerId, {
            serviceType: 'WORK_PERMIT',
            dueDate,
            assigneeId: 'me',
          }),
        );
      return (j) => j.runDaily(daily('2026-03-08'));
    },
  },
  {
    name: 'a completion with recurrence',
    when: '2026-03-08',
    async prepare(jobs, store) {
      const customerId = await officeWithCustomer(jobs);
      valueOf(
        await jobs.renewals.createRenewal(at('2026-03-01'), customerId, {
          serviceType: 'INSURANCE_POLICY',
          dueDate: '2026-03-15',
          assigneeId: 'me',
          recurrence: 'FREQ=YEARLY',
        }),
      );
      await jobs.runDaily(daily('2026-03-08'));
      const [renewal] = store.all('renewals');
      expect(store.all('tasks').filter((t) => t.status === 'OPEN')).toHaveLength(2);
      return (j) => j.renewals.completeRenewal(at('2026-03-08', '10:00'), renewal!.id);
    },
  },
  {
    name: 'a completion into a new permit',
    when: '2026-03-10',
    async prepare(jobs, store) {
      const customerId = await officeWithCustomer(jobs);
      valueOf(
        await jobs.renewals.addPermit(at('2026-03-01'), customerId, {
          kind: 'WORK_PERMIT',
          number: 'WP-1',
          state: 'ISSUED',
          expiresOn: '2026-03-20',
        }),
      );
      const [renewal] = store.all('renewals');
      return (j) =>
        j.renewals.completeRenewal(at('2026-03-10'), renewal!.id, {
          kind: 'permit',
          number: 'WP-2',
          expiresOn: '2028-03-20',
        });
    },
  },
  {
    name: 'a renewal handed to someone else',
    when: '2026-03-10',
    async prepare(jobs, store) {
      const customerId = await officeWithCustomer(jobs);
      valueOf(
        await jobs.settings.saveOffice(at('2026-03-01'), {
          officeName: 'Ikamet',
          timeZone: 'UTC',
          dailyRefreshTime: '07:00',
          staff: [
            { id: 'me', name: 'Ayşe' },
            { id: 'mehmet', name: 'Mehmet' },
          ],
        }),
      );
      valueOf(
        await jobs.renewals.createRenewal(at('2026-03-10'), customerId, {
          serviceType: 'WORK_PERMIT',
          dueDate: '2026-03-15',
          assigneeId: 'me',
        }),
      );
      const [renewal] = store.all('renewals');
      return (j) =>
        j.renewals.reassignRenewal(at('2026-03-10', '10:00'), renewal!.id, {
          assigneeId: 'mehmet',
          note: 'On leave',
        });
    },
    // Once the renewal changed hands, its open tasks did too: never half a reassignment.
    verify: (store) => {
      const [renewal] = store.all('renewals');
      return store
        .all('tasks')
        .filter((t) => t.status === 'OPEN' && t.assigneeId !== renewal!.assigneeId)
        .map((t) => `task ${t.id} stayed with ${t.assigneeId}`);
    },
  },
  {
    name: 'a renewal cancelled by hand',
    when: '2026-03-11',
    async prepare(jobs, store) {
      const customerId = await officeWithCustomer(jobs);
      valueOf(
        await jobs.renewals.createRenewal(at('2026-03-10'), customerId, {
          serviceType: 'WORK_PERMIT',
          dueDate: '2026-03-15',
          assigneeId: 'me',
        }),
      );
      const [renewal] = store.all('renewals');
      return (j) => j.renewals.cancelRenewal(at('2026-03-11', '10:00'), renewal!.id);
    },
    // A cancelled renewal has its event on the timeline and no open task left.
    verify: (store) => {
      const cancelled = store.all('renewals').filter((r) => r.status === 'CANCELLED');
      return cancelled.flatMap((r) => [
        ...(store.all('events').some((e) => e.subjectId === r.id && e.type === 'RENEWAL_CANCELLED')
          ? []
          : [`renewal ${r.id} cancelled without its event`]),
        ...store
          .all('tasks')
          .filter((t) => t.renewalId === r.id && t.status === 'OPEN')
          .map((t) => `task ${t.id} left open on cancelled ${r.id}`),
      ]);
    },
  },
  {
    name: 'a renewal snoozed',
    when: '2026-03-01',
    async prepare(jobs, store) {
      const customerId = await officeWithCustomer(jobs);
      valueOf(
        await jobs.renewals.createRenewal(at('2026-02-13'), customerId, {
          serviceType: 'WORK_PERMIT',
          dueDate: '2026-03-15',
          assigneeId: 'me',
        }),
      );
      const [renewal] = store.all('renewals');
      return (j) => j.renewals.snooze(at('2026-02-20'), renewal!.id, { until: '2026-03-06' });
    },
    // A snoozed renewal has its event, and wakes the refresh no later than the snooze's end.
    verify: (store) =>
      store
        .all('renewals')
        .filter((r) => r.snoozedUntil)
        .flatMap((r) => [
          ...(store.all('events').some((e) => e.subjectId === r.id && e.type === 'RENEWAL_SNOOZED')
            ? []
            : [`renewal ${r.id} snoozed without its event`]),
          ...(r.nextStageOn > r.snoozedUntil!
            ? [`renewal ${r.id} sleeps past its snooze (${r.nextStageOn})`]
            : []),
        ]),
  },
  {
    name: 'a renewal marked in progress',
    when: '2026-03-08',
    async prepare(jobs, store) {
      const customerId = await officeWithCustomer(jobs);
      valueOf(
        await jobs.renewals.createRenewal(at('2026-03-01'), customerId, {
          serviceType: 'WORK_PERMIT',
          dueDate: '2026-03-15',
          assigneeId: 'me',
        }),
      );
      const [renewal] = store.all('renewals');
      return (j) =>
        j.renewals.markInProgress(at('2026-03-02'), renewal!.id, { note: 'Application filed' });
    },
    verify: (store) =>
      store
        .all('renewals')
        .filter((r) => r.inProgressSince)
        .flatMap((r) =>
          store.all('events').some((e) => e.subjectId === r.id && e.type === 'RENEWAL_IN_PROGRESS')
            ? []
            : [`renewal ${r.id} in progress without its event`],
        ),
  },
  {
    name: 'a permit approval',
    when: '2026-03-01',
    async prepare(jobs) {
      const customerId = await officeWithCustomer(jobs);
      const permit = valueOf(
        await jobs.renewals.addPermit(at('2026-03-01'), customerId, {
          kind: 'RESIDENCE_PERMIT',
          number: 'RP-1',
          state: 'APPLIED',
          expiresOn: '2026-03-20',
        }),
      );
      return (j) =>
        j.renewals.setPermitState(at('2026-03-01', '10:00'), customerId, permit.id, 'APPROVED');
    },
  },
  {
    name: 'a policy creation',
    when: '2026-12-01',
    async prepare(jobs) {
      const customerId = await officeWithCustomer(jobs);
      valueOf(await jobs.policies.assignPlan(at('2026-01-05'), customerId, 'yearly'));
      return (j) =>
        j.policies.createPolicy(at('2026-12-01'), customerId, {
          number: 'P-9',
          productName: 'Home',
          startDate: '2026-01-01',
          endDate: '2026-12-20',
          assigneeId: 'me',
        });
    },
  },
  {
    name: 'a manual issue',
    when: '2026-12-03',
    async prepare(jobs, store) {
      const customerId = await officeWithCustomer(jobs);
      await policyWithPlan(jobs, customerId);
      await jobs.runDaily(daily('2026-12-03'));
      const [tx] = store.all('transactions');
      expect(tx?.state).toBe('accepted');
      return (j) => j.policies.issue(at('2026-12-03', '10:00'), tx!.id);
    },
  },
  {
    name: 'an auto-renewal issue',
    when: '2026-12-25',
    async prepare(jobs) {
      const customerId = await officeWithCustomer(jobs);
      await policyWithPlan(jobs, customerId);
      await jobs.runDaily(daily('2026-12-03'));
      return (j) => j.runDaily(daily('2026-12-25'));
    },
  },
  {
    name: 'a policy cancellation with a managed renewal and an open queue renewal',
    when: '2026-12-18',
    async prepare(jobs, store) {
      const customerId = await officeWithCustomer(jobs);
      const policy = await policyWithPlan(jobs, customerId);
      await jobs.runDaily(daily('2026-12-18'));
      expect(store.all('transactions')[0]?.state).toBe('accepted');
      expect(store.all('tasks').filter((t) => t.status === 'OPEN')).toHaveLength(1);
      return (j) =>
        j.policies.cancelPolicy(at('2026-12-18', '10:00'), policy.id, {
          effectiveDate: '2026-12-20',
        });
    },
  },
  {
    name: 'a reinstatement that reopens the queue renewal',
    when: '2026-12-22',
    async prepare(jobs) {
      const customerId = await officeWithCustomer(jobs);
      const policy = await policyWithPlan(jobs, customerId);
      await jobs.runDaily(daily('2026-12-18'));
      valueOf(
        await jobs.policies.cancelPolicy(at('2026-12-18', '10:00'), policy.id, {
          effectiveDate: '2026-12-20',
        }),
      );
      return (j) => j.policies.reinstatePolicy(at('2026-12-22'), policy.id);
    },
  },
  {
    name: 'a plan assignment that adds auto-renewals to existing policies',
    when: '2026-06-01',
    async prepare(jobs) {
      const customerId = await officeWithCustomer(jobs);
      for (const number of ['P-1', 'P-2'])
        valueOf(
          await jobs.policies.createPolicy(at('2026-01-05'), customerId, {
            number,
            productName: 'Home',
            startDate: '2026-01-01',
            endDate: '2027-01-01',
            assigneeId: 'me',
          }),
        );
      return (j) => j.policies.assignPlan(at('2026-06-01'), customerId, 'yearly');
    },
  },
  {
    name: 'a signing that renews an expired document',
    when: '2026-05-20',
    async prepare(jobs, store) {
      const first = await signedDocument(jobs, at('2026-02-15'));
      await jobs.runDaily(daily('2026-05-15'));
      const renewal = store.all('instances').find((i) => i.previousInstanceId === first.id)!;
      const opened = valueOf(await jobs.documents.open(at('2026-05-20'), renewal.id));
      return (j) =>
        j.documents.sign(at('2026-05-20', '10:00'), opened.id, {
          data: opened.data,
          signatureName: 'Maria Lopez',
          signatureImage: SIGNATURE,
        });
    },
  },
  {
    name: 'a first signing, submitted then completed',
    when: '2026-02-16',
    async prepare(jobs, store) {
      await signedDocument(jobs, at('2026-02-15'));
      const { workerId, templateId } = await signedOneTime(jobs, at('2026-02-15'));
      const other = valueOf(
        await jobs.documents.createTemplate(at('2026-02-15'), {
          name: 'Safety training',
          renewalModel: { kind: 'signature', renewalDurationMonths: 12 },
        }),
      );
      const [assigned] = valueOf(
        await jobs.documents.assign(at('2026-02-15'), other.template.id, [workerId]),
      );
      expect(store.all('instances').filter((i) => i.templateId === templateId)).toHaveLength(1);
      return (j) => openAndSign(j, at('2026-02-16'), assigned!.instanceId!);
    },
  },
  {
    name: 'a confirmed re-issue of a one-time document and its signing',
    when: '2026-06-01',
    async prepare(jobs) {
      const { workerId, templateId } = await signedOneTime(jobs, at('2026-02-15'));
      return async (j) => {
        const [reissued] = valueOf(
          await j.documents.assign(at('2026-06-01'), templateId, [workerId], { reissue: true }),
        );
        return openAndSign(j, at('2026-06-01', '10:00'), reissued!.instanceId!);
      };
    },
  },
  {
    name: 'an early renewal and its signing, then the expiry',
    when: '2026-05-15',
    async prepare(jobs) {
      const first = await signedDocument(jobs, at('2026-02-15'));
      return async (j) => {
        const renewal = valueOf(await j.documents.renewEarly(at('2026-04-20'), first.id));
        return openAndSign(j, at('2026-04-20', '10:00'), renewal.id);
      };
    },
  },
  {
    name: 'a document expiry sweep',
    when: '2026-05-15',
    async prepare(jobs) {
      await signedDocument(jobs, at('2026-02-15'));
      return (j) => j.runDaily(daily('2026-05-15'));
    },
  },
];

describe('an interruption at any write', () => {
  it.each(scenarios)('during $name is finished by the next run', async (scenario) => {
    const base = createMemoryStore();
    const op = await scenario.prepare(testJobs(base, { idPrefix: 'base' }).jobs, base);
    let writesWithoutCrash = 0;
    for (let crashAt = 1; ; crashAt++) {
      const store = await cloneStore(base);
      const shown: Notice[] = [];
      const crash = crashingStore(store, crashAt);
      await op(testJobs(crash.store, { idPrefix: 'crash', shown }).jobs).catch(() => undefined);
      if (!crash.crashed()) {
        writesWithoutCrash = crash.writes();
        break;
      }
      // The process restarts on the same data, and the scheduler ticks.
      await testJobs(store, { idPrefix: 'next', shown }).jobs.runDaily(daily(scenario.when));
      expect({
        crashAt,
        violations: [...integrityViolations(store, shown), ...(scenario.verify?.(store) ?? [])],
      }).toEqual({
        crashAt,
        violations: [],
      });
      expect(await store.journal.pending()).toEqual([]);
    }
    expect(writesWithoutCrash).toBeGreaterThanOrEqual(3);
  });
});
