import { describe, expect, it } from 'vitest';
import { verifyContent } from '../../shared/documents/lifecycle';
import { templateVersion } from '../../shared/documents/template';
import { createJobs, createMemoryStore, inProcessLock } from '../../shared/jobs';
import { COLLECTION_SCHEMAS } from '../../shared/schema/collections';
import { describeProblems, recordValidator } from '../../shared/schema/record-validator';
import {
  crossingsOn,
  DAY1,
  DAY2,
  generateOffice,
  OFFICE_COLLECTIONS,
  SERVICE_TYPES,
  TODAY,
} from './generate';

/** What the generator before permits, documents and policies (264970b) gave at 10k. */
const BEFORE_10K = {
  closed: 810,
  insurance: 1666,
  day2: 92,
  first: [
    ['cus_000539', '2027-08-07', 'INSURANCE_POLICY'],
    ['cus_000206', '2028-01-11', 'DOCUMENT'],
    ['cus_000612', '2027-01-12', 'DOCUMENT'],
  ],
};

describe('generateOffice', () => {
  it('is deterministic and has every service type and status', () => {
    const a = generateOffice({ size: 3000 });
    const b = generateOffice({ size: 3000 });
    expect(a).toEqual(b);
    expect(new Set(a.renewals.map((r) => r.serviceType))).toEqual(new Set(SERVICE_TYPES));
    expect(new Set(a.renewals.map((r) => r.status))).toEqual(
      new Set(['ACTIVE', 'OVERDUE', 'COMPLETED', 'CANCELLED']),
    );
    expect(new Set(a.instances.map((i) => i.status))).toEqual(
      new Set(['required', 'draft', 'submitted', 'completed', 'expired']),
    );
    expect(new Set(a.transactions.map((t) => t.state))).toEqual(
      new Set(['draft', 'accepted', 'issued']),
    );
    expect(new Set(a.policies.map((p) => p.state))).toEqual(new Set(['active', 'cancelled']));
    expect(new Set(a.customers.flatMap((c) => c.permits.map((p) => p.state)))).toEqual(
      new Set(['APPLIED', 'APPROVED', 'ISSUED', 'REJECTED', 'EXPIRED']),
    );
  });

  it('keeps the office renewals as they were before documents and policies were added', () => {
    const { renewals } = generateOffice({ size: 10_000 });
    const own = renewals.filter((r) => r.id.startsWith('ren_'));
    expect(own).toHaveLength(10_000);
    expect(renewals.slice(0, 10_000)).toEqual(own);
    // Figures of the generator before (commit 264970b) at 10k: the refresh suite stays comparable.
    const count = (f: (r: (typeof own)[number]) => boolean) => own.filter(f).length;
    expect(count((r) => r.status === 'COMPLETED' || r.status === 'CANCELLED')).toBe(
      BEFORE_10K.closed,
    );
    expect(count((r) => r.serviceType === 'INSURANCE_POLICY')).toBe(BEFORE_10K.insurance);
    expect(crossingsOn(DAY2, own)).toHaveLength(BEFORE_10K.day2);
    expect(own.slice(0, 3).map((r) => [r.customerId, r.dueDate, r.serviceType])).toEqual(
      BEFORE_10K.first,
    );
  });

  it('has proportions of a small agency', () => {
    const office = generateOffice({ size: 10_000 });
    expect(office.customers).toHaveLength(2000);
    expect(office.policies).toHaveLength(500);
    expect(office.workers).toHaveLength(40);
    const signed = office.instances.filter((i) => i.status === 'completed');
    const perWorker = signed.length / office.workers.length;
    expect(perWorker).toBeGreaterThanOrEqual(1);
    expect(perWorker).toBeLessThanOrEqual(3);
    expect(office.autorenewals.length).toBeGreaterThan(0);
    // The counts the Chromium bench page seeds at 10k (no engine-dependent draws, e.g. sort).
    expect(office.renewals).toHaveLength(11_081);
    expect(office.instances).toHaveLength(121);
  });

  it('fits the real schemas, links only to records that exist, and signs verifiably', () => {
    const office = generateOffice({ size: 3000 });
    for (const collection of OFFICE_COLLECTIONS) {
      const validate = recordValidator(COLLECTION_SCHEMAS[collection]);
      const ids = new Set<string>();
      for (const record of office[collection]) {
        const problems = validate(record);
        if (problems.length > 0)
          throw new Error(`${collection} ${record.id}: ${describeProblems(problems, 10)}`);
        expect(ids.has(record.id), `${collection} ${record.id} twice`).toBe(false);
        ids.add(record.id);
      }
    }
    const byId = <T extends { id: string }>(records: readonly T[]) =>
      new Map(records.map((r) => [r.id, r]));
    const customers = byId(office.customers);
    const workers = byId(office.workers);
    const policies = byId(office.policies);
    const instances = byId(office.instances);
    const templates = byId(office.templates);
    const permits = new Map(
      office.customers.flatMap((c) => c.permits.map((p) => [p.id, { customer: c, permit: p }])),
    );
    for (const r of office.renewals) {
      // A document's renewal belongs to its worker (renewalForDocument), the rest to a customer.
      if (r.documentId) {
        const instance = instances.get(r.documentId);
        expect(instance, `${r.id} documentId`).toBeDefined();
        expect(r.customerId).toBe(instance!.workerId);
        expect(workers.has(r.customerId), `${r.id} worker`).toBe(true);
        expect(r.dueDate).toBe(instance!.expiresOn);
      } else expect(customers.has(r.customerId), `${r.id} customerId`).toBe(true);
      if (r.permitId) {
        const found = permits.get(r.permitId);
        expect(found, `${r.id} permitId`).toBeDefined();
        expect(found!.customer.id).toBe(r.customerId);
        expect(found!.permit.expiresOn).toBe(r.dueDate);
      }
      if (r.policyId)
        expect(policies.get(r.policyId)?.customerId, `${r.id} policyId`).toBe(r.customerId);
    }
    for (const p of office.policies) expect(customers.has(p.customerId)).toBe(true);
    for (const t of office.transactions) expect(policies.has(t.policyId)).toBe(true);
    for (const a of office.autorenewals) expect(policies.has(a.policyId)).toBe(true);
    for (const i of office.instances) {
      expect(workers.has(i.workerId)).toBe(true);
      const template = templates.get(i.templateId);
      expect(template).toBeDefined();
      if (i.previousInstanceId) expect(instances.has(i.previousInstanceId)).toBe(true);
      if (i.contentHash)
        expect(verifyContent(i, templateVersion(template!, i.templateVersion)!)).toBe(true);
    }
    // Every policy has its latest term's queue renewal; every signed, expiring document its own.
    const renewalIds = new Set(office.renewals.map((r) => r.id));
    for (const p of office.policies) {
      const end = p.terms.at(-1)!.endTime.slice(0, 10);
      expect(renewalIds.has(`ren:policy:${p.id}@${end}`), p.id).toBe(true);
    }
    for (const i of office.instances)
      if (i.expiresOn && (i.status === 'completed' || i.status === 'expired'))
        expect(renewalIds.has(`ren:doc:${i.id}@${i.expiresOn}`), i.id).toBe(true);
  });

  it('has no crossings on DAY1 and about 1% on DAY2 once refreshed', () => {
    const { renewals } = generateOffice({ size: 5000, state: 'refreshed' });
    expect(crossingsOn(DAY1, renewals)).toHaveLength(0);
    const share = crossingsOn(DAY2, renewals).length / renewals.length;
    expect(share).toBeGreaterThan(0.005);
    expect(share).toBeLessThan(0.02);
  });

  it('unstaged renewals have no stage yet', () => {
    const { renewals } = generateOffice({ size: 500, state: 'unstaged' });
    expect(renewals.every((r) => r.stage === null)).toBe(true);
  });

  it('the real daily run over it reports no problems, and DAY1 changes nothing', async () => {
    const office = generateOffice({ size: 3000 });
    const store = createMemoryStore();
    for (const collection of OFFICE_COLLECTIONS) {
      const { existing } = await store.insert(collection, office[collection] as never[]);
      expect(existing).toHaveLength(0);
    }
    const jobs = createJobs({
      store,
      effects: {
        show: async () => undefined,
        postWebhook: async () => ({ error: 'no webhooks in the benchmark' }),
      },
      newId: (prefix) => `${prefix}_${Math.random().toString(36).slice(2)}`,
      lock: inProcessLock(),
      defaultTimeZone: 'UTC',
    });
    const run = (day: string) => jobs.runDaily({ reason: 'daily', at: `${day}T07:00:00.000Z` });
    const today = await run(TODAY);
    expect(today.problems).toEqual([]);
    expect(today.renewals.updated).toBe(0);
    expect(today.documents).toMatchObject({ archived: 0, created: 0, renewals: 0 });
    expect(today.policies).toMatchObject({ fired: 0, errors: 0 });
    const day1 = await run(DAY1);
    expect(day1.problems).toEqual([]);
    expect(day1.renewals.updated).toBe(0);
    // Today's run escalated the renewals overdue for two days or more; DAY1 escalates none, so
    // it writes nothing at all.
    const escalated = await store.find('events', { selector: { type: 'RENEWAL_ESCALATED' } });
    expect(escalated.length).toBeGreaterThan(0);
    expect(escalated.filter((e) => e.occurredOn === DAY1)).toEqual([]);
    expect(day1.notified).toBe(0);
    expect(day1.documents).toMatchObject({ archived: 0, created: 0, notified: 0, renewals: 0 });
    expect(day1.policies).toMatchObject({ checked: 0, fired: 0 });
    const day2 = await run(DAY2);
    expect(day2.problems).toEqual([]);
    expect(day2.renewals.updated).toBe(crossingsOn(DAY2, office.renewals).length);
    expect(day2.documents).toMatchObject({ archived: 0, created: 0, notified: 0 });
    expect(day2.policies).toMatchObject({ checked: 0, fired: 0 });
  }, 60_000);
});
