import { describe, expect, it } from 'vitest';
import type { Notice } from '../notice.js';
import { integrityViolations } from './invariants.test-support.js';
import { testJobs } from './jobs.test-support.js';
import { createMemoryStore, type MemoryStore } from './memory-store.js';
import { cloneStore, pausingStore, refusingStore } from './store-wrappers.test-support.js';
import { COLLECTION_NAMES } from './store.js';

const at = (date: string, time = '09:00') => `${date}T${time}:00.000Z`;
const daily = (date: string) => ({ reason: 'daily' as const, at: at(date) });

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: unknown }): V {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** An office with renewals that cross thresholds on 2026-03-08, and an auto-renewing policy. */
async function busyOffice() {
  const store = createMemoryStore();
  const { jobs } = testJobs(store, { idPrefix: 'setup' });
  valueOf(
    await jobs.policies.savePlan(at('2026-01-05'), {
      id: 'yearly',
      name: 'Yearly',
      renewalCreateLeadDays: 300,
      renewalAcceptLeadDays: 299,
      renewalIssueLeadDays: 298,
      generateAutoRenewals: true,
      newTermDurationMonths: 12,
      plugins: ['renewal-notice'],
    }),
  );
  const customer = valueOf(
    await jobs.renewals.createCustomer(at('2026-01-05'), { name: 'Acme', assigneeId: 'me' }),
  );
  valueOf(await jobs.policies.assignPlan(at('2026-01-05'), customer.id, 'yearly'));
  valueOf(
    await jobs.policies.createPolicy(at('2026-01-05'), customer.id, {
      number: 'P-1',
      productName: 'Fleet',
      startDate: '2026-01-01',
      endDate: '2027-01-01',
      assigneeId: 'me',
    }),
  );
  for (const dueDate of ['2026-03-15', '2026-04-07', '2026-06-06', '2026-03-05'])
    valueOf(
      await jobs.renewals.createRenewal(at('2026-03-01'), customer.id, {
        serviceType: 'WORK_PERMIT',
        dueDate,
        assigneeId: 'me',
      }),
    );
  return store;
}

/** Everything a device would see, without the device-local ledger's delivery times. */
function records(store: MemoryStore) {
  return Object.fromEntries(
    COLLECTION_NAMES.map((name) => [
      name,
      store
        .all(name)
        .map((record) => (name === 'notifications' ? { ...record, deliveredAt: 'any' } : record)),
    ]),
  );
}

describe('two runners on one store', () => {
  it('end as one run would, each notice shown once', async () => {
    const base = await busyOffice();
    const alone = await cloneStore(base);
    await testJobs(alone).jobs.runDaily(daily('2026-03-08'));

    const shared = await cloneStore(base);
    const shown: Notice[] = [];
    // Two devices: separate runners and locks, one database, the same tick.
    const [a, b] = [
      testJobs(shared, { idPrefix: 'a', shown }),
      testJobs(shared, { idPrefix: 'b', shown }),
    ];
    await Promise.all([a.jobs.runDaily(daily('2026-03-08')), b.jobs.runDaily(daily('2026-03-08'))]);
    expect(records(shared)).toEqual(records(alone));
    expect(integrityViolations(shared, shown)).toEqual([]);
    expect(shown.length).toBeGreaterThan(0);
  });

  it('never overlap when they share a lock', async () => {
    const store = await busyOffice();
    const { jobs } = testJobs(store);
    const order: string[] = [];
    const run = (tag: string) =>
      jobs.runDaily(daily('2026-03-08')).then((s) => order.push(`${tag}:${s.renewals.events}`));
    await Promise.all([run('first'), run('second')]);
    // The second waits for the first, then finds nothing left to do.
    expect(order).toEqual(['first:4', 'second:0']);
  });
});

describe('a person working while the daily run writes', () => {
  it('keeps a completion made after the refresh read the renewal', async () => {
    const store = await busyOffice();
    const renewal = store.all('renewals').find((r) => r.dueDate === '2026-03-15')!;
    const person = testJobs(store, { idPrefix: 'person' });
    // The refresh reads the renewals due today; the person completes one before it writes.
    const paused = pausingStore(
      store,
      (collection, how) => collection === 'renewals' && how === 'find',
      async () => {
        valueOf(await person.jobs.renewals.completeRenewal(at('2026-03-08', '09:01'), renewal.id));
      },
    );
    const summary = await testJobs(paused, { idPrefix: 'run' }).jobs.runDaily(daily('2026-03-08'));
    expect(await store.get('renewals', renewal.id)).toMatchObject({
      status: 'COMPLETED',
      completedAt: at('2026-03-08', '09:01'),
    });
    expect(integrityViolations(store, [])).toEqual([]);
    expect(summary.renewals.updated).toBe(3);
  });
});

describe('a record the store refuses', () => {
  it('is reported as a problem and the rest of the run completes', async () => {
    const store = await busyOffice();
    const bad = store.all('renewals').find((r) => r.dueDate === '2026-04-07')!;
    const { jobs, shown } = testJobs(refusingStore(store, bad.id));
    const summary = await jobs.runDaily(daily('2026-03-08'));
    expect(summary.problems).toEqual([
      expect.objectContaining({
        title: `NoLapse skipped renewal ${bad.id}`,
        route: `/renewals/${bad.id}`,
      }),
    ]);
    expect(summary.problems[0]!.body).toContain(`The database refused record ${bad.id}.`);
    expect(
      store.all('renewals').filter((r) => r.stage === 'T7' || r.stage === 'OVERDUE'),
    ).toHaveLength(2);
    expect((await store.get('renewals', bad.id))?.stage).toBe(bad.stage);
    expect(shown.map((n) => n.title)).toContain(`NoLapse skipped renewal ${bad.id}`);
    // Documents and policies still ran: the auto-renewal created its renewal.
    expect(summary.policies.fired).toBeGreaterThan(0);
  });

  it('that cannot even be planned is skipped without stopping the others', async () => {
    const store = await busyOffice();
    const broken = { ...store.all('renewals')[0]!, id: 'ren_broken', dueDate: '2026-02-30' };
    await store.insert('renewals', [{ ...broken, nextStageOn: '2026-01-01' }]);
    const summary = await testJobs(store).jobs.runDaily(daily('2026-03-08'));
    expect(summary.problems.map((p) => p.title)).toEqual(['NoLapse skipped renewal ren_broken']);
    expect(summary.renewals.events).toBe(4);
  });
});

describe('an interrupted operation whose record changed before the next run', () => {
  it('is not forced: the change stays and a problem says what to check', async () => {
    const store = await busyOffice();
    const renewal = store.all('renewals').find((r) => r.dueDate === '2026-06-06')!;
    const moved = { ...renewal, notes: 'Changed on another device', updatedAt: at('2026-03-02') };
    await store.journal.begin({
      id: 'job_left',
      label: 'Complete renewal',
      at: at('2026-03-01'),
      writes: [
        {
          op: 'update',
          collection: 'renewals',
          before: renewal,
          after: { ...renewal, status: 'COMPLETED' },
        },
      ],
    });
    await store.update('renewals', [{ before: renewal, after: moved }]);
    const summary = await testJobs(store).jobs.runDaily(daily('2026-03-08'));
    expect(summary.finished).toBe(1);
    expect(summary.problems[0]).toMatchObject({ title: 'Could not finish “Complete renewal”' });
    expect((await store.get('renewals', renewal.id))?.notes).toBe('Changed on another device');
    expect(await store.journal.pending()).toEqual([]);
  });
});
