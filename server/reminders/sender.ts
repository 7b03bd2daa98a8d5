import type { FastifyBaseLogger } from 'fastify';
import { readOffice } from '../../shared/jobs/context.js';
import { webhookAllowedHosts } from '../../shared/office.js';
import type { Database } from '../db/database.js';
import { officePorts } from '../jobs/office-jobs.js';
import type { MailConfig } from '../mail/mail-config.js';
import { sendDueMail, sendDueWebhooks, type MailTransport } from '../mail/outbox.js';
import { smtpTransport } from '../mail/smtp.js';
import { postOutbound } from '../net/outbound-post.js';
import { dispatchDigests } from './route.js';
import { reminderSettingsOf } from './settings.js';

/** How often the sender looks for due digests and mail to retry when nothing wakes it sooner. */
const SEND_EVERY_MS = 15_000;
const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * Posts a chat message under the webhook rules plugins follow (no redirects, private targets
 * only when the office allows the host, 64 KiB read, one deadline; see server/net), with the
 * outbox row's id as its Idempotency-Key. Chat services answer plain text, so any content type
 * is taken. Anything but a 2xx answer is an error, so the outbox retries it.
 */
export async function postChatMessage(
  url: string,
  body: string,
  options: { allowedHosts: readonly string[]; idempotencyKey: string },
): Promise<void> {
  const result = await postOutbound({
    url,
    body,
    timeoutMs: WEBHOOK_TIMEOUT_MS,
    expectJson: false,
    ...options,
  });
  if ('error' in result)
    throw new Error(
      result.error === 'timeout'
        ? `The webhook did not answer within ${WEBHOOK_TIMEOUT_MS / 1000} seconds.`
        : result.error,
    );
  if (result.status < 200 || result.status >= 300)
    throw new Error(`The webhook answered ${result.status}.`);
}

export type ReminderSender = {
  /** Runs a round now (after mail was queued); a round under way is followed by one more. */
  kick(): void;
  /** One round: due digests into the outbox, then the outbox out. Resolves when it is done. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Sends what reminders queued: the digests that fell due, then the outbox's email (when SMTP is
 * configured; otherwise it waits there) and webhook posts, with retries and backoff. One round
 * at a time per server instance; instances share the work through the outbox's row claims.
 */
export function startReminderSender(
  db: Database,
  log: FastifyBaseLogger,
  options: {
    mail: MailConfig | null;
    transport?: MailTransport;
    now?: () => Date;
    everyMs?: number;
  },
): ReminderSender {
  const now = options.now ?? (() => new Date());
  const transport = options.transport ?? (options.mail ? smtpTransport(options.mail) : null);
  let round: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  async function once() {
    const at = now().toISOString();
    const digests = await dispatchDigests(db, reminderSettingsOf(db), at, (officeId) =>
      readOffice(officePorts(db, officeId, log)),
    );
    const mail =
      transport && options.mail
        ? await sendDueMail(db, transport, { now, from: options.mail.from })
        : { sent: 0, failed: 0 };
    const allowed = new Map<string, Promise<string[]>>();
    const allowedHostsOf = (officeId: string) => {
      let hosts = allowed.get(officeId);
      if (!hosts) {
        hosts = readOffice(officePorts(db, officeId, log)).then(webhookAllowedHosts);
        allowed.set(officeId, hosts);
      }
      return hosts;
    };
    const hooks = await sendDueWebhooks(
      db,
      async (url, body, row) =>
        postChatMessage(url, body, {
          allowedHosts: await allowedHostsOf(row.officeId),
          idempotencyKey: row.id,
        }),
      { now },
    );
    if (digests + mail.sent + mail.failed + hooks.sent + hooks.failed > 0)
      log.info({ digests, mail, webhooks: hooks }, 'reminders sent');
  }

  function runNow(): Promise<void> {
    if (round) {
      again = true;
      return round;
    }
    round = (async () => {
      try {
        do {
          again = false;
          await once().catch((error) => log.error({ err: error }, 'sending reminders failed'));
        } while (again && !stopped);
      } finally {
        round = null;
      }
    })();
    return round;
  }

  const timer = setInterval(() => void runNow(), options.everyMs ?? SEND_EVERY_MS);
  if (!options.mail)
    log.warn(
      'Email is off: set SMTP_URL (or SMTP_HOST) and MAIL_FROM to send reminder emails. Until then they wait in the outbox.',
    );
  return {
    kick: () => {
      if (!stopped) void runNow();
    },
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await round;
      if (transport && 'close' in transport) (transport as { close(): void }).close();
    },
  };
}
