// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityViolations } from './invariants.test-support.js';
import { webhookServer } from './jobs.test-support.js';
import { createMemoryStore } from './memory-store.js';
import { allRecords, liveThroughTheYear } from './year.test-support.js';

let hook: Awaited<ReturnType<typeof webhookServer>>;
beforeAll(async () => {
  hook = await webhookServer((_req, body, res) => {
    const { renewalEvent } = JSON.parse(body) as { renewalEvent: string };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      renewalEvent === 'create' ? JSON.stringify({ renewalTransactionType: 'reviewed' }) : '{}',
    );
  });
});
afterAll(() => hook.close());

describe('a year of daily ticks, headless, on the in-memory store', () => {
  it('runs every domain through its whole life with no clock, DOM or database', async () => {
    const store = createMemoryStore();
    const log = await liveThroughTheYear(store, hook.url);
    const records = await allRecords(store);
    const renewals = records.renewals as {
      id: string;
      status: string;
      dueDate: string;
      serviceType: string;
    }[];
    const events = (
      records.events as { at: string; type: string; stage?: string; subjectId: string }[]
    ).sort((a, b) => (a.at < b.at ? -1 : 1));

    // A work permit renewal crosses every threshold, then lapses.
    const work = renewals.find((r) => r.serviceType === 'WORK_PERMIT')!;
    const ofWork = (type: string) =>
      events.filter((e) => e.subjectId === work.id && e.type === type).map((e) => e.stage);
    // Nobody acted on it: its URGENT task escalated, then its being overdue, once each.
    expect(ofWork('RENEWAL_ESCALATED')).toEqual(['T7', 'OVERDUE']);
    expect(ofWork('RENEWAL_TRIGGERED')).toEqual(['T90', 'T60', 'T30', 'T14', 'T7', 'OVERDUE']);
    expect(work.status).toBe('OVERDUE');
    // The monthly renewal completed in March was followed by April's.
    expect(
      renewals.filter((r) => r.serviceType === 'VISA_EXTENSION').map((r) => [r.dueDate, r.status]),
    ).toEqual([
      ['2026-03-31', 'COMPLETED'],
      ['2026-04-30', 'OVERDUE'],
    ]);
    // The approved residence permit got its renewal.
    expect(renewals.filter((r) => r.serviceType === 'RESIDENCE_PERMIT')).toHaveLength(1);
    // Each three-month NDA lapses into grace and blocks Maria until she re-signs; the one
    // signed in August expired in November and waits for her.
    expect(log.compliance).toEqual({
      '2026-04-01': 'valid',
      '2026-04-08': 'grace',
      '2026-04-15': 'blocked',
      '2026-04-21': 'valid',
    });
    const instances = records.instances as { status: string; renewalNumber: number }[];
    expect(instances.map((i) => [i.renewalNumber, i.status])).toEqual([
      [0, 'expired'],
      [1, 'expired'],
      [2, 'expired'],
      [3, 'required'],
    ]);
    // The policy renewed itself once, with both plugins at each of the three steps.
    const [policy] = records.policies as { terms: unknown[] }[];
    expect(policy!.terms).toHaveLength(2);
    expect(
      hook.bodies.map((b) => (JSON.parse(b) as { renewalEvent: string }).renewalEvent),
    ).toEqual(['create', 'accept', 'issue']);
    expect(records.transactions).toEqual([
      expect.objectContaining({ type: 'reviewed', state: 'issued' }),
    ]);
    expect(integrityViolations(store, log.shown)).toEqual([]);
    expect(await store.journal.pending()).toEqual([]);
  });
});
