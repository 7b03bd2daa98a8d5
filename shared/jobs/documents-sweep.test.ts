import { describe, expect, it } from 'vitest';
import type { DocumentInstance } from '../schema/document-instance.js';
import { addDays } from '../time/index.js';
import { testJobs, tickAt } from './jobs.test-support.js';
import { createMemoryStore } from './memory-store.js';
import type { StorePort } from './store.js';

const SIGNATURE = 'data:image/png;base64,iVBORw0KGgo=';
const at = (date: string, time = '09:00') => `${date}T${time}:00.000Z`;

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: unknown }): V {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** A seeded stream of numbers in [0, 1). */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** The store as it is, counting the instances it hands out. */
function counting(store: StorePort) {
  const read = { instances: 0 };
  const wrapped: StorePort = {
    ...store,
    async find(collection, query) {
      const found = await store.find(collection, query);
      if (collection === 'instances') read.instances += found.length;
      return found;
    },
    async getMany(collection, ids) {
      const found = await store.getMany(collection, ids);
      if (collection === 'instances') read.instances += found.length;
      return found;
    },
  };
  return { store: wrapped, read };
}

/**
 * An office of `workers` people who each sign a quarterly NDA and a yearly policy, spread over
 * the first weeks; then `days` of daily runs in which people sign their renewals early or late
 * (or not at all), new documents are assigned, and the office is closed on some days. Returns
 * each day's documents summary and every notice shown, in order.
 */
async function simulate(store: StorePort, seed: number, days = 150, workers = 12) {
  const h = testJobs(store);
  const next = random(seed);
  const start = '2026-03-01';
  const quarterly = valueOf(
    await h.jobs.documents.createTemplate(at(start), {
      name: 'NDA',
      fields: [{ key: 'name', label: 'Full name', type: 'text', required: true }],
      body: 'I, {{name}}, keep secrets.',
      renewalModel: { kind: 'signature', renewalDurationMonths: 3 },
      gracePeriodDays: 7,
      blocking: true,
    }),
  ).template;
  const yearly = valueOf(
    await h.jobs.documents.createTemplate(at(start), {
      name: 'Data policy',
      fields: [{ key: 'name', label: 'Full name', type: 'text', required: true }],
      body: 'I, {{name}}, read the data policy.',
      renewalModel: { kind: 'signature', renewalDurationMonths: 12 },
    }),
  ).template;
  const people: string[] = [];
  for (let w = 0; w < workers; w++)
    people.push(
      valueOf(
        await h.jobs.documents.createWorker(at(start), {
          fullName: `Worker ${w}`,
          email: `w${w}@example.com`,
          phone: '',
          address: '',
          taxId: '',
        }),
      ).id,
    );
  const sign = async (when: string, instanceId: string) => {
    const opened = valueOf(await h.jobs.documents.open(when, instanceId));
    valueOf(
      await h.jobs.documents.sign(when, instanceId, {
        data: { ...opened.data, name: 'Signed' },
        signatureName: 'Signed',
        signatureImage: SIGNATURE,
      }),
    );
  };
  const log: string[] = [];
  for (let d = 0; d < days; d++) {
    const day = addDays(start, d);
    const when = at(day, '12:00');
    // The first weeks: each worker is given both documents and signs them.
    if (d < 3 * workers && d % 3 === 0) {
      const worker = people[d / 3]!;
      for (const template of [quarterly, yearly]) {
        const [assigned] = valueOf(await h.jobs.documents.assign(when, template.id, [worker]));
        await sign(when, assigned!.instanceId!);
      }
    }
    const open = (await store.find('instances', { selector: { status: 'required' } })).sort(
      (a, b) => (a.id < b.id ? -1 : 1),
    );
    const roll = next();
    if (open.length > 0 && roll < 0.25)
      await sign(when, open[Math.floor(next() * open.length)]!.id);
    else if (roll < 0.3) {
      // Renewed early, from the reminders' window.
      const signed = (await store.find('instances', { selector: { status: 'completed' } })).filter(
        (i: DocumentInstance) => i.expiresOn !== undefined && i.expiresOn <= addDays(day, 30),
      );
      const pick = signed.sort((a, b) => (a.id < b.id ? -1 : 1))[
        Math.floor(next() * signed.length)
      ];
      if (pick) {
        const renewal = await h.jobs.documents.renewEarly(when, pick.id);
        if (renewal.ok && next() < 0.7) await sign(when, renewal.value.id);
      }
    }
    if (next() < 0.15) continue;
    const summary = await h.jobs.runDaily(tickAt(day));
    log.push(`${day} ${JSON.stringify(summary.documents)}`);
  }
  return { log, shown: h.shown.map((n) => n.title) };
}

describe('the documents sweep on a change feed', () => {
  it('reminds, archives and renews exactly as a full read every day does, over five months', async () => {
    for (const seed of [1, 2, 3]) {
      const withFeed = await simulate(createMemoryStore({ changes: true }), seed);
      const reading = await simulate(createMemoryStore(), seed);
      expect(withFeed.log.filter((l) => l.includes('"archived":1')).length).toBeGreaterThan(3);
      expect(withFeed.shown.length).toBeGreaterThan(40);
      expect(withFeed).toEqual(reading);
    }
    // Six simulations of five months each: ~4.5 s alone, longer beside the other test files.
  }, 30_000);

  it('reads only the instances expiring within the reminders, not every signed one, once it has a cursor', async () => {
    const fed = counting(createMemoryStore({ changes: true }));
    const full = counting(createMemoryStore());
    // 40 workers, each with both documents signed: 80 signed instances.
    const offices = [fed, full].map((c) => simulate(c.store, 7, 125, 40));
    await Promise.all(offices);
    const quiet = async (c: typeof fed) => {
      c.read.instances = 0;
      const h = testJobs(c.store, { idPrefix: 'q' });
      await h.jobs.runDaily(tickAt('2026-07-05'));
      return c.read.instances;
    };
    const [withFeed, reading] = [await quiet(fed), await quiet(full)];
    expect(reading).toBeGreaterThan(60);
    expect(withFeed).toBeLessThan(reading / 2);
  });
});
