import type { Notice } from '../notice.js';
import { preferenceOf, type OfficeSettings, type StaffMember } from '../office.js';
import { digestNotice, routeFor, type Routing } from '../reminders/digest.js';
import { showsOnDevice } from '../reminders/recipients.js';
import type { DeliveredNotification } from '../schema/notification.js';
import type { Instant } from '../time/index.js';
import { readOffice } from './context.js';
import type { JobPorts } from './ports.js';

/** A ledger record for a notice: delivered at `at`, waiting for a digest when `digestDue` is set. */
function ledgerRecord(notice: Notice, at: Instant, digestDue: Instant | ''): DeliveredNotification {
  return {
    id: notice.id,
    title: notice.title,
    body: notice.body,
    route: notice.route,
    ...(notice.sourceEventId ? { sourceEventId: notice.sourceEventId } : {}),
    deliveredAt: at,
    readAt: '',
    digestDue,
    digestedAt: null,
  };
}

/** The staff member a device's person is, or a plain member for a shared device's defaults. */
function memberOf(office: OfficeSettings, me: string | null): StaffMember {
  return office.staff.find((s) => s.id === me) ?? { id: me ?? '', name: '' };
}

/**
 * Shows notices on the device, unless its person paused reminders. With a person and an office
 * server, the server is asked first which of them nobody's other device showed yet (the
 * per-person delivery ledger); when it cannot be asked (offline), the device shows them: a
 * reminder shown twice beats one never shown.
 */
async function show(
  ports: JobPorts,
  notices: readonly Notice[],
  at: Instant,
  me: string | null,
): Promise<void> {
  if (notices.length === 0 || ports.effects.paused?.()) return;
  let shown = notices;
  const claim = ports.device?.claim;
  if (me && claim) {
    const claimed = await claim(
      'desktop',
      me,
      notices.map((n) => n.id),
    ).catch(() => null);
    if (claimed) {
      const ids = new Set(claimed);
      shown = notices.filter((n) => ids.has(n.id));
    }
  }
  for (const notice of shown) await ports.effects.show(notice, at);
}

/**
 * Delivers notices once on this device: the ledger records each first (a second run, or a
 * notice another device also planned, is skipped), then the new ones are shown. A notice in the
 * ledger is delivered: the notification centre lists it even if the toast was lost to a crash.
 *
 * On a device that knows its people (`ports.device`), only notices for the person using it are
 * delivered (everything on a shared device), and each one the way that person takes desktop
 * reminders: at once, in their next digest (`deliverDigests`), or only in the notification
 * centre. Without it (the server, tests of the rules) every notice is delivered and shown,
 * and the server's effects route it to people's email and webhooks.
 */
export async function deliver(
  ports: JobPorts,
  notices: readonly Notice[],
  at: Instant,
): Promise<number> {
  if (notices.length === 0) return 0;
  let unique = [...new Map(notices.map((n) => [n.id, n])).values()];
  const device = ports.device;
  let routing = (_notice: Notice): Routing => ({ kind: 'now' });
  const me = device?.me() ?? null;
  if (device) {
    const office = await readOffice(ports);
    unique = unique.filter((n) => showsOnDevice(n, office, me));
    if (unique.length === 0) return 0;
    const preference = preferenceOf(office, memberOf(office, me), 'desktop');
    routing = (notice) => routeFor(notice, preference, at, office.timeZone);
  }
  const routed = unique.map((notice) => ({ notice, routing: routing(notice) }));
  const { existing } = await ports.store.insert(
    'notifications',
    routed.map(({ notice, routing: r }) =>
      ledgerRecord(notice, at, r.kind === 'digest' ? r.due : ''),
    ),
  );
  const known = new Set(existing.map((n) => n.id));
  const fresh = routed.filter(({ notice }) => !known.has(notice.id));
  await show(
    ports,
    fresh.filter(({ routing: r }) => r.kind === 'now').map(({ notice }) => notice),
    at,
    me,
  );
  return fresh.length;
}

/**
 * Sends the digests that are due on this device: the notices that waited for a digest due by
 * `at` become one notice per digest time (what was already read in the notification centre is
 * left out), and are marked as taken. Returns how many digests were shown.
 */
export async function deliverDigests(ports: JobPorts, at: Instant): Promise<number> {
  if (!ports.device) return 0;
  const waiting = await ports.store.find('notifications', {
    selector: { digestDue: { $gt: '', $lte: at }, digestedAt: null },
    sort: [{ digestDue: 'asc' }, { deliveredAt: 'asc' }, { id: 'asc' }],
  });
  if (waiting.length === 0) return 0;
  const me = ports.device.me();
  const byDue = new Map<string, DeliveredNotification[]>();
  for (const record of waiting)
    byDue.set(record.digestDue, [...(byDue.get(record.digestDue) ?? []), record]);
  let digests = 0;
  for (const [due, records] of byDue) {
    const unread = records.filter((r) => r.readAt === '');
    const notice =
      unread.length > 0
        ? digestNotice(unread, { channel: 'desktop', who: me ?? 'device', due })
        : null;
    if (notice) {
      const { existing } = await ports.store.insert('notifications', [
        ledgerRecord(notice, at, ''),
      ]);
      if (existing.length === 0) {
        await show(ports, [notice], at, me);
        digests += 1;
      }
    }
    for (const record of records) {
      const current = await ports.store.get('notifications', record.id);
      if (current && current.digestedAt === null)
        await ports.store.update('notifications', [
          // No longer waiting: out of the digestDue range the wake and this read go through.
          { before: current, after: { ...current, digestDue: '', digestedAt: at } },
        ]);
    }
  }
  return digests;
}

/** When this device's next digest is due after `after`, from its waiting notices; null if none. */
export function nextDigestDue(
  waiting: readonly Pick<DeliveredNotification, 'digestDue' | 'digestedAt'>[],
  after: Instant | null,
): Instant | null {
  let next: Instant | null = null;
  for (const { digestDue, digestedAt } of waiting) {
    if (digestDue === '' || digestedAt !== null) continue;
    if (after !== null && digestDue <= after) continue;
    if (next === null || digestDue < next) next = digestDue;
  }
  return next;
}
