import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';

/** One email as the jobs plan it; `id` is deterministic, so planning it again queues nothing. */
export type OutgoingMail = {
  officeId: string;
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
};

export type OutboxKind = 'email' | 'webhook';

/** What sends one email: nodemailer over SMTP on the server, anything alike in a test. */
export type MailTransport = {
  send(mail: OutgoingMail & { messageId: string }): Promise<void>;
};

/** Queues emails; returns how many were new (an id already queued or sent is left alone). */
export async function enqueueMail(
  db: Queryable,
  mails: readonly OutgoingMail[],
  at: Date,
): Promise<number> {
  let added = 0;
  for (const mail of mails) {
    const result = await db.query(
      `insert into outbox (office_id, id, recipient, subject, text_body, html_body, created_at, next_attempt_at)
       values ($1, $2, $3, $4, $5, $6, $7, $7) on conflict (office_id, id) do nothing returning id`,
      [mail.officeId, mail.id, mail.to, mail.subject, mail.text, mail.html, at.toISOString()],
    );
    added += result.rows.length;
  }
  return added;
}

/** Wait before the next try after `attempts` failures: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/**
 * A stable Message-ID per outbox row: were a row ever sent twice (the process dying between
 * the SMTP server's acceptance and the commit), mail systems see one message.
 */
export function messageIdOf(mail: Pick<OutgoingMail, 'officeId' | 'id'>, from: string): string {
  const domain = /@([^@\s>]+)>?$/.exec(from)?.[1] ?? 'nolapse.invalid';
  const digest = createHash('sha256').update(`${mail.officeId}\n${mail.id}`).digest('hex');
  return `<${digest.slice(0, 32)}@${domain}>`;
}

export type DrainResult = { sent: number; failed: number };

type OutboxRow = {
  office_id: string;
  id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
};

/** How long a claimed row is left to its sender before another may try it (a crash mid-send). */
const LEASE_MS = 10 * 60_000;

/**
 * Sends the outbox rows of one kind that are due, oldest first, one at a time: a short
 * transaction claims a row (other server instances skip it, and a sender that dies leaves it to
 * be retried when its lease ends), it goes out with no transaction open (a slow SMTP server or
 * webhook never holds the database), then the row is marked sent, or given its error and its
 * next try. Nothing is dropped; a row is marked sent once.
 */
async function drain(
  db: Database,
  kind: OutboxKind,
  send: (row: OutboxRow) => Promise<void>,
  options: { now: () => Date; limit?: number },
): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, failed: 0 };
  for (let i = 0; i < (options.limit ?? 100); i++) {
    const claimedAt = options.now();
    const { rows } = await db.query<OutboxRow>(
      `update outbox set attempts = attempts + 1, next_attempt_at = $2
       where (office_id, id) = (
         select office_id, id from outbox
         where sent_at is null and kind = $3 and next_attempt_at <= $1
         order by next_attempt_at, created_at limit 1 for update skip locked)
       returning office_id, id, recipient, subject, text_body, html_body, attempts`,
      [claimedAt.toISOString(), new Date(claimedAt.getTime() + LEASE_MS).toISOString(), kind],
    );
    const row = rows[0];
    if (!row) break;
    try {
      await send(row);
    } catch (error) {
      const failedAt = options.now();
      await db.query(
        `update outbox set last_error = $3, next_attempt_at = $4 where office_id = $1 and id = $2`,
        [
          row.office_id,
          row.id,
          error instanceof Error ? error.message.slice(0, 500) : String(error),
          new Date(failedAt.getTime() + retryDelayMs(row.attempts)).toISOString(),
        ],
      );
      result.failed += 1;
      continue;
    }
    await db.query(
      `update outbox set sent_at = $3, last_error = null where office_id = $1 and id = $2`,
      [row.office_id, row.id, options.now().toISOString()],
    );
    result.sent += 1;
  }
  return result;
}

/** Sends the emails that are due (see `drain`). */
export async function sendDueMail(
  db: Database,
  transport: MailTransport,
  options: { now: () => Date; from: string; limit?: number },
): Promise<DrainResult> {
  return drain(
    db,
    'email',
    async (row) => {
      const mail: OutgoingMail = {
        officeId: row.office_id,
        id: row.id,
        to: row.recipient,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
      };
      await transport.send({ ...mail, messageId: messageIdOf(mail, options.from) });
    },
    options,
  );
}

/** One webhook post as the reminders plan it: Slack- or Teams-style JSON to a person's URL. */
export type OutgoingWebhook = { officeId: string; id: string; url: string; body: string };

/** Queues webhook posts; like `enqueueMail`, an id already queued or sent is left alone. */
export async function enqueueWebhooks(
  db: Queryable,
  posts: readonly OutgoingWebhook[],
  at: Date,
): Promise<number> {
  let added = 0;
  for (const post of posts) {
    const result = await db.query(
      `insert into outbox (office_id, id, kind, recipient, subject, text_body, html_body, created_at, next_attempt_at)
       values ($1, $2, 'webhook', $3, '', $4, '', $5, $5) on conflict (office_id, id) do nothing returning id`,
      [post.officeId, post.id, post.url, post.body, at.toISOString()],
    );
    added += result.rows.length;
  }
  return added;
}

/**
 * Posts the webhooks that are due (see `drain`). `post` rejects on anything but a 2xx answer,
 * so a chat service that is down delays the message and retries it. `row` says whose office's
 * rules apply and names the message (its id is stable, so a retry can be recognised).
 */
export async function sendDueWebhooks(
  db: Database,
  post: (url: string, body: string, row: { officeId: string; id: string }) => Promise<void>,
  options: { now: () => Date; limit?: number },
): Promise<DrainResult> {
  return drain(
    db,
    'webhook',
    (row) => post(row.recipient, row.text_body, { officeId: row.office_id, id: row.id }),
    options,
  );
}

/** The outbox of one office as an admin sees it: what waits, why, and what went. */
export async function outboxStatus(db: Queryable, officeId: string) {
  const { rows } = await db.query<{
    waiting: string;
    failing: string;
    sent: string;
    last_error: string | null;
  }>(
    `select count(*) filter (where sent_at is null) as waiting,
            count(*) filter (where sent_at is null and attempts > 0) as failing,
            count(*) filter (where sent_at is not null) as sent,
            (array_agg(last_error order by next_attempt_at desc) filter (where sent_at is null and last_error is not null))[1] as last_error
     from outbox where office_id = $1`,
    [officeId],
  );
  const row = rows[0]!;
  return {
    waiting: Number(row.waiting),
    failing: Number(row.failing),
    sent: Number(row.sent),
    lastError: row.last_error,
  };
}
