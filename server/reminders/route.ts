import type { Notice } from '../../shared/notice.js';
import {
  preferenceOf,
  type Channel,
  type OfficeSettings,
  type StaffMember,
} from '../../shared/office.js';
import { digestId, routeFor } from '../../shared/reminders/digest.js';
import { recipientsOf } from '../../shared/reminders/recipients.js';
import type { Instant } from '../../shared/time/index.js';
import type { Database, Queryable } from '../db/database.js';
import { enqueueMail, enqueueWebhooks } from '../mail/outbox.js';
import { chatMessage, staffDigest, staffReminder, workerReminder } from './compose.js';
import { unsubscribeToken, unsubscribeUrl, workerOptedOut } from './unsubscribe.js';

/** What routing needs from the running server: its public address and the signing links. */
export type ReminderSettings = {
  /** Where people reach this server (PUBLIC_URL): links in emails start here. */
  publicUrl: string;
  /** A single-use link for a worker to sign a document instance; null when none can be made. */
  signingLink?(input: {
    officeId: string;
    instanceId: string;
    at: Instant;
  }): Promise<{ url: string; expiresAt: Instant } | null>;
  /** Called when mail or webhooks were queued, so the sender goes now rather than later. */
  queued?(): void;
};

const OUTGOING: readonly Exclude<Channel, 'desktop'>[] = ['email', 'webhook'];

/** The address a staff member has on an outgoing channel, if they gave one. */
function addressOf(member: StaffMember, channel: Exclude<Channel, 'desktop'>): string | null {
  const address = channel === 'email' ? member.email : member.webhookUrl;
  return address?.trim() ? address.trim() : null;
}

/** The per-person delivery id: one per channel, person and notice, on every server instance. */
export function deliveryId(channel: Channel, person: string, noticeId: string): string {
  return `${channel}:${person}:${noticeId}`;
}

/** Records a delivery; false when it was recorded before (by this or another instance). */
async function recordDelivery(
  tx: Queryable,
  row: {
    officeId: string;
    id: string;
    channel: Channel;
    recipient: string;
    notice: Notice;
    at: Instant;
    digestDue: Instant | null;
  },
): Promise<boolean> {
  const { rows } = await tx.query(
    `insert into deliveries (office_id, id, channel, recipient, notice, created_at, digest_due, sent_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (office_id, id) do nothing returning id`,
    [
      row.officeId,
      row.id,
      row.channel,
      row.recipient,
      JSON.stringify(row.notice),
      row.at,
      row.digestDue,
      row.digestDue ? null : row.at,
    ],
  );
  return rows.length > 0;
}

/** The notice as the ledger keeps it: what a digest later needs, nothing more. */
function kept(notice: Notice): Notice {
  const { id, title, body, route, urgent, digestOnly } = notice;
  return {
    id,
    title,
    body,
    route,
    ...(urgent ? { urgent } : {}),
    ...(digestOnly ? { digestOnly } : {}),
  };
}

/**
 * Routes one notice of an office to the people it is for, on email and webhooks: each person's
 * channel preference decides whether it goes now (queued in the outbox in the same transaction
 * as its delivery row) or waits for their digest; a worker's reminder goes to the worker by
 * email with a signing link. A notice already routed to a person on a channel is left alone.
 * Returns how many messages were queued.
 */
export async function routeNotice(
  db: Database,
  settings: ReminderSettings,
  input: {
    officeId: string;
    office: OfficeSettings;
    notice: Notice;
    at: Instant;
    worker?: { id: string; fullName: string; email?: string; active: boolean } | null;
  },
): Promise<number> {
  const { officeId, office, notice, at } = input;
  let queued = 0;
  if (notice.audience?.kind === 'worker') {
    const worker = input.worker;
    if (!worker?.active || !worker.email?.trim()) return 0;
    if (await workerOptedOut(db, officeId, worker.id)) return 0;
    const person = `worker:${worker.id}`;
    const id = deliveryId('email', person, notice.id);
    // Routed before: make no new signing link for it.
    const before = await db.query('select 1 from deliveries where office_id = $1 and id = $2', [
      officeId,
      id,
    ]);
    if (before.rows.length > 0) return 0;
    const link = notice.instanceId
      ? await settings.signingLink?.({ officeId, instanceId: notice.instanceId, at })
      : null;
    const token = await unsubscribeToken(db, { officeId, person });
    const message = workerReminder({
      workerName: worker.fullName,
      body: notice.body,
      signingUrl: link?.url ?? null,
      linkExpiresOn: link ? link.expiresAt.slice(0, 10) : null,
      officeName: office.officeName,
      unsubscribeUrl: unsubscribeUrl(settings.publicUrl, token),
    });
    await db.transaction(async (tx) => {
      if (
        !(await recordDelivery(tx, {
          officeId,
          id,
          channel: 'email',
          recipient: person,
          notice: kept(notice),
          at,
          digestDue: null,
        }))
      )
        return;
      queued += await enqueueMail(
        tx,
        [{ officeId, id, to: worker.email!.trim(), ...message }],
        new Date(at),
      );
    });
  } else {
    for (const staffId of recipientsOf(notice, office)) {
      const member = office.staff.find((s) => s.id === staffId);
      if (!member) continue;
      for (const channel of OUTGOING) {
        const address = addressOf(member, channel);
        if (!address) continue;
        const routing = routeFor(
          notice,
          preferenceOf(office, member, channel),
          at,
          office.timeZone,
        );
        if (routing.kind === 'off') continue;
        const id = deliveryId(channel, staffId, notice.id);
        const digestDue = routing.kind === 'digest' ? routing.due : null;
        const message =
          routing.kind === 'now' && channel === 'email'
            ? staffReminder({
                notice,
                officeName: office.officeName,
                publicUrl: settings.publicUrl,
                unsubscribeUrl: unsubscribeUrl(
                  settings.publicUrl,
                  await unsubscribeToken(db, { officeId, person: staffId }),
                ),
              })
            : null;
        await db.transaction(async (tx) => {
          const fresh = await recordDelivery(tx, {
            officeId,
            id,
            channel,
            recipient: staffId,
            notice: kept(notice),
            at,
            digestDue,
          });
          if (!fresh || routing.kind !== 'now') return;
          if (message)
            queued += await enqueueMail(
              tx,
              [{ officeId, id, to: address, ...message }],
              new Date(at),
            );
          else
            queued += await enqueueWebhooks(
              tx,
              [{ officeId, id, url: address, body: chatMessage([notice], settings.publicUrl) }],
              new Date(at),
            );
        });
      }
    }
  }
  if (queued > 0) settings.queued?.();
  return queued;
}

/**
 * Records desktop deliveries that devices claim: the ids nobody's other device showed to
 * `staffId` yet, which the asking device may now show.
 */
export async function claimDesktop(
  db: Database,
  input: { officeId: string; staffId: string; ids: readonly string[]; at: Instant },
): Promise<string[]> {
  const claimed: string[] = [];
  for (const noticeId of input.ids) {
    const { rows } = await db.query(
      `insert into deliveries (office_id, id, channel, recipient, notice, created_at, sent_at)
       values ($1, $2, 'desktop', $3, $4, $5, $5) on conflict (office_id, id) do nothing returning id`,
      [
        input.officeId,
        deliveryId('desktop', input.staffId, noticeId),
        input.staffId,
        JSON.stringify({ id: noticeId }),
        input.at,
      ],
    );
    if (rows.length > 0) claimed.push(noticeId);
  }
  return claimed;
}

type DueGroup = {
  office_id: string;
  recipient: string;
  channel: 'email' | 'webhook';
  digest_due: Date | string;
  ids: string[];
  notices: Notice[];
};

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * Sends the digests that are due by `at`: every reminder that waited for one person's digest on
 * one channel becomes one email (or one chat message), queued in the same transaction that marks
 * the reminders sent, under the digest's own id, so a digest goes out once. Returns how many.
 */
export async function dispatchDigests(
  db: Database,
  settings: ReminderSettings,
  at: Instant,
  readOffice: (officeId: string) => Promise<OfficeSettings>,
): Promise<number> {
  const { rows } = await db.query<DueGroup>(
    `select office_id, recipient, channel, digest_due,
            array_agg(id order by created_at, id) as ids,
            json_agg(notice order by created_at, id) as notices
     from deliveries
     where sent_at is null and digest_due is not null and digest_due <= $1
     group by office_id, recipient, channel, digest_due
     order by digest_due limit 200`,
    [at],
  );
  let sent = 0;
  for (const group of rows) {
    const office = await readOffice(group.office_id);
    const member = office.staff.find((s) => s.id === group.recipient);
    const address = member ? addressOf(member, group.channel) : null;
    const due = iso(group.digest_due);
    const id = digestId(group.channel, group.recipient, due);
    const weekly =
      (member && preferenceOf(office, member, group.channel).mode === 'weekly') ||
      group.notices.every((n) => n.digestOnly);
    const unsubscribe = unsubscribeUrl(
      settings.publicUrl,
      await unsubscribeToken(db, { officeId: group.office_id, person: group.recipient }),
    );
    await db.transaction(async (tx) => {
      await tx.query(
        `update deliveries set sent_at = $3 where office_id = $1 and id = any($2::text[]) and sent_at is null`,
        [group.office_id, group.ids, at],
      );
      // Someone who left the staff, or removed their address, gets nothing; the items are done.
      if (!address) return;
      if (group.channel === 'email') {
        const message = staffDigest({
          items: group.notices,
          weekly,
          officeName: office.officeName,
          publicUrl: settings.publicUrl,
          unsubscribeUrl: unsubscribe,
        });
        sent += await enqueueMail(
          tx,
          [{ officeId: group.office_id, id, to: address, ...message }],
          new Date(at),
        );
      } else {
        const heading = `${weekly ? 'Weekly' : 'Daily'} NoLapse digest (${group.notices.length})`;
        sent += await enqueueWebhooks(
          tx,
          [
            {
              officeId: group.office_id,
              id,
              url: address,
              body: chatMessage(group.notices, settings.publicUrl, heading),
            },
          ],
          new Date(at),
        );
      }
    });
  }
  if (sent > 0) settings.queued?.();
  return sent;
}
