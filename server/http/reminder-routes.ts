import type { OfficeSettings } from '../../shared/office.js';
import {
  MAX_CLAIM_IDS,
  MAX_ID_LENGTH,
  type DeliveryClaim,
  type DeliveryClaimed,
} from '../../shared/sync/protocol.js';
import type { Database } from '../db/database.js';
import { officeJobs, officePorts } from '../jobs/office-jobs.js';
import { outboxStatus } from '../mail/outbox.js';
import { readOffice } from '../../shared/jobs/context.js';
import { claimDesktop } from '../reminders/route.js';
import { readUnsubscribeToken, type Subscriber } from '../reminders/unsubscribe.js';
import { adminOf, callerOf, type RouteModule } from './app.js';
import { HttpError } from './errors.js';

function claimOr400(body: unknown): DeliveryClaim {
  const claim = body as Partial<DeliveryClaim> | null;
  if (
    !claim ||
    claim.channel !== 'desktop' ||
    typeof claim.staffId !== 'string' ||
    claim.staffId.length === 0 ||
    claim.staffId.length > MAX_ID_LENGTH ||
    !Array.isArray(claim.ids) ||
    claim.ids.length > MAX_CLAIM_IDS ||
    claim.ids.some((id) => typeof id !== 'string' || id.length === 0 || id.length > 300)
  )
    throw new HttpError(
      400,
      'bad_request',
      `Send {"channel": "desktop", "staffId": "<staff id>", "ids": [<at most ${MAX_CLAIM_IDS} notice ids>]}.`,
    );
  return claim as DeliveryClaim;
}

/** A small page of its own for the unsubscribe link: no app, no script, one form. */
function page(title: string, body: string): string {
  const style =
    'font-family: -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif; max-width: 520px; margin: 12vh auto; padding: 0 20px; color: #1f2933; line-height: 1.5';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · NoLapse</title></head><body><main style="${style}"><h1 style="font-size: 22px">${title}</h1>${body}</main></body></html>`;
}

const NOT_A_LINK = page(
  'This link is not valid',
  '<p>Copy the whole link from the email, or ask your office.</p>',
);

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Turns a person's reminder emails off: a staff member's email channel, or a worker's emails. */
async function unsubscribe(db: Database, who: Subscriber, at: string): Promise<string> {
  const { rows } = await db.query<{ name: string }>('select name from offices where id = $1', [
    who.officeId,
  ]);
  const officeName = rows[0]?.name ?? 'your office';
  if (who.person.startsWith('worker:')) {
    await db.query(
      'insert into email_opt_outs (office_id, person, at) values ($1, $2, $3) on conflict do nothing',
      [who.officeId, who.person, at],
    );
    return `You will get no more reminder emails from ${escape(officeName)} through NoLapse. Your documents still expire on their dates: ask ${escape(officeName)} to send you a signing link when one is due.`;
  }
  const jobs = officeJobs(db, who.officeId);
  for (let attempt = 0; attempt < 3; attempt++) {
    const office: OfficeSettings = await readOffice(officePorts(db, who.officeId));
    const member = office.staff.find((s) => s.id === who.person);
    if (!member) return 'You are no longer on this office’s staff, so NoLapse sends you nothing.';
    const current = member.reminders?.email;
    const saved = await jobs.settings.saveOffice(at, {
      ...office,
      staff: office.staff.map((s) =>
        s.id === member.id
          ? {
              ...s,
              reminders: {
                ...s.reminders,
                email: { mode: 'off', at: current?.at ?? '08:00', weekday: current?.weekday ?? 1 },
              },
            }
          : s,
      ),
    });
    if (saved.ok)
      return `NoLapse will email you no more reminders or digests. Desktop notifications are unchanged. To get emails again, choose how in NoLapse: Settings → Staff → ${escape(member.name)} → Reminders.`;
  }
  throw new HttpError(409, 'conflict', 'The office settings kept changing; open the link again.');
}

/**
 * What reminders need over HTTP: devices claiming desktop notices (one per person across their
 * devices), the unsubscribe link every email carries, and the outbox's state for admins.
 */
export const reminderRoutes: RouteModule = async (app, db) => {
  app.post('/sync/deliveries', async (request): Promise<DeliveryClaimed> => {
    const caller = callerOf(request);
    const claim = claimOr400(request.body);
    if (caller.staffId && caller.staffId !== claim.staffId)
      throw new HttpError(
        403,
        'forbidden',
        'This device’s token belongs to another staff member; it can only claim that person’s notices.',
      );
    return {
      claimed: await claimDesktop(db, {
        officeId: caller.officeId,
        staffId: claim.staffId,
        ids: claim.ids,
        at: new Date().toISOString(),
      }),
    };
  });

  app.get('/admin/outbox', async (request) => outboxStatus(db, adminOf(request).officeId));

  await app.register(async (scope) => {
    // One-click unsubscribe (RFC 8058) posts a form; nothing in the form is read.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => done(null, body),
    );
    scope.get<{ Params: { token: string } }>('/unsubscribe/:token', async (request, reply) => {
      const who = await readUnsubscribeToken(db, request.params.token);
      reply.type('text/html; charset=utf-8');
      if (!who) return reply.status(404).send(NOT_A_LINK);
      const what = who.person.startsWith('worker:')
        ? 'reminder emails about your documents'
        : 'reminder and digest emails';
      return page(
        'Stop NoLapse emails?',
        `<p>You will get no more ${what}.</p><form method="post"><button type="submit" style="font-size: 16px; padding: 10px 18px">Stop these emails</button></form>`,
      );
    });
    scope.post<{ Params: { token: string } }>('/unsubscribe/:token', async (request, reply) => {
      reply.type('text/html; charset=utf-8');
      const who = await readUnsubscribeToken(db, request.params.token);
      if (!who) return reply.status(404).send(NOT_A_LINK);
      const message = await unsubscribe(db, who, new Date().toISOString());
      return page('You are unsubscribed', `<p>${message}</p>`);
    });
  });
};
