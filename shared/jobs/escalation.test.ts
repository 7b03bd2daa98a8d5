import { describe, expect, it } from 'vitest';
import type { OfficeSettings } from '../office.js';
import type { Renewal } from '../schema/renewal.js';
import { addDays } from '../time/index.js';
import { testJobs, tickAt } from './jobs.test-support.js';
import { createMemoryStore } from './memory-store.js';
import type { StorePort } from './store.js';

const at = (date: string, time = '09:00') => `${date}T${time}:00.000Z`;

const office = (escalateAfterDays: number): OfficeSettings => ({
  officeName: 'Ikamet',
  timeZone: 'UTC',
  dailyRefreshTime: '07:00',
  staff: [
    { id: 'ayse', name: 'Ayşe' },
    { id: 'selin', name: 'Selin', supervisor: true },
  ],
  escalateAfterDays,
});

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: unknown }): V {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** A deterministic stream of numbers in [0, 1), so a failing office can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Counts the renewals each call hands back, so a test can say how much a run read. */
function counting(store: StorePort) {
  const read = { renewals: 0 };
  const wrapped: StorePort = {
    ...store,
    async find(collection, query) {
      const found = await store.find(collection, query);
      if (collection === 'renewals') read.renewals += found.length;
      return found;
    },
    async getMany(collection, ids) {
      const found = await store.getMany(collection, ids);
      if (collection === 'renewals') read.renewals += found.length;
      return found;
    },
  };
  return { store: wrapped, read };
}

/**
 * An office escalating after three days with one customer, Elif Kaya; returns how to add her a
 * work-permit renewal (created on `day`, due `dueDate`).
 */
async function elifsOffice(h: ReturnType<typeof testJobs>) {
  valueOf(await h.jobs.settings.saveOffice(at('2026-01-01'), office(3)));
  const customer = valueOf(
    await h.jobs.renewals.createCustomer(at('2026-01-01'), {
      name: 'Elif Kaya',
      assigneeId: 'ayse',
    }),
  );
  return async (day: string, dueDate: string): Promise<Renewal> =>
    valueOf(
      await h.jobs.renewals.createRenewal(at(day), customer.id, {
        serviceType: 'WORK_PERMIT',
        dueDate,
        assigneeId: 'ayse',
      }),
    );
}

/**
 * Two months of an office where people snooze, mark in progress, clear and complete renewals,
 * add late ones and change the escalation days, on a store with a change feed and on one
 * without. `actions` is what happens each morning.
 */
async function simulate(store: StorePort, seed: number) {
  const next = random(seed);
  const h = testJobs(store);
  const workPermit = await elifsOffice(h);
  const renewals: Renewal[] = [];
  const add = async (day: string, dueDate: string) => renewals.push(await workPermit(day, dueDate));
  for (let i = 0; i < 40; i++)
    await add('2026-03-01', addDays('2026-03-01', Math.floor(next() * 50) - 10));

  let day = '2026-03-01';
  for (let d = 0; d < 60; d++, day = addDays(day, 1)) {
    const pick = () => renewals[Math.floor(next() * renewals.length)]!;
    const roll = next();
    const when = at(day, '08:00');
    if (roll < 0.15)
      await h.jobs.renewals.snooze(when, pick().id, {
        until: addDays(day, 1 + Math.floor(next() * 10)),
      });
    else if (roll < 0.3)
      await h.jobs.renewals.markInProgress(when, pick().id, { note: 'Filed', by: 'ayse' });
    else if (roll < 0.45) await h.jobs.renewals.clearInProgress(when, pick().id);
    else if (roll < 0.5) await h.jobs.renewals.clearSnooze(when, pick().id);
    else if (roll < 0.55) await h.jobs.renewals.completeRenewal(when, pick().id);
    // Learned late: entered already overdue.
    else if (roll < 0.65) await add(day, addDays(day, -Math.floor(next() * 20)));
    if (d === 30) valueOf(await h.jobs.settings.saveOffice(when, office(5)));
    if (d === 45) valueOf(await h.jobs.settings.saveOffice(when, office(2)));
    // Some days the office is closed: the next run catches up.
    if (next() < 0.2) continue;
    await h.jobs.runDaily(tickAt(day));
  }
  const escalations = await store.find('events', { selector: { type: 'RENEWAL_ESCALATED' } });
  return escalations.map((e) => `${e.id} ${e.occurredOn}`).sort();
}

describe('escalation on a change feed', () => {
  it('escalates exactly what a full scan every day escalates, on the same day, over two busy months', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const withFeed = await simulate(createMemoryStore({ changes: true }), seed);
      const scanning = await simulate(createMemoryStore(), seed);
      expect(withFeed.length).toBeGreaterThan(5);
      expect(withFeed).toEqual(scanning);
    }
  });

  it('reads only what changed or falls due, not every overdue renewal, once it has a cursor', async () => {
    const feed = counting(createMemoryStore({ changes: true }));
    const offices = [testJobs(feed.store), testJobs(createMemoryStore())];
    for (const h of offices) {
      const workPermit = await elifsOffice(h);
      // 120 renewals fall due one a day from 2026-01-10; by 2026-04-21 most are long overdue.
      for (let i = 0; i < 120; i++) await workPermit('2026-01-01', addDays('2026-01-10', i));
    }
    const both = async (day: string) => {
      const [withFeed, scanning] = await Promise.all(
        offices.map((h) => h.jobs.runDaily(tickAt(day))),
      );
      expect(withFeed!.escalations.escalated).toBe(scanning!.escalations.escalated);
      return { withFeed: withFeed!, scanning: scanning! };
    };
    for (let day = '2026-01-02'; day <= '2026-04-20'; day = addDays(day, 1)) await both(day);

    feed.read.renewals = 0;
    const quiet = await both('2026-04-21');
    // The renewal due 2026-04-18 and the URGENT task of the one due 2026-04-25 escalate today.
    expect(quiet.withFeed.escalations.escalated).toBe(2);
    // The full scan looks at every overdue renewal; the feed at the one due today, the one that
    // turned OVERDUE, and the URGENT tasks due within five days (8 − 3).
    expect(quiet.scanning.escalations.checked).toBeGreaterThan(90);
    expect(quiet.withFeed.escalations.checked).toBeLessThanOrEqual(8);
    expect(feed.read.renewals).toBeLessThan(20);

    // A change of the office's days reads everything once, and applies to what is overdue.
    for (const h of offices)
      valueOf(await h.jobs.settings.saveOffice(at('2026-04-21', '12:00'), office(1)));
    const changed = await both('2026-04-22');
    expect(changed.withFeed.escalations.checked).toBeGreaterThan(90);
    // Due 2026-04-19 and -20 (three days were not up) and -21 escalate under one day.
    expect(changed.withFeed.escalations.escalated).toBeGreaterThanOrEqual(3);
  });

  it('a first run leaves its cursors after its own writes: the next day reads only what is new', async () => {
    const base = createMemoryStore({ changes: true });
    const fed = { records: 0 };
    const feed = base.changes!;
    const store: StorePort = {
      ...base,
      changes: {
        ...feed,
        async since(collection, mark, limit) {
          const page = await feed.since(collection, mark, limit);
          fed.records += page.records.length;
          return page;
        },
      },
    };
    const h = testJobs(store);
    const workPermit = await elifsOffice(h);
    for (let i = 0; i < 60; i++) await workPermit('2026-01-01', addDays('2025-12-01', i));
    // The first run escalates the ones overdue long enough (events, tasks, notices written).
    const first = await h.jobs.runDaily(tickAt('2026-01-05'));
    expect(first.escalations.escalated).toBeGreaterThan(20);
    const shown = h.shown.length;

    fed.records = 0;
    await h.jobs.runDaily(tickAt('2026-01-06'));
    // New today: three renewals crossed (each written, with its event) and their alerts were
    // shown; the first run's escalation events are not read again by either job.
    expect(h.shown.slice(shown).map((n) => n.title)).toEqual([
      'Elif Kaya: Work permit due in 14 days (14 days alert)',
      'Elif Kaya: Work permit overdue since 2026-01-05',
      'Elif Kaya: Work permit due in 7 days (7 days alert)',
    ]);
    // 3 renewals for escalation, 3 events for escalation and 3 for delivery.
    expect(fed.records).toBeLessThanOrEqual(9);
  });
});
