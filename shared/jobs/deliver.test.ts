import { beforeEach, describe, expect, it } from 'vitest';
import type { Notice } from '../notice.js';
import { defaultOfficeSettings, type OfficeSettings } from '../office.js';
import { testJobs } from './jobs.test-support.js';
import { createMemoryStore } from './memory-store.js';
import { deliver, deliverDigests, nextDigestDue } from './plan.js';
import type { DevicePort } from './ports.js';

const office: OfficeSettings = {
  ...defaultOfficeSettings('UTC'),
  officeName: 'Ikamet',
  staff: [
    { id: 'ayse', name: 'Ayşe', admin: true },
    { id: 'can', name: 'Can', reminders: { desktop: { mode: 'daily', at: '08:00', weekday: 1 } } },
    { id: 'deniz', name: 'Deniz' },
  ],
};

const notice = (id: string, extra: Partial<Notice> = {}): Notice => ({
  id,
  title: `Title ${id}`,
  body: `Body ${id}`,
  route: '/queue',
  ...extra,
});
const forStaff = (staffId: string) => ({ audience: { kind: 'staff' as const, staffId } });

/** The office server's delivery ledger, as far as devices see it: the first claim wins. */
function claimLedger() {
  const claimed = new Set<string>();
  const claim: NonNullable<DevicePort['claim']> = async (channel, staffId, ids) =>
    ids.filter((id) => {
      const key = `${channel}:${staffId}:${id}`;
      if (claimed.has(key)) return false;
      claimed.add(key);
      return true;
    });
  return { claim, claimed };
}

async function deviceOf(me: string | null, claim?: DevicePort['claim']) {
  const h = testJobs(createMemoryStore(), {
    device: { me: () => me, ...(claim ? { claim } : {}) },
  });
  await h.jobs.settings.saveOffice('2026-11-23T07:00:00.000Z', office);
  return h;
}

describe('notices on a device someone uses', () => {
  it('shows what is for its person, and everything on a shared device', async () => {
    const notices = [
      notice('for-deniz', forStaff('deniz')),
      notice('for-ayse', forStaff('ayse')),
      notice('nobodys'), // no assignee: the admins
      notice('gone', forStaff('left-the-office')), // not on the staff any more: the admins
      notice('worker', { audience: { kind: 'worker', workerId: 'w1' } }),
    ];
    const deniz = await deviceOf('deniz');
    expect(await deliver(deniz.ports, notices, '2026-11-23T09:00:00.000Z')).toBe(1);
    expect(deniz.shown.map((n) => n.id)).toEqual(['for-deniz']);
    expect((await deniz.ports.store.find('notifications', {})).map((n) => n.id)).toEqual([
      'for-deniz',
    ]);

    const ayse = await deviceOf('ayse');
    await deliver(ayse.ports, notices, '2026-11-23T09:00:00.000Z');
    expect(ayse.shown.map((n) => n.id)).toEqual(['for-ayse', 'nobodys', 'gone']);

    const frontDesk = await deviceOf(null);
    await deliver(frontDesk.ports, notices, '2026-11-23T09:00:00.000Z');
    expect(frontDesk.shown.map((n) => n.id)).toEqual(notices.map((n) => n.id));
  });

  it('holds reminders for a daily digest, shows urgent ones at once, then one digest at its time', async () => {
    const can = await deviceOf('can');
    await deliver(
      can.ports,
      [
        notice('t30', forStaff('can')),
        notice('t14', forStaff('can')),
        notice('t7', { ...forStaff('can'), urgent: true }),
      ],
      '2026-11-23T09:00:00.000Z',
    );
    expect(can.shown.map((n) => n.id)).toEqual(['t7']);
    // Every one is in the notification centre at once; two wait for tomorrow's 08:00 digest.
    const ledger = await can.ports.store.find('notifications', { sort: [{ id: 'asc' }] });
    expect(ledger.map((n) => [n.id, n.digestDue])).toEqual([
      ['t14', '2026-11-24T08:00:00.000Z'],
      ['t30', '2026-11-24T08:00:00.000Z'],
      ['t7', ''],
    ]);
    expect(nextDigestDue(ledger, null)).toBe('2026-11-24T08:00:00.000Z');

    expect(await deliverDigests(can.ports, '2026-11-24T07:59:00.000Z')).toBe(0);
    expect(await deliverDigests(can.ports, '2026-11-24T08:00:00.000Z')).toBe(1);
    expect(can.shown.slice(1)).toEqual([
      {
        id: 'digest:desktop:can:2026-11-24T08:00:00.000Z',
        title: 'Your digest: 2 reminders',
        body: 'Title t14; Title t30.',
        route: '/notifications',
        urgent: true,
      },
    ]);
    // Taken: a later run shows nothing more, and nothing waits any longer.
    expect(await deliverDigests(can.ports, '2026-11-24T09:00:00.000Z')).toBe(0);
    const after = await can.ports.store.find('notifications', {});
    expect(nextDigestDue(after, null)).toBeNull();
    expect(after.find((n) => n.id === 't30')).toMatchObject({
      digestedAt: '2026-11-24T08:00:00.000Z',
      // Out of the range of waiting notices (notifications v3).
      digestDue: '',
    });
  });

  it('leaves out of the digest what the person already read, and sends none when that is all', async () => {
    const can = await deviceOf('can');
    await deliver(can.ports, [notice('t30', forStaff('can'))], '2026-11-23T09:00:00.000Z');
    await can.jobs.notifications.markAllRead('2026-11-23T10:00:00.000Z');
    expect(await deliverDigests(can.ports, '2026-11-24T08:00:00.000Z')).toBe(0);
    expect(can.shown).toEqual([]);
    expect((await can.ports.store.get('notifications', 't30'))?.digestedAt).toBe(
      '2026-11-24T08:00:00.000Z',
    );
  });

  it('shows a reminder once to a person across their two devices, through the server’s ledger', async () => {
    const server = claimLedger();
    const laptop = await deviceOf('deniz', server.claim);
    const desktop = await deviceOf('deniz', server.claim);
    const alert = notice('notif:evt_1', forStaff('deniz'));
    await deliver(laptop.ports, [alert], '2026-11-23T09:00:00.000Z');
    await deliver(desktop.ports, [alert], '2026-11-23T09:05:00.000Z');
    expect(laptop.shown.map((n) => n.id)).toEqual(['notif:evt_1']);
    expect(desktop.shown).toEqual([]);
    // Both devices list it in their notification centre.
    expect(await desktop.ports.store.get('notifications', 'notif:evt_1')).not.toBeNull();
    expect([...server.claimed]).toEqual(['desktop:deniz:notif:evt_1']);
  });

  it('shows reminders when the server cannot be asked, rather than never', async () => {
    const offline = await deviceOf('deniz', async () => null);
    const failing = await deviceOf('deniz', async () => {
      throw new Error('connection refused');
    });
    await deliver(offline.ports, [notice('a', forStaff('deniz'))], '2026-11-23T09:00:00.000Z');
    await deliver(failing.ports, [notice('a', forStaff('deniz'))], '2026-11-23T09:00:00.000Z');
    expect(offline.shown.map((n) => n.id)).toEqual(['a']);
    expect(failing.shown.map((n) => n.id)).toEqual(['a']);
  });
});

describe('a renewal alert from the daily run', () => {
  let h: Awaited<ReturnType<typeof deviceOf>>;
  beforeEach(async () => {
    h = await deviceOf('can');
  });

  it('reaches the assignee’s device the way they take desktop reminders', async () => {
    const customer = await h.jobs.renewals.createCustomer('2026-11-23T09:00:00.000Z', {
      name: 'Maria Lopez',
      assigneeId: 'can',
    });
    if (!customer.ok) throw new Error('customer refused');
    const renewal = await h.jobs.renewals.createRenewal(
      '2026-11-23T09:00:00.000Z',
      customer.value.id,
      { serviceType: 'WORK_PERMIT', dueDate: '2026-12-20', assigneeId: 'can' },
    );
    expect(renewal.ok).toBe(true);
    await h.jobs.runDaily({ reason: 'daily', at: '2026-11-23T09:30:00.000Z' });
    // 27 days out: the T30 alert is not urgent, so Can gets it in tomorrow's digest.
    expect(h.shown).toEqual([]);
    const summary = await h.jobs.runDaily({ reason: 'daily', at: '2026-11-24T08:00:00.000Z' });
    expect(summary.digests).toBe(1);
    expect(h.shown).toHaveLength(1);
    expect(h.shown[0]!.title).toBe('Your digest: 1 reminder');
    expect(h.shown[0]!.body).toContain('Maria Lopez');
  });
});

describe('work handed to someone', () => {
  it('reaches the person it was handed to, on their device, with the note', async () => {
    const deniz = await deviceOf('deniz');
    const at = '2026-11-23T09:00:00.000Z';
    const customer = await deniz.jobs.renewals.createCustomer(at, {
      name: 'Maria Lopez',
      assigneeId: 'ayse',
    });
    if (!customer.ok) throw new Error('customer refused');
    const renewal = await deniz.jobs.renewals.createRenewal(at, customer.value.id, {
      serviceType: 'WORK_PERMIT',
      dueDate: '2026-12-05', // 12 days: a HIGH task for Ayşe
      assigneeId: 'ayse',
    });
    if (!renewal.ok) throw new Error('renewal refused');
    expect(deniz.shown).toEqual([]); // Ayşe's alert is not Deniz's
    const [task] = await deniz.ports.store.find('tasks', {
      selector: { renewalId: renewal.value.id },
    });
    const handed = await deniz.jobs.tasks.reassignTask('2026-11-23T10:00:00.000Z', task!.id, {
      assigneeId: 'deniz',
      note: 'Ayşe is on leave',
    });
    expect(handed.ok).toBe(true);
    // Synced to Deniz's device, the hand-over reaches him at its next run.
    await deniz.jobs.runDaily({ reason: 'daily', at: '2026-11-23T10:05:00.000Z' });
    expect(deniz.shown).toEqual([
      expect.objectContaining({
        title: `Maria Lopez: ${task!.title}: now with Deniz (was Ayşe)`,
        body: 'Ayşe is on leave',
        route: '/tasks',
      }),
    ]);
  });
});
